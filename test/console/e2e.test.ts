// The console in a real browser (Debian's Chromium through playwright-core) against a real
// Warden, with the official OpenAI SDK as the application whose traffic is governed. Each
// scenario is what a reviewer, admin, auditor or viewer does; every screen is checked with
// axe-core and photographed into docs/console/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type OpenAI from 'openai';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { verifyPack } from '../../src/compliance/verify-pack.js';
import { startSdkWarden, type TestWarden } from '../helpers/warden.js';
import { axeProblems, launch, makeAccounts, screenshot, signIn } from './browser.js';

const USERS = { admin: 'ada', reviewer: 'rita', auditor: 'otto', viewer: 'vic' } as const;
const HELD = (mrn: string) => ({ model: 'gpt-4o', messages: [{ role: 'user' as const, content: `Summarise the chart for patient MRN: ${mrn} seen today` }] });

/** The review id of a request the policy holds. */
async function heldReview(openai: OpenAI, req: ReturnType<typeof HELD>): Promise<string> {
  try {
    await openai.chat.completions.create(req);
  } catch (err) {
    const e = err as { code?: string; error?: { review_id?: string } };
    assert.equal(e.code, 'WARDEN_POLICY_HELD');
    return e.error!.review_id!;
  }
  throw new Error('the request was not held');
}

