// Complete mediation of requests, field by field: every string-holding path of the official
// SDKs' request types (read from their declaration files, see fields.ts) gets a planted secret,
// then a card number. Warden must refuse the request (4xx naming a decision id) or send the
// supplier a body without the value in clear. Discriminants (`role`, `type`) are planted too:
// the request becomes invalid for the supplier, but the value still must not reach it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestWarden, type TestWarden } from '../helpers/warden.js';
import { fieldPaths, overBase, planted, sdkVersion, VALUES, type SdkTypeName } from './fields.js';
import { baseRequest, decisionIdOf, leaks, post, type Api } from './http.js';

let t: TestWarden;
before(async () => {
  t = await startTestWarden();
});
after(() => t.close());

const CASES: Array<{ type: SdkTypeName; api: Api; sdk: 'openai' | '@anthropic-ai/sdk' }> = [
  { type: 'ChatCompletionCreateParamsNonStreaming', api: 'chat', sdk: 'openai' },
  { type: 'ChatCompletionCreateParamsNonStreaming', api: 'azure', sdk: 'openai' },
  { type: 'ResponseCreateParamsNonStreaming', api: 'responses', sdk: 'openai' },
  { type: 'EmbeddingCreateParams', api: 'embeddings', sdk: 'openai' },
  { type: 'MessageCreateParamsNonStreaming', api: 'messages', sdk: '@anthropic-ai/sdk' },
];

const PASSES = [
  { name: 'secret', value: VALUES.secret, expect: 'refused or absent upstream' },
  { name: 'card number', value: VALUES.card, expect: 'absent upstream (redacted)' },
] as const;

/** What went wrong for one planted request, or undefined when Warden held. */
async function check(api: Api, body: unknown, value: string): Promise<string | undefined> {
  const before = t.mock.seen.length;
  const r = await post(t, api, body);
  const upstream = t.mock.seen.slice(before).map((s) => JSON.stringify(s.body));
  if (upstream.some((s) => leaks(s, value))) return `reached the supplier in clear (client got ${r.status})`;
  if (r.status >= 500) return `status ${r.status} (a refusal is a 4xx): ${r.text.slice(0, 160)}`;
  if (r.status >= 400 && !decisionIdOf(r.text)) return `${r.status} without a decision id: ${r.text.slice(0, 160)}`;
  return undefined;
}

function report(failures: string[], total: number): string {
  const shown = failures.slice(0, 40).join('\n  ');
  return `${failures.length} of ${total} paths failed:\n  ${shown}${failures.length > 40 ? `\n  … and ${failures.length - 40} more` : ''}`;
}

for (const c of CASES) {
  const paths = fieldPaths(c.type);
  describe(`${c.type} (${c.sdk} ${sdkVersion(c.sdk)}) via ${c.api}: ${paths.length} string paths`, () => {
    it('the type yields string paths, including ones nobody listed by hand', () => {
      assert.ok(paths.length > 0);
    });
    for (const pass of PASSES) {
      it(`${paths.length} paths with a ${pass.name} planted: ${pass.expect}`, async () => {
        const failures: string[] = [];
        for (const f of paths) {
          const body = overBase(baseRequest(c.api), planted(f.skeleton, pass.value), 'concat');
          const why = await check(c.api, body, pass.value);
          if (why) failures.push(`${f.path}: ${why}`);
        }
        assert.equal(failures.length, 0, report(failures, paths.length));
      });
    }
  });
}

describe('values split across two consecutive text fields', () => {
  const halves = (v: string) => [v.slice(0, Math.floor(v.length / 2)), v.slice(Math.floor(v.length / 2))];

  it('a secret split across two user messages is refused before the supplier', async () => {
    const [a, b] = halves(VALUES.secret);
    const before = t.mock.seen.length;
    const r = await post(t, 'chat', { model: 'gpt-4o', messages: [{ role: 'user', content: a }, { role: 'user', content: b }] });
    assert.equal(r.status, 403, r.text);
    assert.ok(decisionIdOf(r.text), r.text);
    assert.equal(t.mock.seen.length, before, 'nothing reached the supplier');
  });

  it('a card number split across two Anthropic text blocks does not reach the supplier whole', async () => {
    const [a, b] = halves(VALUES.card);
    const before = t.mock.seen.length;
    const r = await post(t, 'messages', {
      model: 'claude-sonnet-4-6',
      max_tokens: 16,
      messages: [{ role: 'user', content: [{ type: 'text', text: a }, { type: 'text', text: b }] }],
    });
    assert.ok(r.status < 500, `status ${r.status}`);
    const sent = t.mock.seen.slice(before).map((s) => JSON.stringify(s.body)).join('\n');
    assert.ok(!(sent.includes(a) && sent.includes(b)), `both halves reached the supplier: ${sent}`);
  });
});
