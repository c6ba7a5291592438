/**
 * Serves a PGlite database over the Postgres wire protocol, as its own process:
 *   tsx db/pglite-server.ts --port 55432 [--data-dir DIR] [--apply-migrations]
 * Prints one line `ready <url>` on stdout once it answers; stops on SIGTERM/SIGINT.
 * The start command runs it for the embedded default; tests run one per test file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres } from './embedded-postgres';

const repoRoot = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'apply-migrations': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0) throw new Error('--port must be a port number');
  const server = await startEmbeddedPostgres({ dataDir: values['data-dir'], port, host: values.host });
  if (values['apply-migrations']) {
    // Test databases only: the migrations' SQL applied directly, faster than `prisma migrate deploy`.
    const { Client } = await import('pg');
    const client = new Client({ connectionString: server.url });
    await client.connect();
    const dir = path.join(repoRoot, 'prisma', 'migrations');
    for (const name of readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort()) {
      await client.query(readFileSync(path.join(dir, name, 'migration.sql'), 'utf8'));
    }
    await client.end();
  }
  process.stdout.write(`ready ${server.url}\n`);
  const stop = () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`pglite-server: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
