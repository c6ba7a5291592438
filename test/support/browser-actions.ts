/** Steps a billing person takes on the page, shared by the browser tests. */
import type { Locator, Page } from 'playwright-core';

/** Waits for what the locator finds; if it never comes, the error shows what the page showed instead. */
export async function waitOn(page: Page, locator: Locator, what: string, timeout = 120_000): Promise<void> {
  try {
    await locator.first().waitFor({ timeout });
  } catch (err) {
    const now = await page
      .locator('main')
      .innerText()
      .catch(() => '(no page)');
    throw new Error(`${what} did not come; the page shows:\n${now.slice(0, 3000)}`, { cause: err });
  }
}

/** Waits until the bill's status badge reads `status` (the page reads the bill again while the engine works). */
export async function waitForStatus(page: Page, status: string, timeout = 120_000): Promise<void> {
  await waitOn(page, page.locator('.status').filter({ hasText: new RegExp(`^${status}$`) }), `the status ${status}`, timeout);
}

/** Presses Tab until the focused element's accessible label is `name` (keyboard only). */
export async function tabTo(page: Page, name: string | RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    // Runs in the page (this project's TypeScript has no DOM types): the focused element's label.
    const label = await page.evaluate<string>(`(() => {
      const el = document.activeElement;
      if (!el) return '';
      const aria = el.getAttribute('aria-label');
      if (aria) return aria;
      const byLabel = el.labels && el.labels[0] ? el.labels[0].textContent : null;
      return (byLabel ?? el.textContent ?? '').replace(/\\s+/g, ' ').trim();
    })()`);
    if (typeof name === 'string' ? label === name : name.test(label)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`no element named ${String(name)} in ${max} tabs`);
}

export interface EobLine {
  paid: string;
  adjustments: { group?: 'CO' | 'PR' | 'OA'; reason: string; amount: string }[];
}

/** Fills the EOB form with the mouse and keyboard as most people do. */
export async function fillEob(page: Page, lines: EobLine[]): Promise<void> {
  for (const [i, line] of lines.entries()) {
    const n = i + 1;
    const paid = page.getByLabel(`Paid ($) on line ${n}`);
    if (await paid.isEditable()) await paid.fill(line.paid);
    const existing = await page.getByLabel(`Reason of line ${n} adjustment`, { exact: false }).count();
    for (const [j, adj] of line.adjustments.entries()) {
      if (j >= existing) await page.getByRole('button', { name: `Add an adjustment to line ${n}` }).click();
      await page.getByLabel(`Group of line ${n} adjustment ${j + 1}`).selectOption(adj.group ?? 'CO');
      await page.getByLabel(`Reason of line ${n} adjustment ${j + 1}`).fill(adj.reason);
      await page.getByLabel(`Amount ($) of line ${n} adjustment ${j + 1}`).fill(adj.amount);
    }
  }
}
