/**
 * How long an activity may take, and how soon a dead worker is noticed. Every activity
 * heartbeats while it runs (activities/heartbeat.ts, every 2 s), so a worker killed in the middle
 * of one (`kill -9`, a lost machine) stops heartbeating and Temporal retries the attempt on
 * another worker once HEARTBEAT_TIMEOUT has passed: seconds, not the start-to-close timeout.
 * Start-to-close only bounds an attempt that is alive but stuck; it is sized to the work.
 *
 * Changing these changes no workflow command: running workflows take them up without a patch.
 */
import type { ActivityOptions } from '@temporalio/workflow';

/** A worker that has not heartbeated for this long is taken for dead and its attempt is retried. */
export const HEARTBEAT_TIMEOUT = '15 seconds';

/** A database read or write or two: seconds. */
export const SHORT: ActivityOptions = { startToCloseTimeout: '30 seconds', heartbeatTimeout: HEARTBEAT_TIMEOUT };

/** Writing a batch file of up to 5000 claims, or reading and posting a large 835. */
export const LONG: ActivityOptions = { startToCloseTimeout: '10 minutes', heartbeatTimeout: HEARTBEAT_TIMEOUT };

/**
 * Telling every bill of an 835 of 50,000 claims or a batch of 5,000, or posting such an 835:
 * long, and a dead worker still noticed within the heartbeat timeout.
 */
export const BULK: ActivityOptions = { startToCloseTimeout: '1 hour', heartbeatTimeout: HEARTBEAT_TIMEOUT };

/** One upload, one listing with its downloads: bounded by the SFTP operation timeout (2 minutes each) and a retry's reconnect. */
export const CLEARINGHOUSE: ActivityOptions = { startToCloseTimeout: '5 minutes', heartbeatTimeout: HEARTBEAT_TIMEOUT };
