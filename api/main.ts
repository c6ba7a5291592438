/**
 * `npm run api`: one API process against a Temporal cluster and a PostgreSQL, set by the
 * environment (API_HOST, API_PORT, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE,
 * DATABASE_URL, BOOTSTRAP_ADMIN_KEY, PAYLOAD_CODEC_KEYS or PAYLOAD_CODEC_KEY_FILE, CODEC_CORS_ORIGINS). Run as
 * many as needed behind a load balancer; each serves the codec server and /metrics.
 */
import { Client, Connection } from '@temporalio/client';
import { AesGcmCodec } from '../codec/aes-gcm-codec';
import { encryptingDataConverter } from '../codec/data-converter';
import { requireKeyRing } from '../codec/keys';
import { loadConfig } from '../config/env';
import { createPrisma } from '../db/prisma';
import { createLogger } from '../observability/logger';
import { createApp } from './app';
import { ensureBootstrapAdminKey } from './auth';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ name: 'api', level: config.logLevel });
  if (!config.databaseUrl)
    throw new Error('DATABASE_URL is not set: an API process needs a PostgreSQL (or run `npm start` for the embedded default)');
  const ring = requireKeyRing();
  const db = createPrisma(config.databaseUrl);
  // BOOTSTRAP_ADMIN_KEY: hashed and stored as an ADMIN key, so the first admin can create the others (api/README.md).
  const bootstrapKeyId = await ensureBootstrapAdminKey(db, process.env.BOOTSTRAP_ADMIN_KEY);
  if (bootstrapKeyId) logger.info({ keyId: bootstrapKeyId }, 'bootstrap admin key in place');
  const connection = await Connection.connect({ address: config.temporal.address });
  const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter: encryptingDataConverter(ring) });
  const app = createApp({
    db,
    temporal,
    taskQueue: config.temporal.taskQueue,
    logger,
    codec: { codec: new AesGcmCodec(ring), corsOrigins: config.codecCorsOrigins },
  });
  const server = app.listen(config.api.port, config.api.host, () => {
    logger.info({ url: `http://${config.api.host}:${config.api.port}` }, 'API listening');
  });
  const stop = () => {
    server.close(() => {
      void Promise.all([db.$disconnect(), connection.close()]).then(() => process.exit(0));
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`api: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
