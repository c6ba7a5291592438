/**
 * Creates a staff account for the staff page: the way to the first administrator's sign-in.
 *   STAFF_PASSWORD='<12+ characters>' npx tsx scripts/create-staff-account.ts --email ada@practice.example --name "Ada" --role ADMIN
 * The account has every practice (an administrator then creates the others on the page, or
 * with POST /staff-accounts). The password comes from STAFF_PASSWORD, never the command line.
 * Reads DATABASE_URL (defaults to the embedded PGlite on PGLITE_PORT).
 */
import { hashPassword, passwordProblem } from '../api/passwords';
import { loadConfig } from '../config/env';
import { createPrisma } from '../db/prisma';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const role = (arg('role') ?? 'ADMIN').toUpperCase();
  const email = arg('email')?.trim().toLowerCase();
  const name = arg('name') ?? email;
  const password = process.env.STAFF_PASSWORD ?? '';
  if (role !== 'ADMIN' && role !== 'BILLING') throw new Error('--role must be ADMIN or BILLING');
  if (!email || !name) throw new Error('--email is required');
  const problem = passwordProblem(password, email);
  if (problem) throw new Error(`STAFF_PASSWORD ${problem}`);
  const config = loadConfig();
  const url = config.databaseUrl ?? `postgresql://postgres@127.0.0.1:${config.pglitePort}/postgres?sslmode=disable`;
  const db = createPrisma(url, { maxConnections: 1 });
  try {
    const row = await db.staffAccount.create({
      data: { name, email, role, allPractices: true, passwordHash: await hashPassword(password), createdBy: 'cli:create-staff-account' },
    });
    await db.auditEvent.create({
      data: {
        actor: 'cli:create-staff-account',
        action: 'staff-account:created',
        entityType: 'staff',
        entityId: row.id,
        details: { role },
      },
    });
    console.log(`staff account ${row.id} (${role}, ${email}, every practice): sign in at /app/`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
