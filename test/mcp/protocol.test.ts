// MCP's wire rules at /mcp/{server}, spoken by hand: malformed JSON-RPC, batches, unknown
// methods, oversized messages, sessions and their binding to a key. Every error is well-formed.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { JSONRPCErrorResponseSchema, JSONRPCResultResponseSchema } from '@modelcontextprotocol/sdk/types.js';
import { startMcpWarden, type McpWarden } from './warden.js';
import { recordsOf } from './helpers.js';

let t: McpWarden;
let otherKey: string;
before(async () => {
  t = await startMcpWarden({ maxMessageSize: '4kb' });
  otherKey = t.makeKey('agent', 'mallory@example.com');
});
after(async () => t?.close());

const INIT = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } };

async function post(body: string | object, o: { key?: string | null; session?: string; accept?: string; server?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: o.accept ?? 'application/json, text/event-stream' };
  if (o.key !== null) headers.authorization = `Bearer ${o.key ?? t.key}`;
  if (o.session) headers['mcp-session-id'] = o.session;
  const res = await fetch(`${t.url}/mcp/${o.server ?? 'files'}`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { res, text, json: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
}

async function session(key = t.key): Promise<string> {
  const r = await post(INIT, { key });
  assert.equal(r.res.status, 200, r.text);
  assert.ok(JSONRPCResultResponseSchema.safeParse(r.json).success);
  const sid = r.res.headers.get('mcp-session-id')!;
  assert.ok(sid && /^[\x21-\x7e]+$/.test(sid));
  assert.equal((await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, { key, session: sid })).res.status, 202);
  return sid;
}

/**
 * A JSON-RPC 2.0 error: `id` null when the request's id could not be read (JSON-RPC 2.0 says null;
 * MCP's schema says omit, so the SDK schema is checked without it), else the request's id.
 */
function wellFormedError(json: unknown, code: number, id: unknown = null) {
  const { id: rawId, ...rest } = json as Record<string, unknown>;
  assert.ok('id' in (json as object), 'id is present (null when unknown)');
  const p = JSONRPCErrorResponseSchema.safeParse(rawId === null ? rest : json);
  assert.ok(p.success, `not a JSON-RPC error: ${JSON.stringify(json)}`);
  assert.equal((json as { error: { code: number } }).error.code, code);
  assert.equal((json as { id: unknown }).id, id);
}

it('initialize negotiates the version and offers only what Warden governs', async () => {
  const r = await post({ ...INIT, params: { ...INIT.params, protocolVersion: '1999-01-01' } });
  assert.equal(r.json.result.protocolVersion, '2025-11-25');
  assert.deepEqual(Object.keys(r.json.result.capabilities).sort(), ['prompts', 'resources', 'tools']);
  assert.equal(r.json.result.instructions, undefined);
});

it('malformed JSON is a parse error with id null, recorded as a decision', async () => {
  const r = await post('{"jsonrpc": "2.0", "id": 1, "method": ');
  assert.equal(r.res.status, 400);
  wellFormedError(r.json, -32700);
  const [rec] = await recordsOf(t.dataDir, r.json.error.data.decision_id);
  assert.equal(rec.rules[0].id, 'builtin:WARDEN_MCP_INVALID');
  assert.equal(rec.supplier, 'files');
});

it('a duplicate key is refused, never forwarded', async () => {
  const sid = await session();
  const before = t.upstream.bodies.length;
  const r = await post('{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"text":"a","text":"b"}}}', { session: sid });
  assert.equal(r.res.status, 400);
  wellFormedError(r.json, -32700);
  assert.match(r.json.error.message, /twice|duplicate/i);
  assert.equal(t.upstream.bodies.length, before);
});

it('a batch is one invalid-request error (MCP 2025-06-18 removed batching), and nothing in it runs', async () => {
  const sid = await session();
  const before = t.upstream.seen.length;
  const call = (id: number) => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'echo', arguments: { text: 'x' } } });
  const r = await post([call(1), call(2)], { session: sid });
  assert.equal(r.res.status, 400);
  wellFormedError(r.json, -32600);
  assert.match(r.json.error.message, /batch/i);
  assert.equal(t.upstream.seen.length, before);
});

it('an unknown method is -32601 with the request id; wrong shapes are -32600 / -32602', async () => {
  const sid = await session();
  const r = await post({ jsonrpc: '2.0', id: 'abc', method: 'tools/destroy', params: {} }, { session: sid });
  assert.equal(r.res.status, 200);
  wellFormedError(r.json, -32601, 'abc');
  wellFormedError((await post({ jsonrpc: '1.0', id: 3, method: 'ping' }, { session: sid })).json, -32600, 3);
  wellFormedError((await post({ jsonrpc: '2.0', id: null, method: 'ping' }, { session: sid })).json, -32600);
  wellFormedError((await post({ jsonrpc: '2.0', id: 4, method: 'tools/call', params: ['echo'] }, { session: sid })).json, -32602, 4);
  wellFormedError((await post({ jsonrpc: '2.0', id: 5, method: 'tools/call', params: { arguments: {} } }, { session: sid })).json, -32602, 5);
  wellFormedError((await post('"just a string"', { session: sid })).json, -32600);
  const ping = await post({ jsonrpc: '2.0', id: 6, method: 'ping' }, { session: sid });
  assert.deepEqual(ping.json, { jsonrpc: '2.0', id: 6, result: {} });
});

