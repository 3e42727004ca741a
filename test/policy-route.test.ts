// Route, monitor mode and hot reload through the gateway, with a policy folder of the test's own.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startTestWarden, type TestWarden } from './helpers/warden.js';

const SETTINGS = `name: test\nsettings: { mode: enforce, defaultAction: allow }\n`;
const RULES = `rules:
  - id: health-to-onprem
    match: { findings: [{ types: [MEDICAL_RECORD_NUMBER] }] }
    action: route
    route: { supplier: onprem, model: llama-3-70b }
    controls: [iso42001:A.10.3]
  - id: mask-email
    match: { findings: [{ types: [EMAIL_ADDRESS] }] }
    action: redact
    redact: { method: mask }
  - id: codename-watch
    when: findings.size() == 0 && messageCount > 0 && principal.groups.exists(g, g == 'contractors')
    action: block
    mode: monitor
    message: Contractors may not use this system.
`;

let t: TestWarden;
let dir: string;
let client: OpenAI;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-pol-'));
  writeFileSync(join(dir, '00-settings.yaml'), SETTINGS);
  writeFileSync(join(dir, 'rules.yaml'), RULES);
  t = await startTestWarden({ policyDir: dir });
  client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.key, maxRetries: 0 });
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('route, monitor and reload', () => {
  it('routes health data to the on-premises supplier and model', async () => {
    const { response } = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Notes for MRN: 55512345 please' }] }).withResponse();
    assert.equal(response.headers.get('x-warden-action'), 'route');
    const seen = t.mock.seen.at(-1)!;
    assert.equal(seen.path, '/onprem/v1/chat/completions');
    assert.equal(seen.body.model, 'llama-3-70b');
  });

  it('routes and redacts together when both rules match', async () => {
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'MRN: 55512345, reply to nurse.joy@example.com' }] });
    const seen = t.mock.seen.at(-1)!;
    assert.equal(seen.path, '/onprem/v1/chat/completions');
    assert.ok(!seen.body.messages[0].content.includes('nurse.joy@example.com'), seen.body.messages[0].content);
  });

  it('with no response rules, streamed text passes at once (no hold-back)', async () => {
    t.mock.fault = 'hang-stream'; // two events, then the supplier goes quiet
    const ac = new AbortController();
    try {
      const res = await fetch(`${t.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'hello there' }] }),
        signal: ac.signal,
      });
      const reader = res.body!.getReader();
      let text = '';
      const deadline = Date.now() + 3000;
      while (!text.includes('Demo reply') && Date.now() < deadline) {
        const { value, done } = await Promise.race([reader.read(), new Promise<any>((r) => setTimeout(() => r({ done: true }), 3000))]);
        if (done) break;
        text += new TextDecoder().decode(value);
      }
      assert.match(text, /Demo reply/, 'the first text event arrived while the supplier was still streaming');
    } finally {
      ac.abort();
      t.mock.fault = 'none';
    }
  });

  it('a monitor-mode block changes nothing', async () => {
    const contractor = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.makeKey('app', 'carl@vendor.test', ['contractors']), maxRetries: 0 });
    const { response } = await contractor.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }).withResponse();
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-warden-action'), 'allow');
  });

  it('hot-reloads a new version and keeps the old one when the new one is invalid', async () => {
    const v1 = t.warden.policy.decider.version();
    writeFileSync(join(dir, 'rules.yaml'), RULES.replace('action: route\n    route: { supplier: onprem, model: llama-3-70b }', 'action: block\n    message: No health data here.'));
    const deadline = Date.now() + 3000;
    while (t.warden.policy.decider.version() === v1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const v2 = t.warden.policy.decider.version();
    assert.notEqual(v2, v1, 'a new version is live');
    await assert.rejects(client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'MRN: 55512345' }] }), (e: any) => e.code === 'WARDEN_POLICY_BLOCKED');
    assert.ok(t.warden.store.policyVersions.get(v2), 'every version is kept in the store');

    writeFileSync(join(dir, 'rules.yaml'), 'rules:\n  - id: broken\n    action: explode\n');
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(t.warden.policy.decider.version(), v2, 'the invalid version was refused');
    assert.deepEqual(
      t.warden.store.policyVersions.list().map((v) => v.version),
      [v1, v2],
    );
  });
});
