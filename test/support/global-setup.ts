/**
 * Once per test run: checks the Temporal binaries are installed, bundles the workflow code
 * (once per run, not once per test), and, when a real PostgreSQL is configured
 * (TEST_DATABASE_URL), prepares a template database with every migration applied.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { Client } from 'pg';
import { failureConverterPath } from '../../codec/data-converter';
import { migrateDeploy } from '../../db/migrate';
import { temporalCliPath, temporalTestServerPath } from '../../temporal/binaries';
import { TEMPLATE_DATABASE, testOutputDir, workflowBundlePath } from './paths';

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function globalSetup(): Promise<void> {
  temporalCliPath();
  temporalTestServerPath();
  mkdirSync(testOutputDir, { recursive: true });
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    failureConverterPath,
    logger: new DefaultLogger('WARN'),
  });
  writeFileSync(workflowBundlePath, code);

  const admin = process.env.TEST_DATABASE_URL;
  if (admin) {
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
    } finally {
      await client.end();
    }
    await migrateDeploy(withDatabase(admin, TEMPLATE_DATABASE));
  }
}
