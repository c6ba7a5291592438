/**
 * The three paths of DESIGN.md in real Chromium, as a billing person takes them on the staff
 * page, against the real stack (Temporal dev server, database, worker, clearinghouse sync, the
 * local clearinghouse and its payer SIMULATOR, the API serving the built page):
 *  1. Office Ally integration + ERA: submit, batch, the payer's ERA posts itself, the secondary
 *     goes in the next batch, Closed.
 *  2. Integration + manual EOB: a paper EOB with a partial payment keyed with the keyboard alone,
 *     Ready to Batch, the secondary's denial letter (a PDF) as $0 with its reasons, Closed.
 *  3. Manual upload: the 837P downloaded, Claim Fix confirmed (the 3-hour reminder shown),
 *     EOBs posted, the secondary downloaded and confirmed too, Closed.
 * Each screen passes axe and is photographed; no URL, title or storage holds patient data.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { fillEob, tabTo, waitForStatus, waitOn } from '../../support/browser-actions';
import { checkScreen, expectNoPhiLeft, launchBrowser, openPage, signIn, type StaffPage } from '../../support/browser';
import { seedBill, seedPractice, type Seeded } from '../../support/browser-seed';
import { createStaff, startBrowserStack, STAFF_PASSWORD, type BrowserStack } from '../../support/browser-stack';

jest.setTimeout(600_000);

let stack: BrowserStack;
let browser: Browser;
let staff: StaffPage;
const practices: Record<'era' | 'eob' | 'manual', Seeded> = {} as Record<'era' | 'eob' | 'manual', Seeded>;
const PHI = ['Quillfeather', 'Thistlewood', 'Marchbanks', 'MBRZQ'];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startBrowserStack('web-paths'), launchBrowser()]);
  practices.era = await seedPractice(stack, { name: 'Harbor Counseling', autoBatchSecondary: true, submitsManually: false });
  practices.eob = await seedPractice(stack, { name: 'Lakeside Nutrition', autoBatchSecondary: false, submitsManually: false });
  practices.manual = await seedPractice(stack, { name: 'Pine Street Therapy', autoBatchSecondary: true, submitsManually: true });
  await createStaff(stack, {
    name: 'Bea Biller',
    email: 'bea@billing.test',
    role: 'BILLING',
    practiceIds: [practices.era.practiceId, practices.eob.practiceId, practices.manual.practiceId],
  });
  staff = await openPage(browser);
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

it('signs a billing person in and shows the work list, needing attention first, with its filters and search', async () => {
  const { page } = staff;
  await page.goto(`${stack.url}/app/`);
  await checkScreen(page, 'sign-in');
  await signIn(page, stack.url, 'bea@billing.test', STAFF_PASSWORD);
  await seedBill(stack, practices.era, { firstName: 'Zephyrine', lastName: 'Quillfeather' });
  await seedBill(stack, practices.eob, { firstName: 'Orla', lastName: 'Thistlewood' });
  await seedBill(stack, practices.manual, { firstName: 'Ivo', lastName: 'Marchbanks' });
  await page.reload();
  await page
    .getByRole('link', { name: /^Bill / })
    .first()
    .waitFor();
  expect(await page.getByRole('link', { name: /^Bill / }).count()).toBe(3);
  await checkScreen(page, 'work-list');
  await page.getByLabel('Search').fill('quillfeather');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('cell', { name: /Quillfeather, Zephyrine/ }).waitFor();
  expect(await page.getByRole('link', { name: /^Bill / }).count()).toBe(1);
  await page.getByLabel('Search').fill('');
  await page.getByLabel('Practice').selectOption({ label: 'Pine Street Therapy' });
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('cell', { name: /Marchbanks, Ivo/ }).waitFor();
  expect(await page.getByRole('link', { name: /^Bill / }).count()).toBe(1);
});

it('path 1, integration + ERA: submitted and batched on the page, the ERAs post themselves, Closed', async () => {
  const { page } = staff;
  await page.goto(`${stack.url}/app/`);
  await page.getByLabel('Search').fill('Quillfeather');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('cell', { name: /Quillfeather/ }).waitFor();
  await page.getByRole('link', { name: /^Bill / }).click();
  await waitForStatus(page, 'Draft');
  await checkScreen(page, 'bill-draft');
  await page.getByRole('button', { name: 'Submit the bill' }).click();
  await waitForStatus(page, 'Ready to Batch');
  await page.getByRole('button', { name: 'Batch now' }).click();
  await waitOn(page, page.getByText(/^(Batch written with 1 claim\(s\)|The batch is being written)$/), 'the batch', 120_000);
  // The simulator's 999, 277CA and 835 come back through the clearinghouse sync; the secondary opens by itself.
  await waitOn(page, page.getByRole('heading', { name: /ERA payment/ }), "the primary's ERA", 180_000);
  await waitOn(page, page.getByRole('button', { name: 'Batch now' }), 'the secondary Ready to Batch', 120_000);
  await page.getByRole('button', { name: 'Batch now' }).click();
  await waitForStatus(page, 'Closed', 180_000);
  await page
    .getByRole('heading', { name: /ERA payment/ })
    .first()
    .waitFor();
  expect(await page.getByRole('heading', { name: /ERA payment/ }).count()).toBe(2);
  await page.getByText('by Bea Biller').first().waitFor();
  await checkScreen(page, 'bill-closed');
});

it('path 2, integration + manual EOB: a partial payment keyed with the keyboard alone, then a denial letter; Closed', async () => {
  const { page } = staff;
  stack.simulator.pause();
  try {
    await page.goto(`${stack.url}/app/`);
    await page.getByLabel('Search').fill('Thistlewood');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByRole('cell', { name: /Thistlewood/ }).waitFor();
    await page.getByRole('link', { name: /^Bill / }).click();
    await page.getByRole('button', { name: 'Submit the bill' }).click();
    await page.getByRole('button', { name: 'Batch now' }).click();
    await waitForStatus(page, 'Awaiting primary');

    // Keyboard alone, from the bill's page to the posted payment.
    await tabTo(page, 'Post an EOB or denial letter');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Post an EOB/ }).waitFor();
    await tabTo(page, 'Paid ($) on line 1');
    await page.keyboard.type('100.00');
    await tabTo(page, 'Add an adjustment to line 1');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('45');
    await page.keyboard.press('Tab');
    await page.keyboard.type('20.00');
    await tabTo(page, 'Add an adjustment to line 1');
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowDown'); // CO -> PR
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('30.00');
    await tabTo(page, 'Paid ($) on line 2');
    await page.keyboard.type('40.00');
    await tabTo(page, 'Add an adjustment to line 2');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('45');
    await page.keyboard.press('Tab');
    await page.keyboard.type('5.00');
    // The live check: line 2 is $5.00 short, so nothing can be sent yet.
    await page.getByText('Line 2 is off by $5.00 (not explained)').waitFor();
    expect(await page.getByRole('button', { name: 'Post the payment' }).isDisabled()).toBe(true);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('10.00');
    await page.getByText('Line 2 balances').waitFor();
    await page.getByText('The claim balances').waitFor();
    await page.getByText('$30.00', { exact: true }).waitFor(); // patient responsibility, from the PR adjustment
    await checkScreen(page, 'post-eob');
    await page.keyboard.press('Enter');
    await waitForStatus(page, 'Processed');
    await page.getByRole('button', { name: 'Set Ready to Batch' }).click();
    await waitForStatus(page, 'Ready to Batch');
    await page.getByRole('button', { name: 'Batch now' }).click();
    await waitForStatus(page, 'Awaiting secondary');

    // The secondary's denial letter: $0, with its reasons, and the letter itself attached.
    await page.getByRole('link', { name: 'Post an EOB or denial letter' }).click();
    await page.getByLabel(/Denial letter/).check();
    expect(await page.getByLabel('Paid ($) on line 1').inputValue()).toBe('0.00');
    await fillEob(page, [
      { paid: '0.00', adjustments: [{ group: 'PR', reason: '204', amount: '150.00' }] },
      { paid: '0.00', adjustments: [{ group: 'PR', reason: '204', amount: '50.00' }] },
    ]);
    await page.getByLabel(/The paper, scanned/).setInputFiles({
      name: 'letter for Thistlewood.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 denial letter'),
    });
    await page.getByText('The claim balances').waitFor();
    await checkScreen(page, 'post-denial');
    await page.getByRole('button', { name: 'Post the denial' }).click();
    await waitForStatus(page, 'Closed');
    await page.getByText('paper remittance attached').waitFor();
    // The scanned letter went up under a neutral name: the person's file name could name the client.
    expect(staff.urls.some((u) => u.includes('name=denial-letter.pdf'))).toBe(true);
  } finally {
    stack.simulator.resume({ discard: true });
  }
});

it('path 3, manual upload: the 837P downloaded, Claim Fix confirmed with the reminder shown, EOBs posted; Closed', async () => {
  const { page } = staff;
  await page.goto(`${stack.url}/app/`);
  await page.getByLabel('Search').fill('Marchbanks');
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('link', { name: /^Bill / }).click();
  await page.getByRole('button', { name: 'Submit the bill' }).click();
  await waitForStatus(page, 'Ready to Batch');
  expect(await page.getByRole('button', { name: 'Batch now' }).count()).toBe(0);
  await page.goto(`${stack.url}/app/manual-upload`);
  await page
    .getByRole('link', { name: /^Bill / })
    .first()
    .waitFor();
  await checkScreen(page, 'manual-upload-ready');
  await page
    .getByRole('link', { name: /^Bill / })
    .first()
    .click();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download 837P for manual upload' }).click();
  const file = await download;
  expect(readFileSync(await file.path()).toString('utf8')).toMatch(/^ISA\*/);
  expect(file.suggestedFilename()).not.toMatch(/Marchbanks/i);
  await waitForStatus(page, 'Awaiting Claim Fix');
  await page.getByText(/Reminder: if Claim Fix is not confirmed, the bill asks for attention at/).waitFor();
  await page.goto(`${stack.url}/app/manual-upload`);
  await page.getByRole('heading', { name: 'Waiting for Claim Fix' }).waitFor();
  await page.getByRole('cell', { name: /Marchbanks/ }).waitFor();
  await checkScreen(page, 'manual-upload');
  await page
    .getByRole('link', { name: /^Bill / })
    .first()
    .click();
  await page.getByRole('button', { name: 'Claim Fix cleared' }).click();
  await waitForStatus(page, 'Awaiting primary');

  await page.getByRole('link', { name: 'Post an EOB or denial letter' }).click();
  await fillEob(page, [
    {
      paid: '90.00',
      adjustments: [
        { reason: '45', amount: '30.00' },
        { group: 'PR', reason: '1', amount: '30.00' },
      ],
    },
    { paid: '40.00', adjustments: [{ reason: '45', amount: '10.00' }] },
  ]);
  await page.getByRole('button', { name: 'Post the payment' }).click();
  // Auto-batch practice that uploads by hand: the secondary is Ready to Batch by itself.
  await page.getByRole('button', { name: 'Download 837P for manual upload' }).waitFor({ timeout: 60_000 });
  const second = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download 837P for manual upload' }).click();
  await second;
  await waitForStatus(page, 'Awaiting Claim Fix');
  await page.getByRole('button', { name: 'Claim Fix cleared' }).click();
  await waitForStatus(page, 'Awaiting secondary');
  await page.getByRole('link', { name: 'Post an EOB or denial letter' }).click();
  await fillEob(page, [
    { paid: '30.00', adjustments: [{ group: 'OA', reason: '23', amount: '120.00' }] },
    { paid: '0.00', adjustments: [{ group: 'OA', reason: '23', amount: '50.00' }] },
  ]);
  await page.getByRole('button', { name: 'Post the payment' }).click();
  await waitForStatus(page, 'Closed');
  expect(await page.getByRole('button', { name: 'Download 837P' }).count()).toBe(2);
});

it('kept patient data out of URLs, titles and browser storage, and named the staff member in the audit trail', async () => {
  await expectNoPhiLeft(staff, PHI);
  const events = await stack.database.db.auditEvent.findMany({ where: { action: { in: ['bill:submit', 'bill:payment-posted'] } } });
  expect(events.length).toBeGreaterThanOrEqual(6);
  expect(events.every((e) => /^staff:[0-9a-f-]{36}$/.test(e.actor))).toBe(true);
  const log = stack.log.text();
  for (const phi of PHI) expect(log).not.toContain(phi);
});
