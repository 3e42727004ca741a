// Blocks are final (docs/MEDIATION.md): a blocked answer is a 403 in the API's own error format
// with a decision id, never a 5xx, so SDKs do not retry and the supplier is called once; a blocked
// stream ends with the API's own error event of type permission_error; a stream carries the
// request's decision as a header and its final action as an SSE comment; malformed bodies are
// refused before inspection. The answer-side block used here is a call to a tool outside scope
// (the default pack masks, not blocks, secrets in answers).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { startTestWarden, type TestWarden } from '../helpers/warden.js';
import type { MockReply } from '../helpers/mock-upstream.js';
import { decisionIdOf, post, streamError, type Api } from './http.js';
import { anthropicToolStream, chatToolStream, responsesToolStream } from './streams.js';

let t: TestWarden;
before(async () => {
  t = await startTestWarden();
});
after(() => t.close());

const ARGS = '{"account_id":"acct-7781"}';
const call = {
  chat: { id: 'chatcmpl-m', object: 'chat.completion', created: 0, model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'delete_account', arguments: ARGS } }] }, finish_reason: 'tool_calls' }] },
  messages: { id: 'msg_m', type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [{ type: 'tool_use', id: 'toolu_1', name: 'delete_account', input: JSON.parse(ARGS) }], stop_reason: 'tool_use', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } },
  responses: { id: 'resp_m', object: 'response', created_at: 0, status: 'completed', model: 'gpt-4o', output: [{ type: 'function_call', id: 'fc_1', call_id: 'c1', name: 'delete_account', arguments: ARGS, status: 'completed' }] },
};

const REQUESTS: Record<'chat' | 'messages' | 'responses' | 'azure', Record<string, unknown>> = {
  chat: { model: 'gpt-4o', messages: [{ role: 'user', content: 'clean up' }] },
  azure: { model: 'gpt-4o-azure', messages: [{ role: 'user', content: 'clean up' }] },
  messages: { model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'clean up' }] },
  responses: { model: 'gpt-4o', input: 'clean up' },
};

async function withReply<T>(reply: MockReply, fn: () => Promise<T>): Promise<T> {
  t.mock.replyFor = () => reply;
  try {
    return await fn();
  } finally {
    t.mock.replyFor = undefined;
  }
}

function assertApiError(api: Api, text: string) {
  const body = JSON.parse(text);
  if (api === 'messages') {
    assert.equal(body.type, 'error', text);
    assert.equal(body.error?.type, 'permission_error', text);
  } else {
    assert.equal(typeof body.error?.message, 'string', text);
    assert.equal(body.error?.type, 'permission_error', text);
  }
  assert.ok(decisionIdOf(text), `the error names a decision id: ${text}`);
}

describe('a blocked answer is a 403 in the API’s own error format, never a 5xx', () => {
  for (const api of ['chat', 'azure', 'messages', 'responses'] as const) {
    it(api, async () => {
      const body = api === 'azure' ? { ...call.chat, model: 'gpt-4o-azure' } : call[api];
      const r = await withReply({ body }, () => post(t, api, REQUESTS[api]));
      assert.equal(r.status, 403, r.text);
      assertApiError(api, r.text);
      assert.ok(!r.text.includes('acct-7781'));
    });
  }
});

describe('official SDKs with maxRetries: 2 call the supplier exactly once for a blocked answer', () => {
  it('OpenAI chat', async () => {
    const openai = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.key, maxRetries: 2 });
    const before = t.mock.seen.length;
    await withReply({ body: call.chat }, () => assert.rejects(openai.chat.completions.create(REQUESTS.chat as any)));
    assert.equal(t.mock.seen.length - before, 1);
  });
  it('OpenAI responses', async () => {
    const openai = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.key, maxRetries: 2 });
    const before = t.mock.seen.length;
    await withReply({ body: call.responses }, () => assert.rejects(openai.responses.create(REQUESTS.responses as any)));
    assert.equal(t.mock.seen.length - before, 1);
  });
  it('Anthropic messages', async () => {
    const anthropic = new Anthropic({ baseURL: t.url, apiKey: t.key, maxRetries: 2 });
    const before = t.mock.seen.length;
    await withReply({ body: call.messages }, () => assert.rejects(anthropic.messages.create(REQUESTS.messages as any)));
    assert.equal(t.mock.seen.length - before, 1);
  });
  it('OpenAI chat, streamed', async () => {
    const openai = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.key, maxRetries: 2 });
    const before = t.mock.seen.length;
    await withReply({ events: chatToolStream('delete_account', ARGS) }, async () => {
      await assert.rejects(async () => {
        const stream = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'clean up' }], stream: true });
        for await (const _ of stream);
      });
    });
    assert.equal(t.mock.seen.length - before, 1);
  });
});