async function confirmWithReason(page: Page, button: string, reason: string): Promise<void> {
  const dialog = page.getByRole('alertdialog');
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('console in a real browser', { timeout: 180_000 }, () => {
  let t: TestWarden;
  let openai: OpenAI;
  let browser: Browser;

  before(async () => {
    // Checkpoints every 200 ms so a decision's proof is available at once.
    ({ t, openai } = await startSdkWarden({ extraYaml: 'audit:\n  checkpoint:\n    interval_ms: 200\n' }));
    await makeAccounts(t, USERS);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a reviewer approves a held request, which then completes through the OpenAI SDK, and denies another', async () => {
    const approveReq = HELD('48213377');
    const approveId = await heldReview(openai, approveReq);
    const { context, page } = await signIn(browser, t, USERS.reviewer);
    try {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review queue' }).click();
      await page.getByRole('button', { name: `Approve review ${approveId}` }).click();
      await confirmWithReason(page, 'Approve', 'clinician confirmed consent');
      await page.getByRole('button', { name: `Approve review ${approveId}` }).waitFor({ state: 'detached' });
      const r = await openai.chat.completions.create(approveReq);
      assert.match(r.choices[0].message.content!, /48213377/);
      assert.equal(t.warden.store.reviews.get(approveId)!.decidedBy, `api:${USERS.reviewer}`);

      // The queue updates by itself: a request held after the page loaded appears without a reload.
      const denyReq = HELD('99887766');
      const denyId = await heldReview(openai, denyReq);
      await page.getByRole('button', { name: `Deny review ${denyId}` }).click();
      await confirmWithReason(page, 'Deny', 'not for this system');
      await page.getByRole('button', { name: `Deny review ${denyId}` }).waitFor({ state: 'detached' });
      assert.equal(t.warden.store.reviews.get(denyId)!.status, 'denied');
      await assert.rejects(openai.chat.completions.create(denyReq), (e: { code?: string }) => e.code === 'WARDEN_POLICY_HELD');
    } finally {
      await context.close();
    }
  });

  it('an admin sets a kill switch and traffic stops, then lifts it and traffic resumes', async () => {
    const ok = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };
    await openai.chat.completions.create(ok);
    const { context, page } = await signIn(browser, t, USERS.admin);
    try {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Kill switches' }).click();
      await page.getByLabel('AI system id').fill('app');
      await page.getByRole('button', { name: 'Set kill switch…' }).click();
      await confirmWithReason(page, 'Stop traffic', 'INC-7 answers leak salary data');
      await assert.rejects(openai.chat.completions.create(ok), (e: { code?: string; status?: number }) => e.status === 403 && e.code === 'WARDEN_SUSPENDED');

      await page.getByRole('button', { name: /^Resume / }).first().click();
      await confirmWithReason(page, 'Resume traffic', 'fix deployed');
      const r = await openai.chat.completions.create(ok);
      assert.ok(r.choices[0].message.content);
    } finally {
      await context.close();
    }
  });

  it('an auditor finds a decision and its inclusion proof is verified in the browser', async () => {
    const { response } = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'find me later' }] }).withResponse();
    const id = response.headers.get('x-warden-decision-id')!;
    assert.ok(id);
    const { context, page } = await signIn(browser, t, USERS.auditor);
    try {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decisions' }).click();
      await page.getByRole('link', { name: `Open decision ${id}` }).click();
      const result = page.getByTestId('verify-result');
      // The checkpoint that covers the decision may be a moment behind: the page says so and the test reloads.
      for (let i = 0; i < 20; i++) {
        await result.waitFor();
        const state = await result.getAttribute('data-verified');
        if (state === 'true') break;
        assert.notEqual(state, 'false', 'the proof must not fail to verify');
        await new Promise((r) => setTimeout(r, 250));
        await page.reload();
      }
      assert.equal(await result.getAttribute('data-verified'), 'true');
      await assert.doesNotReject(result.getByText('Verified in your browser').first().waitFor());
    } finally {
      await context.close();
    }
  });

  it('an auditor builds a signed evidence pack and downloads it, and the pack verifies', async () => {
    const { context, page } = await signIn(browser, t, USERS.auditor);
    try {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Compliance' }).click();
      await page.getByRole('button', { name: 'Build evidence pack' }).click();
      const link = page.getByRole('link', { name: 'Download the evidence pack just built' });
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const zipPath = join(t.dataDir, 'downloaded-pack.zip');
      await download.saveAs(zipPath);
      const dir = join(t.dataDir, 'downloaded-pack');
      for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zipPath)))) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        if (!name.endsWith('/')) writeFileSync(join(dir, name), bytes);
      }
      const report = verifyPack(dir);
      assert.ok(report.ok, JSON.stringify(report).slice(0, 500));
    } finally {
      await context.close();
    }
  });

  it('a viewer sees the dashboards and cannot change anything', async () => {
    const { context, page } = await signIn(browser, t, USERS.viewer);
    const changes: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/') && r.method() !== 'GET' && !r.url().endsWith('/api/auth/logout')) changes.push(`${r.method()} ${r.url()}`);
    });
    try {
      const nav = page.getByRole('navigation', { name: 'Main' });
      const labels = await nav.getByRole('link').allTextContents();
      assert.ok(!labels.includes('Review queue'), 'a viewer does not see the review queue');
      for (const label of labels) {
        await nav.getByRole('link', { name: label, exact: true }).click();
        await page.locator('main h1').first().waitFor();
        const enabled = await page.locator('main button:not([disabled]):not([aria-disabled="true"])').allTextContents();
        const changing = enabled.filter((b) => /approve|deny|set kill|resume|create|register|revoke|build|save|disable|upload|import|delete|new /i.test(b));
        assert.deepEqual(changing, [], `on ${label}, a viewer has no enabled change buttons`);
      }
      await page.goto(`${t.url}/console/kill-switches`);
      await page.getByText(/cannot set kill switches/i).first().waitFor();
      assert.deepEqual(changes, []);
    } finally {
      await context.close();
    }
  });

  it('every screen has no serious accessibility problem, and is photographed for the docs', async () => {
    // Something on every screen: a held request, a kill switch in force.
    await heldReview(openai, HELD('11223344'));
    const { context, page } = await signIn(browser, t, USERS.admin);
    const problems: string[] = [];
    try {
      const nav = page.getByRole('navigation', { name: 'Main' });
      const labels = await nav.getByRole('link').allTextContents();
      assert.ok(labels.length >= 5, `the admin sees every screen: ${labels.join(', ')}`);
      for (const label of labels) {
        await nav.getByRole('link', { name: label, exact: true }).click();
        await page.locator('main h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        for (const p of await axeProblems(page)) problems.push(`${label}: ${p}`);
        await screenshot(page, label.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
      }
      await context.clearCookies();
      await page.goto(`${t.url}/console/`);
      await page.getByLabel('User').waitFor();
      for (const p of await axeProblems(page)) problems.push(`sign-in: ${p}`);
      await screenshot(page, 'sign-in');
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });
});
