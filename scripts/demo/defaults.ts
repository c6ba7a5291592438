import { randomBytes } from 'node:crypto';

/**
 * `npm start -- --demo`: the short timers of a demo, each kept when already set.
 * - ESCALATION_TIME_SCALE 2880: a day of the bills' escalation timers lasts 30 seconds (a
 *   payer's response days, Claim Fix and manual-upload reminders, uncorrected rejections);
 *   timely filing deadlines are dates and never run faster.
 * - SIMULATOR_DELAY_SECONDS 2, SIMULATOR_DAY_SECONDS 15: the simulated payers answer in 2 s,
 *   and a scenario's day (pays late, reverses) lasts 15 s.
 * - DEFAULT_BATCH_CRON "@every 10s", SYNC_EVERY_SECONDS 3: batches and downloads keep pace.
 * - BOOTSTRAP_ADMIN_KEY: one made up for the demo's API calls when none is given.
 */
export function applyDemoDefaults(env: NodeJS.ProcessEnv): void {
  env.ESCALATION_TIME_SCALE ||= '2880';
  env.SIMULATOR_DELAY_SECONDS ||= '2';
  env.SIMULATOR_DAY_SECONDS ||= '15';
  env.DEFAULT_BATCH_CRON ||= '@every 10s';
  env.SYNC_EVERY_SECONDS ||= '3';
  env.BOOTSTRAP_ADMIN_KEY ||= `demo-admin-${randomBytes(24).toString('base64url')}`;
}
