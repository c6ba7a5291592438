/**
 * Real Chromium for the staff page's tests: Debian's /usr/bin/chromium driven by playwright-core
 * (nothing downloads a browser), axe-core for accessibility, screenshots under
 * test-output/screenshots, and checks that no patient data reaches a URL, a title or storage.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { testOutputDir } from './paths';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(testOutputDir, 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface StaffPage {
  context: BrowserContext;
  page: Page;
  /** Every URL the page was at, and every title it had (checked for PHI). */
  urls: string[];
  titles: string[];
}

export async function openPage(browser: Browser): Promise<StaffPage> {
  const context = await browser.newContext({
    viewport: { width: 1360, height: 900 },
    acceptDownloads: true,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(45_000);
  const urls: string[] = [];
  const titles: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });
  page.on('request', (request) => urls.push(request.url()));
  const origTitle = page.title.bind(page);
  const record = async () => titles.push(await origTitle());
  page.on('load', () => void record().catch(() => undefined));
  return { context, page, urls, titles };
}

export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/app/`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Screens' }).waitFor();
}

/** No serious or critical axe violation (WCAG 2.1 A and AA rules) on the screen as it is now. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
  if (summary.length > 0) throw new Error(`accessibility violations on ${screen}:\n${summary.join('\n')}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A screen is checked twice over: axe, and a screenshot for people to look at. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await expectAccessible(page, name);
  await screenshot(page, name);
}

/** The page kept no patient data where browsers keep things: URLs, titles, local or session storage, cookies. */
export async function expectNoPhiLeft(staff: StaffPage, phi: string[]): Promise<void> {
  staff.titles.push(await staff.page.title());
  const storage = await staff.page.evaluate<string>(
    'JSON.stringify({ ...window.localStorage }) + JSON.stringify({ ...window.sessionStorage })',
  );
  const cookies = JSON.stringify(await staff.context.cookies());
  for (const value of phi) {
    for (const url of staff.urls)
      if (decodeURIComponent(url).toLowerCase().includes(value.toLowerCase())) throw new Error(`PHI in a URL: ${url}`);
    for (const title of staff.titles) if (title.toLowerCase().includes(value.toLowerCase())) throw new Error(`PHI in a title: ${title}`);
    if (storage.includes(value) || cookies.includes(value)) throw new Error('PHI in browser storage');
  }
}
