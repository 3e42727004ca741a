// Bad input and upstream failures: a clear error in the API's format with a decision id, never a
// crash or a hang.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import OpenAI from 'openai';
import { startTestWarden, type TestWarden } from './helpers/warden.js';

let t: TestWarden;

async function post(path: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

function assertOpenAIError(r: { status: number; headers: Headers; json: any }, status: number, code: string) {
  assert.equal(r.status, status, JSON.stringify(r.json));
  assert.equal(r.json?.error?.code, code);
  assert.equal(typeof r.json.error.message, 'string');
  const id = r.headers.get('x-warden-decision-id');
  assert.ok(id, 'decision id header');
  assert.equal(r.json.error.decision_id, id, 'body and header carry the same decision id');
  assert.ok(r.json.error.message.includes(id!), 'the message names the decision id');
}

const chat = (content = 'hi', extra: object = {}) => JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content }], ...extra });

before(async () => {
  t = await startTestWarden({ bodyLimit: '64kb', headersTimeoutMs: 300 });
});
after(() => t.close());

describe('bad input', () => {
  it('malformed JSON', async () => {
    assertOpenAIError(await post('/v1/chat/completions', '{"model": "gpt-4o", "messages": ['), 400, 'WARDEN_INVALID_JSON');
  });
  it('a JSON body that is not an object', async () => {
    assertOpenAIError(await post('/v1/chat/completions', '[1,2]'), 400, 'WARDEN_BAD_REQUEST');
  });
  it('wrong content type', async () => {
    assertOpenAIError(await post('/v1/chat/completions', chat(), { 'content-type': 'text/plain' }), 415, 'WARDEN_UNSUPPORTED_MEDIA_TYPE');
  });
  it('missing model', async () => {
    const r = await post('/v1/chat/completions', JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }));
    assertOpenAIError(r, 400, 'WARDEN_BAD_REQUEST');
    assert.match(r.json.error.message, /model/);
  });
  it('wrong types', async () => {
    assertOpenAIError(await post('/v1/chat/completions', JSON.stringify({ model: 'gpt-4o', messages: 'hello' })), 400, 'WARDEN_BAD_REQUEST');
    assertOpenAIError(await post('/v1/chat/completions', JSON.stringify({ model: 42, messages: [] })), 400, 'WARDEN_BAD_REQUEST');
  });
  it('model not allowed', async () => {
    assertOpenAIError(await post('/v1/chat/completions', chat('hi', { model: 'gpt-5-unknown' })), 403, 'WARDEN_MODEL_NOT_ALLOWED');
  });
  it('unknown key', async () => {
    assertOpenAIError(await post('/v1/chat/completions', chat(), { authorization: 'Bearer wdn_k_123_bad' }), 401, 'WARDEN_UNAUTHENTICATED');
  });
  it('no key at all', async () => {
    const res = await fetch(`${t.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: chat() });
    assert.equal(res.status, 401);
  });
  it('oversize body', async () => {
    assertOpenAIError(await post('/v1/chat/completions', chat('x'.repeat(100_000))), 413, 'WARDEN_BODY_TOO_LARGE');
  });
  it('unknown route', async () => {
    assertOpenAIError(await post('/v1/nope', chat()), 404, 'WARDEN_NOT_FOUND');
  });
  it('anthropic route answers in anthropic format', async () => {
    const r = await post('/v1/messages', '{oops', { 'x-api-key': t.key });
    assert.equal(r.status, 400);
    assert.equal(r.json.type, 'error');
    assert.equal(r.json.error.type, 'invalid_request_error');
    assert.equal(r.json.decision_id, r.headers.get('x-warden-decision-id'));
  });
  it('anthropic messages without max_tokens', async () => {
    const r = await post('/v1/messages', JSON.stringify({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'x' }] }), { 'x-api-key': t.key });
    assert.equal(r.status, 400);
    assert.match(r.json.error.message, /max_tokens/);
  });
  it('stream on embeddings is refused', async () => {
    assertOpenAIError(await post('/v1/embeddings', JSON.stringify({ model: 'text-embedding-3-small', input: 'x', stream: true })), 400, 'WARDEN_BAD_REQUEST');
  });
  it('unicode tricks in content still get through intact', async () => {
    const text = 'Zero\u200bwidth and \u202eRTL and emoji 👩‍💻 and ＦＵＬＬ';
    const r = await post('/v1/chat/completions', chat(text));
    assert.equal(r.status, 200);
    assert.equal(r.json.choices[0].message.content, `Demo reply. You said: ${text}`);
  });
});

describe('upstream failures', () => {
  it('upstream 500 becomes a 502 naming the supplier, never its body', async () => {
    t.mock.fault = 'status500';
    try {
      const r = await post('/v1/chat/completions', chat());
      assertOpenAIError(r, 502, 'WARDEN_UPSTREAM_ERROR');
      assert.ok(!r.text.includes('exploded'));
    } finally {
      t.mock.fault = 'none';
    }
  });
  it('upstream 401 does not leak the supplier key or its message', async () => {
    t.mock.fault = 'status401';
    try {
      const r = await post('/v1/chat/completions', chat());
      assertOpenAIError(r, 502, 'WARDEN_UPSTREAM_ERROR');
      assert.ok(!r.text.includes('sk-'));
    } finally {
      t.mock.fault = 'none';
    }
  });
  it('upstream 400 passes through with the decision id', async () => {
    t.mock.fault = 'status400';
    try {
      const r = await post('/v1/chat/completions', chat());
      assert.equal(r.status, 400);
      assert.equal(r.json.error.param, 'max_tokens');
      assert.equal(r.json.error.decision_id, r.headers.get('x-warden-decision-id'));
    } finally {
      t.mock.fault = 'none';
    }
  });
  it('a body that is not JSON', async () => {
    t.mock.fault = 'notjson';
    try {
      assertOpenAIError(await post('/v1/chat/completions', chat()), 502, 'WARDEN_UPSTREAM_ERROR');
    } finally {
      t.mock.fault = 'none';
    }
  });
  it('slow upstream times out with 504', async () => {
    t.mock.fault = 'slow';
    t.mock.delayMs = 1500;
    try {
      assertOpenAIError(await post('/v1/chat/completions', chat()), 504, 'WARDEN_UPSTREAM_TIMEOUT');
    } finally {
      t.mock.fault = 'none';
    }
  });
  it('stream cut midway ends with an error event the SDK raises', async () => {
    t.mock.fault = 'cut';
    try {
      const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.key, maxRetries: 0 });
      const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'a fairly long message to stream back' }], stream: true });
      await assert.rejects(
        (async () => {
          for await (const _ of stream);
        })(),
        (err: any) => {
          assert.match(String(err.message), /WARDEN_UPSTREAM_STREAM_CUT|ended the stream early/);
          return true;
        },
      );
    } finally {
      t.mock.fault = 'none';
    }
  });
  it('client disconnect mid-stream aborts the upstream request', async () => {
    t.mock.fault = 'hang-stream';
    const before = t.mock.aborted;
    try {
      const ac = new AbortController();
      const res = await fetch(`${t.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
        body: chat('hello', { stream: true }),
        signal: ac.signal,
      });
      assert.equal(res.status, 200);
      const reader = res.body!.getReader();
      await reader.read();
      ac.abort();
      const deadline = Date.now() + 3000;
      while (t.mock.aborted === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.equal(t.mock.aborted, before + 1, 'the supplier saw the request go away');
    } finally {
      t.mock.fault = 'none';
    }
  });
});

