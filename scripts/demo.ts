/**
 * `npm run demo`: walks every path of the engine through the API of a running `npm start`
 * (see scripts/demo/run.ts). `npm start -- --demo` does the same in one go, with short demo
 * timers (scripts/demo/defaults.ts).
 *  - DEMO_API_URL: the API (default http://127.0.0.1:$API_PORT, port 3000).
 *  - DEMO_ADMIN_KEY or BOOTSTRAP_ADMIN_KEY: an ADMIN key of that API.
 *  - TEMPORAL_UI_URL: the Temporal UI (default http://127.0.0.1:$TEMPORAL_UI_PORT, port 8233).
 */
import { runDemo } from './demo/run';

async function main(): Promise<void> {
  const adminKey = process.env.DEMO_ADMIN_KEY || process.env.BOOTSTRAP_ADMIN_KEY;
  if (!adminKey) {
    console.error(
      'demo: set DEMO_ADMIN_KEY (or BOOTSTRAP_ADMIN_KEY) to an ADMIN key of the running API, e.g. start it with BOOTSTRAP_ADMIN_KEY=<32+ characters> npm start; or run npm start -- --demo',
    );
    process.exit(2);
  }
  await runDemo({
    apiUrl: process.env.DEMO_API_URL || `http://127.0.0.1:${process.env.API_PORT || '3000'}`,
    adminKey,
    uiUrl: process.env.TEMPORAL_UI_URL || `http://127.0.0.1:${process.env.TEMPORAL_UI_PORT || '8233'}`,
    namespace: process.env.TEMPORAL_NAMESPACE || 'default',
  });
  console.log('\nThe timers are those of the running service: with `npm start -- --demo` every path shows within two minutes.');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
