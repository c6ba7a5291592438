/**
 * An administrator sets up the engine on the staff page, in real Chromium against the real
 * stack: a practice with its settings and a provider, a payer, and a billing person's staff
 * account limited to that practice, who then signs in and sees that practice only.
 */
import type { Browser } from 'playwright-core';
import { checkScreen, launchBrowser, openPage, signIn } from '../../support/browser';
import { seedPractice } from '../../support/browser-seed';
import { createStaff, startBrowserStack, STAFF_PASSWORD, type BrowserStack } from '../../support/browser-stack';

jest.setTimeout(300_000);

let stack: BrowserStack;
let browser: Browser;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startBrowserStack('web-admin'), launchBrowser()]);
  await createStaff(stack, { name: 'Ada Admin', email: 'ada@billing.test', role: 'ADMIN', allPractices: true });
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

it('sets up a practice with its settings and a provider, a payer, and a staff account who can then sign in', async () => {
  await seedPractice(stack, { name: 'Elsewhere Clinic', autoBatchSecondary: true, submitsManually: false });
  const { page, context } = await openPage(browser);
  await signIn(page, stack.url, 'ada@billing.test', STAFF_PASSWORD);
  // An administrator sees configuration only: no work list, no patient data.
  await page.getByRole('heading', { name: 'Practices' }).waitFor();
  expect(await page.getByRole('link', { name: 'Work list' }).count()).toBe(0);

  await page.getByRole('button', { name: 'New practice' }).click();
  const form = page.getByRole('form', { name: 'New practice' });
  await form.getByLabel('Name').fill('Riverbend Counseling');
  await form.getByLabel('NPI (10 digits)').fill('1234567893');
  await form.getByLabel('Tax id (9 digits)').fill('987654321');
  await form.getByLabel('Taxonomy code').fill('101YM0800X');
  await form.getByLabel('Address').fill('12 River Rd');
  await form.getByLabel('City').fill('Springfield');
  await form.getByLabel('State (2 letters)').fill('IL');
  await form.getByLabel('ZIP+4 (9 digits)').fill('627011234');
  await form.getByLabel(/Batch the secondary claim by itself/).uncheck();
  await form.getByLabel(/Submits manually/).check();
  await form.getByLabel(/Batch schedule/).fill('0 18 * * 1-5');
  await form.getByRole('button', { name: 'Create the practice' }).click();
  await page.getByText('Saved Riverbend Counseling.').waitFor();
  await page.getByLabel('Provider NPI').fill('1245319599');
  await page.getByLabel('First name').fill('Dana');
  await page.getByLabel('Last name').fill('Rivers');
  await page.getByRole('button', { name: 'Add the provider' }).click();
  await page.getByText('Dana Rivers, NPI 1245319599').waitFor();
  await page.getByRole('cell', { name: 'after staff confirm' }).waitFor();
  await checkScreen(page, 'admin-practices');
  const practice = await stack.database.db.practice.findFirstOrThrow({ where: { name: 'Riverbend Counseling' } });
  expect(practice).toMatchObject({ autoBatchSecondary: false, submitsManually: true, batchCron: '0 18 * * 1-5', taxId: '987654321' });

  // A bad value is refused with the field named.
  await page.getByRole('button', { name: 'Change Riverbend Counseling' }).click();
  await page.getByRole('form', { name: 'Change Riverbend Counseling' }).getByLabel('NPI (10 digits)').fill('12345');
  await page.getByRole('button', { name: 'Save the practice' }).click();
  await page
    .getByRole('alert')
    .getByText(/npi: must be a 10-digit NPI/)
    .waitFor();

  await page.getByRole('link', { name: 'Payers' }).click();
  await page.getByRole('button', { name: 'New payer' }).click();
  await page.getByLabel('Name').fill('Prairie Health Plan');
  await page.getByLabel('Office Ally payer id').fill('PRAIRIE01');
  await page.getByLabel('Claim filing indicator').selectOption('BL');
  await page.getByLabel(/Escalate when no answer after/).fill('21');
  await page.getByLabel('Timely filing limit (days)').fill('120');
  await page.getByRole('button', { name: 'Create the payer' }).click();
  await page.getByRole('cell', { name: 'PRAIRIE01' }).waitFor();
  await checkScreen(page, 'admin-payers');
  expect(await stack.database.db.payer.findUniqueOrThrow({ where: { payerCode: 'PRAIRIE01' } })).toMatchObject({
    claimFilingIndicator: 'BL',
    responseDays: 21,
    timelyFilingDays: 120,
  });

  await page.getByRole('link', { name: 'Staff accounts' }).click();
  await page.getByRole('button', { name: 'New staff account' }).click();
  await page.getByLabel('Name').fill('Rory Biller');
  await page.getByLabel('E-mail').fill('Rory@Riverbend.test');
  await page.getByLabel('Role').selectOption('BILLING');
  await page.getByLabel('Riverbend Counseling').check();
  await page.getByLabel(/First password/).fill('short');
  await page.getByRole('button', { name: 'Create the account' }).click();
  await page
    .getByRole('alert')
    .getByText(/password: must be at least 12 characters/)
    .waitFor();
  await page.getByLabel(/First password/).fill('a long first password for rory');
  await page.getByRole('button', { name: 'Create the account' }).click();
  await page.getByText('Created Rory Biller: they can sign in now.').waitFor();
  await page.getByRole('cell', { name: 'rory@riverbend.test' }).waitFor();
  await checkScreen(page, 'admin-staff');
  const rory = await stack.database.db.staffAccount.findUniqueOrThrow({
    where: { email: 'rory@riverbend.test' },
    include: { practices: true },
  });
  expect(rory.practices.map((p) => p.practiceId)).toEqual([practice.id]);
  expect(rory.passwordHash).toMatch(/^scrypt\$17\$8\$1\$/);
  const created = await stack.database.db.auditEvent.findFirstOrThrow({ where: { action: 'staff-account:created', entityId: rory.id } });
  expect(created.actor).toMatch(/^staff:/);

  // A forgotten password: the administrator sets a new one.
  await page.getByRole('button', { name: 'New password for Rory Biller' }).click();
  await page.getByLabel('New password for Rory Biller', { exact: true }).fill('a new password for rory after all');
  await page.getByRole('button', { name: 'Set the password' }).click();
  await page.getByText('New password set for Rory Biller: their sessions ended.').waitFor();
  expect(await page.getByRole('button', { name: 'Disable Ada Admin' }).count()).toBe(0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You signed out.').waitFor();
  await signIn(page, stack.url, 'rory@riverbend.test', 'a new password for rory after all');
  await page.getByRole('heading', { name: 'Work list' }).waitFor();
  const options = await page.getByLabel('Practice').locator('option').allTextContents();
  expect(options).toEqual(['All practices', 'Riverbend Counseling']);
  await context.close();
});
