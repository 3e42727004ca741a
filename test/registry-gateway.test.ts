// The gateway enforces the inventory and supplier register kept by `warden systems|suppliers`
// (run here as separate processes on the same data folder).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startTestWarden, type TestWarden } from './helpers/warden.js';
import { warden } from './helpers/cli.js';

let t: TestWarden;
let client: OpenAI;
const chat = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };
const settle = () => new Promise((r) => setTimeout(r, 600));

before(async () => {
  t = await startTestWarden();
  client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.key, maxRetries: 0 });
});
after(() => t.close());

function importYaml(kind: 'systems' | 'suppliers', yaml: string) {
  const file = join(t.dataDir, `${kind}-${Date.now()}.yaml`);
  writeFileSync(file, yaml);
  const r = warden([kind, 'import', file, '--data', t.dataDir]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
}

const system = (lifecycle: string) => `systems:
  - id: app
    name: Test app
    purpose: Tests
    owner: qa@example.com
    lifecycle: ${lifecycle}
    role: deployer
    euAiActClass: minimal
    dataCategories: [personal]
    suppliers: [openai]
    models: [gpt-4o]
`;

describe('registry at the gateway', () => {
  it('a system not in production gets no traffic; in production it does', async () => {
    importYaml('systems', system('validation'));
    await settle();
    await assert.rejects(client.chat.completions.create(chat), (e: any) => {
      assert.equal(e.code, 'WARDEN_POLICY_BLOCKED');
      return true;
    });
    importYaml('systems', system('production'));
    await settle();
    assert.ok((await client.chat.completions.create(chat)).choices[0].message.content);
  });

  it('the inventory narrows the models a system may use', async () => {
    await assert.rejects(client.chat.completions.create({ ...chat, model: 'gpt-4o-mini' }), (e: any) => e.code === 'WARDEN_MODEL_NOT_ALLOWED');
  });

  it('a suspended supplier gets no traffic; a lapsed review is visible to policy', async () => {
    const supplier = (status: string, next: string) =>
      `suppliers:\n  - id: openai\n    name: OpenAI\n    status: ${status}\n    nextReviewAt: ${next}\n    dpa: true\n`;
    importYaml('suppliers', supplier('suspended', '2099-01-01'));
    await settle();
    await assert.rejects(client.chat.completions.create(chat), (e: any) => e.code === 'WARDEN_POLICY_BLOCKED');
    importYaml('suppliers', supplier('approved', '2020-01-01'));
    await settle();
    const { response } = await client.chat.completions.create(chat).withResponse();
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('x-warden-action'), 'warn', 'the default pack warns on a lapsed supplier review');
    importYaml('suppliers', supplier('approved', '2099-01-01'));
    await settle();
    const again = await client.chat.completions.create(chat).withResponse();
    assert.equal(again.response.headers.get('x-warden-action'), 'allow');
  });

  it('a key for an unknown system is refused and becomes a discovery candidate', async () => {
    const shadow = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.makeKey('marketing-gpt', 'eve@example.com'), maxRetries: 0 });
    await assert.rejects(shadow.chat.completions.create(chat), (e: any) => e.code === 'WARDEN_SYSTEM_NOT_ALLOWED');
    const r = warden(['discover', '--candidates', '--data', t.dataDir, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const candidates = JSON.parse(r.stdout);
    const c = (Array.isArray(candidates) ? candidates : candidates.candidates).find((x: any) => x.systemId === 'marketing-gpt');
    assert.ok(c, r.stdout);
    assert.equal(c.user, 'eve@example.com');
  });
});