const STREAMS = {
  chat: () => chatToolStream('delete_account', ARGS),
  messages: () => anthropicToolStream('delete_account', ARGS),
  responses: () => responsesToolStream('delete_account', ARGS),
};
const COMMENT = /^: ?warden action=(\w+) decision=([0-9A-HJKMNP-TV-Z]{26})\s*$/m;

describe('a blocked stream ends with the API’s own error event, not a supplier failure', () => {
  for (const api of ['chat', 'messages', 'responses'] as const) {
    it(api, async () => {
      const r = await withReply({ events: STREAMS[api]() }, () => post(t, api, { ...REQUESTS[api], stream: true }));
      const err = streamError(r.text);
      assert.ok(err, `an error event: ${r.text.slice(-500)}`);
      const text = JSON.stringify(err.data);
      for (const bad of ['api_error', 'overloaded_error', 'server_error']) assert.ok(!text.includes(bad), `error event is not ${bad}: ${text}`);
      assert.match(text, /permission_error/, text);
      assert.ok(decisionIdOf(text), `the error event names a decision id: ${text}`);
      assert.ok(!r.text.includes('acct-7781'));
      assert.equal(COMMENT.exec(r.text)?.[1], 'block', `SSE comment with the final action: ${r.text.slice(-300)}`);
    });
  }
});

describe('streams carry the request decision as a header and the final action as an SSE comment', () => {
  for (const api of ['chat', 'messages', 'responses'] as const) {
    it(api, async () => {
      const r = await post(t, api, { ...REQUESTS[api], stream: true });
      assert.equal(r.status, 200, r.text);
      assert.ok(r.headers.get('x-warden-request-action'), 'x-warden-request-action header');
      assert.equal(r.headers.get('x-warden-action'), null, 'no x-warden-action header claims a final action before the answer is known');
      const m = COMMENT.exec(r.text);
      assert.ok(m, `ends with ": warden action=… decision=…": ${r.text.slice(-300)}`);
      assert.equal(m[2], r.headers.get('x-warden-decision-id') ?? m[2]);
    });
  }
});

describe('malformed requests are refused before inspection', () => {
  it('a duplicate key → 400 WARDEN_JSON_DUPLICATE_KEY; nothing reaches the supplier (chat)', async () => {
    const before = t.mock.seen.length;
    const r = await post(t, 'chat', '{"model":"gpt-4o","messages":[{"role":"user","content":"key AKIAZ3MPLEQ7RW4XJ2NB","content":"hi"}]}');
    assert.equal(r.status, 400, r.text);
    assert.equal(JSON.parse(r.text).error?.code, 'WARDEN_JSON_DUPLICATE_KEY', r.text);
    assert.ok(decisionIdOf(r.text), r.text);
    assert.equal(t.mock.seen.length, before);
  });

  it('a duplicate key → 400 WARDEN_JSON_DUPLICATE_KEY (Anthropic, top level)', async () => {
    const before = t.mock.seen.length;
    const r = await post(t, 'messages', '{"model":"claude-sonnet-4-6","max_tokens":16,"messages":[{"role":"user","content":"536-22-1234"}],"messages":[{"role":"user","content":"hi"}]}');
    assert.equal(r.status, 400, r.text);
    assert.equal(JSON.parse(r.text).error?.code, 'WARDEN_JSON_DUPLICATE_KEY', r.text);
    assert.equal(t.mock.seen.length, before);
  });

  for (const depth of [65, 10_000]) {
    it(`${depth}-deep nesting inside metadata → 400 WARDEN_JSON_TOO_DEEP, not a 500`, async () => {
      const before = t.mock.seen.length;
      const body = `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"metadata":{"a":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
      const r = await post(t, 'chat', body);
      assert.equal(r.status, 400, r.text.slice(0, 300));
      assert.equal(JSON.parse(r.text).error?.code, 'WARDEN_JSON_TOO_DEEP', r.text.slice(0, 300));
      assert.equal(t.mock.seen.length, before);
    });
  }

  it('embeddings given as token arrays → 400 WARDEN_BAD_REQUEST', async () => {
    const before = t.mock.seen.length;
    const r = await post(t, 'embeddings', { model: 'text-embedding-3-small', input: [[1, 2, 3]] });
    assert.equal(r.status, 400, r.text);
    assert.equal(JSON.parse(r.text).error?.code, 'WARDEN_BAD_REQUEST', r.text);
    assert.equal(t.mock.seen.length, before);
  });
});
