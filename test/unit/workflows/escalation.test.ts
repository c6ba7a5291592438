/** When a waiting bill needs a person (workflows/bill/escalation.ts). */
import { claimFixRule, noResponseRule, scaleRule, timelyFilingRule, TIMELY_FILING_WARNING_DAYS } from '../../../workflows/bill/escalation';

const DAY = 24 * 60 * 60 * 1000;

it("no payer response: after the payer's response days, then weekly", () => {
  expect(noResponseRule(30)).toEqual({ reason: 'NO_PAYER_RESPONSE', firstAfterMs: 30 * DAY, repeatAfterMs: 7 * DAY });
});

it('timely filing: warns the set number of days before the deadline, counted from the date of service', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  const rule = timelyFilingRule('2026-01-01', 90, now);
  expect(rule.firstAfterMs).toBe((90 - TIMELY_FILING_WARNING_DAYS) * DAY);
  expect(rule.repeatAfterMs).toBe(2 * DAY);
});

it('timely filing: fires at once when the warning time is past', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  expect(timelyFilingRule('2026-01-01', 90, now).firstAfterMs).toBe(1);
  expect(timelyFilingRule('2026-01-01', 90, now, 'STAFF_CONFIRMATION_PENDING').reason).toBe('STAFF_CONFIRMATION_PENDING');
});

it('scales relative rules for demo stacks, and leaves them alone at scale 1 or with no scale', () => {
  expect(scaleRule(claimFixRule, undefined)).toBe(claimFixRule);
  expect(scaleRule(claimFixRule, 1)).toBe(claimFixRule);
  expect(scaleRule(claimFixRule, 0)).toBe(claimFixRule);
  const fast = scaleRule(noResponseRule(1), 1440);
  expect(fast).toEqual({ reason: 'NO_PAYER_RESPONSE', firstAfterMs: 60_000, repeatAfterMs: 7 * 60_000 });
  expect(scaleRule(claimFixRule, 1e12).firstAfterMs).toBe(1);
});
