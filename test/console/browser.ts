// A real browser for the console's end-to-end tests: Debian's Chromium driven by playwright-core,
// an axe-core check per screen, and screenshots into docs/console/.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { hashPassword } from '../../src/server/admin/passwords.js';
import type { Role } from '../../src/store/types.js';
import type { TestWarden } from '../helpers/warden.js';

export const CHROMIUM = process.env.WARDEN_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'docs', 'console');

/** Fails with the fix when the browser or the built console is missing: these tests never skip. */
export function requireBrowserAndBuild(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does this), or set WARDEN_CHROMIUM`);
  const index = join(import.meta.dirname, '..', '..', 'console', 'dist', 'index.html');
  if (!existsSync(index)) throw new Error('console/dist is missing: run npm run build (npm test builds it first)');
}

export async function launch(): Promise<Browser> {
  requireBrowserAndBuild();
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The machine's network is closed: no background connections, no first-run work.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export const PASSWORD = 'correct-horse-battery-9';

/** Local accounts for each role, all with PASSWORD. */
export async function makeAccounts(t: TestWarden, users: Partial<Record<Role, string>>): Promise<void> {
  const hash = await hashPassword(PASSWORD);
  for (const [role, user] of Object.entries(users) as Array<[Role, string]>) t.warden.store.accounts.create({ user, role, passwordHash: hash });
}

/** A fresh browser context signed in through the console's own sign-in screen. */
export async function signIn(browser: Browser, t: TestWarden, user: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  (page as Page & { problems?: string[] }).problems = problems;
  await page.goto(`${t.url}/console/`);
  await page.getByLabel('User').fill(user);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  return { context, page };
}

/** Serious or critical axe-core violations on the page as it is now (empty is good). */
export async function axeProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
}

/** Saves docs/console/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
