/**
 * The rest of a billing person's day in real Chromium, against the real stack: an ERA that
 * matched no bill is matched from the queue to the likely bill; a draft is voided; a bill the
 * payer rejected is corrected and resubmitted; batches and clearinghouse files (with a broken
 * file's error) are looked at; and an idle person is signed out.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { DEFAULT_SESSION_CONFIG } from '../../../api/session-config';
import { simulatePayer } from '../../../clearinghouse/simulator';
import { read835 } from '../../../x12/835';
import { waitForStatus, waitOn } from '../../support/browser-actions';
import { checkScreen, expectNoPhiLeft, launchBrowser, openPage, signIn, type StaffPage } from '../../support/browser';
import { repoRoot } from '../../support/paths';
import { getBill, seedBill, seedPractice, type Seeded } from '../../support/browser-seed';
import { createStaff, startBrowserStack, STAFF_PASSWORD, type BrowserStack } from '../../support/browser-stack';

jest.setTimeout(600_000);

let stack: BrowserStack;
let browser: Browser;
let staff: StaffPage;
let practice: Seeded;

async function machine(method: string, p: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${stack.url}${p}`, {
    method,
    headers: { Authorization: `Bearer ${stack.machineKey}`, 'Content-Type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startBrowserStack('web-queues'), launchBrowser()]);
  practice = await seedPractice(stack, { name: 'Harbor Counseling', autoBatchSecondary: true, submitsManually: false });
  await createStaff(stack, { name: 'Lee Lead', email: 'lee@billing.test', role: 'BILLING', allPractices: true });
  staff = await openPage(browser);
  await signIn(staff.page, stack.url, 'lee@billing.test', STAFF_PASSWORD);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

it('matches an ERA claim that matched no bill to the likely bill, from the queue', async () => {
  const { billId } = await seedBill(stack, practice, { firstName: 'Wendell', lastName: 'Ashgrove', memberId: 'MBRWA4455' });
  stack.simulator.pause();
  try {
    await machine('POST', `/bills/${billId}/submit`);
    await machine('POST', '/batches', { practiceId: practice.practiceId });
    // The payer answers, but echoes a claim number we never sent: the ERA matches no bill.
    const inbound = path.join(stack.clearinghouseDir, 'inbound');
    const [sent] = readdirSync(inbound);
    if (!sent) throw new Error('the batch reached no clearinghouse');
    const answer = simulatePayer(readFileSync(path.join(inbound, sent), 'utf8'), new Date());
    const pcn = (await getBill(stack, billId)).claims[0]?.patientControlNumber ?? '';
    const era = (answer.era835 ?? '').replace(`CLP*${pcn}*`, 'CLP*NOSUCHCLAIM1*');
    expect(era).toContain('CLP*NOSUCHCLAIM1*');
    rmSync(path.join(inbound, sent));
    writeFileSync(path.join(stack.clearinghouseDir, 'outbound', 'SIMULATOR_UNMATCHED_835.txt'), era);
  } finally {
    stack.simulator.resume();
  }
  const { page } = staff;
  await page.goto(`${stack.url}/app/unmatched`);
  const find = page.getByRole('button', { name: 'Find the bill for NOSUCHCLAIM1' });
  for (let i = 0; i < 30 && (await find.count()) === 0; i++) {
    await page.waitForTimeout(1000);
    await page.reload();
  }
  await find.click();
  await page.getByRole('cell', { name: 'same member id, same charge, same dates of service' }).waitFor();
  await page.getByRole('cell', { name: /Ashgrove, Wendell/ }).waitFor();
  await checkScreen(page, 'unmatched-era');
  await page.getByRole('button', { name: /^Match to primary claim SC/ }).click();
  await page.getByText('Matched: the payment is posted to').waitFor();
  await page.getByRole('link', { name: /^bill / }).click();
  // The bill heard the payment: the secondary opens by itself.
  await page.getByRole('button', { name: 'Batch now' }).waitFor({ timeout: 60_000 });
  await page.getByRole('heading', { name: /ERA payment/ }).waitFor();
  const item = await stack.database.db.unmatchedEraClaim.findFirstOrThrow({ where: { patientControlNumber: 'NOSUCHCLAIM1' } });
  expect(item.status).toBe('MATCHED');
  expect(item.resolvedBy).toMatch(/^staff:/);

  // A wrong match is undone: its payment is reversed (an entry, not a delete) and the ERA claim waits in the queue again.
  await page.goto(`${stack.url}/app/unmatched`);
  await page.getByLabel('Why undo').selectOption('WRONG_MATCH');
  await page.getByRole('button', { name: 'Undo the match of NOSUCHCLAIM1' }).click();
  await waitOn(page, page.getByRole('button', { name: 'Find the bill for NOSUCHCLAIM1' }), 'the ERA claim back in the queue', 60_000);
  expect((await stack.database.db.unmatchedEraClaim.findUniqueOrThrow({ where: { id: item.id } })).status).toBe('OPEN');
  const payments = await stack.database.db.payment.findMany({ where: { claim: { billId } } });
  expect(payments.map((p) => p.paidCents).sort((a, b) => a - b)).toEqual([-10800, 10800]);
});

it('an ERA that differs from the EOB keyed: the bill shows the discrepancy, holds, and staff choose the ERA; the balances follow', async () => {
  const { billId } = await seedBill(stack, practice, { firstName: 'Rosalind', lastName: 'Fairweather', memberId: 'MBRRF7788' });
  stack.simulator.pause();
  let era: string;
  try {
    await machine('POST', `/bills/${billId}/submit`);
    await machine('POST', '/batches', { practiceId: practice.practiceId });
    const inbound = path.join(stack.clearinghouseDir, 'inbound');
    const [sent] = readdirSync(inbound);
    if (!sent) throw new Error('the batch reached no clearinghouse');
    era = simulatePayer(readFileSync(path.join(inbound, sent), 'utf8'), new Date()).era835 ?? '';
    rmSync(path.join(inbound, sent));
  } finally {
    stack.simulator.resume();
  }
  // Staff key the paper EOB first, $10.00 short on line 1 (written off instead).
  const bill = await getBill(stack, billId);
  const pcn = bill.claims[0]?.patientControlNumber ?? '';
  const claim = (await read835(Buffer.from(era))).remittances.flatMap((r) => r.claims).find((c) => c.patientControlNumber === pcn);
  if (!claim) throw new Error('the payer said nothing of the claim');
  const adjustments = (list: { group: string; reason: string; amountCents: number }[]) =>
    list.map((a) => ({ group: a.group, reason: a.reason, amountCents: a.amountCents }));
  await machine('POST', `/bills/${billId}/payments`, {
    paidCents: claim.paidCents - 1000,
    patientResponsibilityCents: claim.patientResponsibilityCents ?? 0,
    adjudicationDate: '2026-11-20',
    adjustments: adjustments(claim.adjustments),
    lines: claim.serviceLines.map((l, i) => ({
      lineNumber: i + 1,
      paidCents: l.paidCents - (i === 0 ? 1000 : 0),
      adjustments: [...adjustments(l.adjustments), ...(i === 0 ? [{ group: 'CO', reason: '45', amountCents: 1000 }] : [])],
    })),
  });
  // Then the ERA comes, and says otherwise.
  const upload = await fetch(`${stack.url}/clearinghouse-files/835?name=SIMULATOR_DISPUTED_835.txt`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${stack.machineKey}`, 'Content-Type': 'application/edi-x12' },
    body: era,
  });
  expect(upload.status).toBe(202);

  const { page } = staff;
  await page.goto(`${stack.url}/app/bills/${billId}`);
  const flag = page.getByText('An ERA differs from the payment posted');
  for (let i = 0; i < 30 && (await flag.count()) === 0; i++) {
    await page.waitForTimeout(1000);
    await page.reload();
  }
  await waitOn(page, flag, 'the discrepancy flagged');
  await page.getByText('differs from the payment posted: held until you choose').waitFor();
  await page.getByRole('heading', { name: 'Balances' }).waitFor();
  await checkScreen(page, 'bill-discrepancy');
  const form = page.getByRole('form', { name: 'Choose which adjudication stands' });
  await form.getByLabel('Which stands').selectOption('ERA');
  await form.getByRole('button', { name: 'Keep it' }).click();
  await waitOn(page, page.getByText('set aside: the other adjudication stands'), 'the EOB set aside', 60_000);
  expect(await page.getByText('An ERA differs from the payment posted').count()).toBe(0);
  const after = await getBill(stack, billId);
  expect(after.flags).toEqual([]);
  expect(after.balances.paidByRank.PRIMARY).toBe(claim.paidCents);
});

it('voids a draft bill with its reason, and keeps the note in the audit trail', async () => {
  const { billId } = await seedBill(stack, practice, { firstName: 'Tamsin', lastName: 'Oakhollow' });
  const { page } = staff;
  await page.goto(`${stack.url}/app/bills/${billId}`);
  await waitForStatus(page, 'Draft');
  await page.getByRole('button', { name: 'Void…' }).click();
  await page.getByLabel('Why').selectOption('ENTERED_IN_ERROR');
  await page.getByLabel(/^Note/).fill('keyed twice at the front desk');
  await page.getByRole('button', { name: 'Void the bill' }).click();
  await waitForStatus(page, 'Voided');
  expect(await page.getByRole('button', { name: 'Void…' }).count()).toBe(0);
  await page.getByText('No action is open for this bill now.').waitFor();
  const event = await stack.database.db.auditEvent.findFirstOrThrow({ where: { billId, action: 'bill:void' } });
  expect(event.details).toMatchObject({ reason: 'ENTERED_IN_ERROR', note: 'keyed twice at the front desk' });
  expect(event.actor).toMatch(/^staff:/);
});

it('corrects a bill the payer rejected and resubmits it', async () => {
  const { billId } = await seedBill(stack, practice, { firstName: 'Cosmo', lastName: 'Fairweather' });
  const { page } = staff;
  await page.goto(`${stack.url}/app/bills/${billId}`);
  await page.getByRole('button', { name: 'Submit the bill' }).click();
  await waitForStatus(page, 'Ready to Batch');
  const pcn = (await getBill(stack, billId)).claims[0]?.patientControlNumber ?? '';
  stack.simulator.outcomes[pcn] = 'rejected';
  await page.getByRole('button', { name: 'Batch now' }).click();
  await waitForStatus(page, 'Rejected');
  await page.getByRole('button', { name: 'Resubmit' }).waitFor();
  await checkScreen(page, 'bill-rejected');
  await page.getByRole('button', { name: 'Correct the bill' }).click();
  await page.getByLabel('Line 1 procedure').fill('90834');
  await page.getByRole('button', { name: 'Save the correction' }).click();
  await page.getByText('Corrected', { exact: true }).waitFor();
  await page.getByRole('cell', { name: '90834' }).waitFor();
  await page.getByRole('button', { name: 'Resubmit' }).click();
  await waitForStatus(page, 'Ready to Batch');
  const claims = (await getBill(stack, billId)).claims;
  expect(claims).toHaveLength(2);
  expect(claims[1]?.patientControlNumber).not.toBe(pcn);
  const actions = (await stack.database.db.auditEvent.findMany({ where: { billId } })).map((e) => e.action);
  expect(actions).toEqual(expect.arrayContaining(['bill:corrected', 'bill:resubmit', 'resubmitted']));
});

it('shows batches with their claims and clearinghouse files with their status and errors', async () => {
  // An 835 with an amount that is not one (our own fixture): kept FAILED, with what and where.
  writeFileSync(
    path.join(stack.clearinghouseDir, 'outbound', 'BROKEN_835.txt'),
    readFileSync(path.join(repoRoot, 'test', 'fixtures', 'x12', 'malformed-amount.835')),
  );
  const { page } = staff;
  await page.goto(`${stack.url}/app/files`);
  await page.getByLabel('Status').selectOption('FAILED');
  const broken = page.getByRole('cell', { name: 'BROKEN_835.txt' });
  for (let i = 0; i < 30 && (await broken.count()) === 0; i++) {
    await page.waitForTimeout(1000);
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Status').selectOption('FAILED');
  }
  await broken.waitFor();
  await page.getByLabel('Status').selectOption('');
  await page.getByRole('cell', { name: '837P' }).first().waitFor();
  await checkScreen(page, 'files');
  await page.goto(`${stack.url}/app/batches`);
  await page
    .getByRole('button', { name: /^Claims of batch / })
    .first()
    .click();
  await page.getByRole('heading', { name: /: claims$/ }).waitFor();
  await checkScreen(page, 'batches');
});

it('signs an idle person out: the page after its timeout without input, the API on its own when the page is gone', async () => {
  const quick = await stack.startApi({ ...DEFAULT_SESSION_CONFIG, idleTimeoutMs: 3000 });
  try {
    const idle = await openPage(browser);
    await signIn(idle.page, quick.url, 'lee@billing.test', STAFF_PASSWORD);
    await idle.page.getByRole('heading', { name: 'Work list' }).waitFor();
    await idle.page.getByText('You were signed out after a time without activity.').waitFor({ timeout: 15_000 });
    expect((await idle.context.request.get(`${quick.url}/session`)).status()).toBe(401);
    await checkScreen(idle.page, 'signed-out');

    // The page closed without signing out: the API ends the session itself after the timeout.
    const gone = await openPage(browser);
    await signIn(gone.page, quick.url, 'lee@billing.test', STAFF_PASSWORD);
    const cookies = await gone.context.cookies();
    await gone.page.close();
    await new Promise((r) => setTimeout(r, 3500));
    const res = await fetch(`${quick.url}/session`, { headers: { Cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ type: '/problems/session-ended', reason: 'idle' });
    await Promise.all([idle.context.close(), gone.context.close()]);
  } finally {
    await quick.close();
  }
});

it('kept patient data out of URLs, titles and browser storage', async () => {
  await expectNoPhiLeft(staff, ['Ashgrove', 'Oakhollow', 'Fairweather', 'MBRWA4455']);
});