it('an oversized message is refused with 413 before it is parsed or forwarded', async () => {
  const sid = await session();
  const before = t.upstream.bodies.length;
  const r = await post({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'echo', arguments: { text: 'x'.repeat(5000) } } }, { session: sid });
  assert.equal(r.res.status, 413);
  wellFormedError(r.json, -32600);
  assert.equal(r.json.error.data.warden_code, 'WARDEN_BODY_TOO_LARGE');
  assert.equal(t.upstream.bodies.length, before);
});

it('a key is required; a session id used with another key is unknown (404), on POST, GET and DELETE', async () => {
  const noKey = await post(INIT, { key: null });
  assert.equal(noKey.res.status, 401);
  assert.match(noKey.res.headers.get('www-authenticate') ?? '', /Bearer/);
  wellFormedError(noKey.json, -32011);
  const sid = await session();
  const hijack = await post({ jsonrpc: '2.0', id: 9, method: 'tools/list' }, { key: otherKey, session: sid });
  assert.equal(hijack.res.status, 404);
  wellFormedError(hijack.json, -32011, 9);
  assert.equal(hijack.json.error.data.warden_code, 'WARDEN_MCP_SESSION');
  const get = await fetch(`${t.url}/mcp/files`, { headers: { authorization: `Bearer ${otherKey}`, accept: 'text/event-stream', 'mcp-session-id': sid } });
  assert.equal(get.status, 404);
  const del = await fetch(`${t.url}/mcp/files`, { method: 'DELETE', headers: { authorization: `Bearer ${otherKey}`, 'mcp-session-id': sid } });
  assert.equal(del.status, 404);
  // The session of another server is unknown too.
  assert.equal((await post({ jsonrpc: '2.0', id: 1, method: 'ping' }, { session: sid, server: 'local' })).res.status, 404);
  // The owner still has it.
  assert.equal((await post({ jsonrpc: '2.0', id: 10, method: 'ping' }, { session: sid })).res.status, 200);
});

it('a request without a session is 400; DELETE ends a session; an ended session is 404', async () => {
  const r = await post({ jsonrpc: '2.0', id: 1, method: 'tools/list' });
  assert.equal(r.res.status, 400);
  wellFormedError(r.json, -32600, 1);
  const sid = await session();
  const del = await fetch(`${t.url}/mcp/files`, { method: 'DELETE', headers: { authorization: `Bearer ${t.key}`, 'mcp-session-id': sid } });
  assert.equal(del.status, 200);
  assert.equal((await post({ jsonrpc: '2.0', id: 2, method: 'ping' }, { session: sid })).res.status, 404);
});

it('answers come as SSE when the client accepts only an event stream; GET opens a stream', async () => {
  const sid = await session();
  const r = await post({ jsonrpc: '2.0', id: 11, method: 'tools/list' }, { session: sid, accept: 'text/event-stream' });
  assert.match(r.res.headers.get('content-type') ?? '', /text\/event-stream/);
  const data = /^data: (.*)$/m.exec(r.text)![1];
  assert.ok(JSON.parse(data).result.tools.length > 0);
  const ac = new AbortController();
  const get = await fetch(`${t.url}/mcp/files`, { headers: { authorization: `Bearer ${t.key}`, accept: 'text/event-stream', 'mcp-session-id': sid }, signal: ac.signal });
  assert.equal(get.status, 200);
  assert.match(get.headers.get('content-type') ?? '', /text\/event-stream/);
  ac.abort();
  const noAccept = await fetch(`${t.url}/mcp/files`, { headers: { authorization: `Bearer ${t.key}`, 'mcp-session-id': sid } });
  assert.equal(noAccept.status, 405);
});

it('the HTTP+SSE messages endpoint refuses another key\'s session and unknown servers are 404', async () => {
  const ac = new AbortController();
  const sse = await fetch(`${t.url}/mcp/files/sse`, { headers: { authorization: `Bearer ${t.key}`, accept: 'text/event-stream' }, signal: ac.signal });
  const reader = sse.body!.getReader();
  let text = '';
  while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
  const endpoint = /data: (.*)/.exec(text)![1];
  const r = await fetch(new URL(endpoint, t.url), { method: 'POST', headers: { authorization: `Bearer ${otherKey}`, 'content-type': 'application/json' }, body: JSON.stringify(INIT) });
  assert.equal(r.status, 404);
  wellFormedError(await r.json(), -32011);
  ac.abort();
  const unknown = await post(INIT, { server: 'nope' });
  assert.equal(unknown.res.status, 404);
  wellFormedError(unknown.json, -32011);
});