describe('upstream refused', () => {
  it('maps a refused connection to 502', async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const t2 = await startTestWarden({ openaiBaseUrl: `http://127.0.0.1:${port}/v1` });
    try {
      const res = await fetch(`${t2.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t2.key}`, 'content-type': 'application/json' },
        body: chat(),
      });
      const json: any = await res.json();
      assert.equal(res.status, 502);
      assert.equal(json.error.code, 'WARDEN_UPSTREAM_UNAVAILABLE');
      assert.ok(!JSON.stringify(json).includes(String(port)), 'no internal address in the error');
    } finally {
      await t2.close();
    }
  });
});

describe('operations', () => {
  it('health, readiness and metrics', async () => {
    assert.equal((await fetch(`${t.url}/healthz`)).status, 200);
    assert.equal((await fetch(`${t.url}/readyz`)).status, 200);
    await post('/v1/chat/completions', chat());
    const m = await (await fetch(`${t.url}/metrics`)).text();
    assert.match(m, /warden_requests_total\{route="openai.chat",status="200",action="allow"\} \d+/);
    assert.match(m, /warden_gateway_latency_seconds_bucket/);
    assert.match(m, /warden_upstream_latency_seconds_bucket\{le="[^"]+",supplier="openai"\}/);
    assert.match(m, /warden_tokens_total\{supplier="openai",system="app",kind="input"\} \d+/);
  });
  it('a revoked key stops working within a second', async () => {
    const { openSqliteStore } = await import('../src/store/sqlite.js');
    const key = t.makeKey('app', 'bob@example.com');
    assert.equal((await post('/v1/chat/completions', chat(), { authorization: `Bearer ${key}` })).status, 200);
    // Another connection, as a CLI process would use.
    const other = openSqliteStore(t.dataDir);
    const id = key.split('_').slice(1, 3).join('_');
    other.keys.revoke(id);
    other.close();
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal((await post('/v1/chat/completions', chat(), { authorization: `Bearer ${key}` })).status, 401);
  });
});
