/**
 * Creates an API key and prints it once (only its SHA-256 is kept). The way to the first
 * admin key: `npx tsx scripts/create-api-key.ts --role ADMIN --name "first admin"`.
 * Reads DATABASE_URL (defaults to the embedded PGlite on PGLITE_PORT).
 */
import { createApiKey, isRole, ROLES } from '../api/auth';
import { loadConfig } from '../config/env';
import { createPrisma } from '../db/prisma';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const role = (arg('role') ?? 'ADMIN').toUpperCase();
  const name = arg('name') ?? `${role.toLowerCase()} key`;
  if (!isRole(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const config = loadConfig();
  const url = config.databaseUrl ?? `postgresql://postgres@127.0.0.1:${config.pglitePort}/postgres?sslmode=disable`;
  const db = createPrisma(url, { maxConnections: 1 });
  try {
    const key = await createApiKey(db, { name, role: role });
    await db.auditEvent.create({
      data: {
        actor: 'cli:create-api-key',
        action: 'api-key:created',
        entityType: 'api-key',
        entityId: key.id,
        details: { role: key.role, prefix: key.prefix },
      },
    });
    console.log(`API key ${key.id} (${key.role}, "${key.name}"). Shown once; keep it now:\n${key.key}`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
