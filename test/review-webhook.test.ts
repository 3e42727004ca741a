// A hold notifies the configured webhook with the review, never the raw finding values.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import OpenAI from 'openai';
import { startTestWarden, type TestWarden } from './helpers/warden.js';

let t: TestWarden;
let hook: Server;
const received: Array<{ headers: Record<string, unknown>; body: any }> = [];

before(async () => {
  hook = createServer((req, res) => {
    let s = '';
    req.on('data', (d) => (s += d));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(s) });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  const port = (hook.address() as { port: number }).port;
  t = await startTestWarden({ extraYaml: `oversight:\n  review_sla_minutes: 15\n  review_webhook:\n    url: http://127.0.0.1:${port}/hook\n    headers: { x-token: abc }\n` });
});
after(async () => {
  await t.close();
  await new Promise<void>((r) => hook.close(() => r()));
});

it('posts new reviews to the webhook', async () => {
  const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.key, maxRetries: 0 });
  let reviewId = '';
  await assert.rejects(client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Chart for MRN: 31415926 please' }] }), (e: any) => {
    reviewId = e.error.review_id;
    return e.code === 'WARDEN_POLICY_HELD';
  });
  const deadline = Date.now() + 3000;
  while (received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.equal(received.length, 1);
  const { headers, body } = received[0];
  assert.equal(headers['x-token'], 'abc');
  assert.equal(body.type, 'warden.review.created');
  assert.equal(body.review.id, reviewId);
  assert.deepEqual(body.review.findings, [{ type: 'MEDICAL_RECORD_NUMBER', count: 1 }]);
  assert.equal(Date.parse(body.review.slaDueAt) - Date.parse(body.review.createdAt), 15 * 60_000);
  assert.ok(!JSON.stringify(body).includes('31415926'), 'no raw value in the notice');
});
