// A hold rule on answers stops the answer like block: an answer cannot wait for a reviewer.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { startTestWarden, type TestWarden } from './helpers/warden.js';

let t: TestWarden;
let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-rhold-'));
  writeFileSync(
    join(dir, 'rules.yaml'),
    `rules:\n  - id: labelled-answers\n    direction: response\n    match: { findings: [{ types: [DATA_LABEL] }] }\n    action: hold\n    message: Labelled material needs a reviewer.\n`,
  );
  t = await startTestWarden({ policyDir: dir });
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

it('holds on an answer stop it, plain and streamed', async () => {
  const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.key, maxRetries: 0 });
  t.mock.replyText = 'CONFIDENTIAL: the merger closes on Friday.';
  try {
    await assert.rejects(client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'news?' }] }), (e: any) => e.code === 'WARDEN_RESPONSE_BLOCKED');
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'news?' }], stream: true });
    let text = '';
    await assert.rejects(
      (async () => {
        for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
      })(),
      (e: any) => /WARDEN_RESPONSE_BLOCKED|Labelled/.test(String(e.message)),
    );
    assert.ok(!text.includes('merger'), text);
  } finally {
    t.mock.replyText = undefined;
  }
});
