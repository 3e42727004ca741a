// MCP through Warden with the official SDK on both sides: a real McpServer upstream (Streamable
// HTTP in process, and stdio in a process Warden runs) and the SDK Client against /mcp/{server}.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CARD, startMcpWarden, sseClient, streamableClient, textOf, type McpWarden } from './warden.js';
import { metaOf, recordsOf, rpcErrorOf, stdioSeen } from './helpers.js';
import { INJECTION } from './upstream.js';

let t: McpWarden;
before(async () => {
  t = await startMcpWarden();
});
after(async () => t?.close());

const digits = (s: string) => s.replace(/\D/g, '');
const hasCard = (v: unknown) => digits(JSON.stringify(v)).includes(digits(CARD));

describe('scope', () => {
  it('tools/list shows only the tools the caller\'s system may use', async () => {
    const narrow = await streamableClient(t.url, 'files', t.narrowKey);
    assert.deepEqual((await narrow.listTools()).tools.map((x) => x.name), ['get_weather']);
    const agent = await streamableClient(t.url, 'files', t.key);
    assert.deepEqual((await agent.listTools()).tools.map((x) => x.name).sort(), ['delete_file', 'echo', 'free_form', 'get_weather', 'read_page']);
    await narrow.close();
    await agent.close();
  });

  it('a tool outside the scope is refused, recorded, and never reaches the upstream', async () => {
    const narrow = await streamableClient(t.url, 'files', t.narrowKey);
    const before = t.upstream.seen.length;
    const err = await rpcErrorOf(narrow.callTool({ name: 'echo', arguments: { text: 'hi' } }));
    assert.equal(err.code, -32011);
    assert.match(err.message, /Unknown tool: echo/);
    const data = err.data as Record<string, string>;
    assert.equal(data.warden_code, 'WARDEN_MCP_NOT_ALLOWED');
    assert.equal(t.upstream.seen.length, before);
    const [rec] = await recordsOf(t.dataDir, data.decision_id);
    assert.equal(rec.api, 'mcp');
    assert.equal(rec.action, 'block');
    assert.equal(rec.rules[0].id, 'builtin:WARDEN_MCP_NOT_ALLOWED');
    assert.equal(rec.mcp?.target, 'echo');
    await narrow.close();
  });

  it('a system without the server cannot open a session', async () => {
    const key = t.makeKey('no-mcp');
    await assert.rejects(streamableClient(t.url, 'files', key), /403|not in this AI system|may not use/);
  });

  it('resources and prompts are governed by the same scope', async () => {
    const c = await streamableClient(t.url, 'files', t.key);
    assert.deepEqual((await c.listResources()).resources.map((r) => r.uri), ['file:///docs/readme.md']);
    const r = await c.readResource({ uri: 'file:///docs/readme.md' });
    assert.match(JSON.stringify(r.contents), /Readme/);
    const err = await rpcErrorOf(c.readResource({ uri: 'file:///secret/keys.txt' }));
    assert.equal((err.data as Record<string, string>).warden_code, 'WARDEN_MCP_NOT_ALLOWED');
    const p = await c.getPrompt({ name: 'summarise', arguments: { text: `pay with ${CARD}` } });
    assert.match(JSON.stringify(p.messages), /Summarise/);
    await c.close();
  });
});

describe('policy on tools/call', () => {
  it('a card in the arguments is redacted before the upstream tool sees it; the record keeps hashes, not the card', async () => {
    const c = await streamableClient(t.url, 'files', t.key);
    const r = await c.callTool({ name: 'echo', arguments: { text: `charge card ${CARD} please`, extra: { note: CARD } } });
    const seen = t.upstream.seen.at(-1)!;
    assert.equal(seen.tool, 'echo');
    assert.ok(!hasCard(seen.args), JSON.stringify(seen.args));
    assert.ok(!hasCard(r));
    const [dec] = await recordsOf(t.dataDir, metaOf(r)['warden/decision_id'] as string);
    assert.equal(dec.action, 'redact');
    assert.deepEqual(Object.keys(dec.mcp!.argumentHashes!).sort(), ['extra', 'text']);
    assert.ok(!hasCard(dec), 'no card in the record');
    assert.equal(dec.findings.find((f) => f.type === 'CREDIT_CARD')?.count, 2);
    const recs = await recordsOf(t.dataDir, dec.id, 2);
    assert.ok(recs[1].mcp!.resultBytes! > 0);
    await c.close();
  });

  it('a card in the arguments of another tool is blocked by policy', async () => {
    const c = await streamableClient(t.url, 'files', t.key);
    const before = t.upstream.seen.length;
    const err = await rpcErrorOf(c.callTool({ name: 'get_weather', arguments: { city: `Paris ${CARD}` } }));
    assert.equal(err.code, -32011);
    assert.equal((err.data as Record<string, string>).warden_code, 'WARDEN_POLICY_BLOCKED');
    assert.match(err.message, /No payment data/);
    assert.equal(t.upstream.seen.length, before);
    await c.close();
  });

  it('warn passes with the warning in _meta; a monitor-mode block changes nothing but is recorded', async () => {
    const c = await streamableClient(t.url, 'files', t.key);
    const w = await c.callTool({ name: 'get_weather', arguments: { city: 'Atlantis' } });
    assert.deepEqual(metaOf(w)['warden/warnings'], ['Atlantis is fictional.']);
    const m = await c.callTool({ name: 'get_weather', arguments: { city: 'Paris' } });
    assert.equal(textOf(m), 'Sunny in Paris');
    const [dec] = await recordsOf(t.dataDir, metaOf(m)['warden/decision_id'] as string);
    assert.equal(dec.action, 'allow');
    assert.ok(dec.rules.some((h) => h.id === 'mcp-monitor-paris' && h.mode === 'monitor'));
    await c.close();
  });

  it('a held call answers with the review id; after approval the same call goes through once', async () => {
    const c = await streamableClient(t.url, 'files', t.key);
    const call = () => c.callTool({ name: 'delete_file', arguments: { path: '/tmp/report.pdf' } });
    const err = await rpcErrorOf(call());
    assert.equal(err.code, -32012);
    const data = err.data as Record<string, string>;
    assert.equal(data.warden_code, 'WARDEN_POLICY_HELD');
    assert.ok(data.review_id);
    assert.ok(!t.upstream.seen.some((s) => s.tool === 'delete_file'));
    const review = t.warden.store.reviews.get(data.review_id)!;
    assert.equal(review.supplier, 'files');
    assert.equal(review.model, 'tools/call delete_file');
    // Another call (other arguments) is not covered by the approval.
    t.warden.store.reviews.decide(data.review_id, 'approved', 'reviewer@example.com', 'ok');
    assert.equal((await rpcErrorOf(c.callTool({ name: 'delete_file', arguments: { path: '/etc/passwd' } }))).code, -32012);
    const r = await call();
    assert.equal(textOf(r), 'deleted');
    const [dec] = await recordsOf(t.dataDir, metaOf(r)['warden/decision_id'] as string);
    assert.equal(dec.reviewId, data.review_id);
    assert.equal((await rpcErrorOf(call())).code, -32012, 'an approval lets the call through once');
    await c.close();
  });
});

describe('results', () => {
  it('a prompt injection in a tool result is a finding, masked by a response rule', async () => {
    const c = await streamableClient(t.url, 'files', t.key);
    const r = await c.callTool({ name: 'read_page', arguments: { url: 'https://example.com' } });
    assert.ok(!textOf(r).includes('Ignore all previous instructions'), textOf(r));
    const recs = await recordsOf(t.dataDir, metaOf(r)['warden/decision_id'] as string, 2);
    const done = recs.find((x) => x.kind === 'completion')!;
    assert.ok(done.findings.some((f) => f.type === 'PROMPT_INJECTION' || f.type === 'JAILBREAK'));
    assert.equal(done.action, 'redact');
    await c.close();
  });
});

describe('upstream errors', () => {
  it("the server's own JSON-RPC error is relayed with its code, every finding in it masked, and the decision id", async () => {
    const c = await streamableClient(t.url, 'files', t.key);
    const err = await rpcErrorOf(c.readResource({ uri: 'file:///docs/card 4111 1111 1111 1111 notes.md' }));
    assert.equal(err.code, -32602, 'the code the SDK server chose for an unknown resource');
    assert.match(err.message, /not found/);
    assert.ok(!err.message.includes('4111 1111 1111 1111'), err.message);
    const id = (err.data as Record<string, string>).decision_id;
    const recs = await recordsOf(t.dataDir, id, 2);
    assert.equal(recs.find((x) => x.kind === 'completion')!.outcome!.error, 'upstream:-32602');
    await c.close();
  });
});

describe('kill switches', () => {
  it('a kill switch on a tool stops it mid-session; other tools go on; resume lets it through again', async () => {
    const c = await streamableClient(t.url, 'files', t.key);
    assert.equal(textOf(await c.callTool({ name: 'get_weather', arguments: { city: 'Oslo' } })), 'Sunny in Oslo');
    const { store, gateway } = t.warden;
    store.killSwitches.set('mcp-tool', 'files/get_weather', 'INC-7 wrong forecasts', 'tester');
    gateway.deps.live.refresh(true);
    const err = await rpcErrorOf(c.callTool({ name: 'get_weather', arguments: { city: 'Oslo' } }));
    assert.equal((err.data as Record<string, string>).warden_code, 'WARDEN_SUSPENDED');
    assert.match(err.message, /INC-7/);
    assert.equal(textOf(await c.callTool({ name: 'echo', arguments: { text: 'still here' } })), 'echo: still here');
    store.killSwitches.resume('mcp-tool', 'files/get_weather', 'tester');
    store.killSwitches.set('mcp-server', 'files', 'whole server', 'tester');
    gateway.deps.live.refresh(true);
    assert.equal(((await rpcErrorOf(c.callTool({ name: 'echo', arguments: { text: 'x' } }))).data as Record<string, string>).warden_code, 'WARDEN_SUSPENDED');
    store.killSwitches.resume('mcp-server', 'files', 'tester');
    gateway.deps.live.refresh(true);
    assert.equal(textOf(await c.callTool({ name: 'get_weather', arguments: { city: 'Oslo' } })), 'Sunny in Oslo');
    await c.close();
  });
});

describe('transports', () => {
  it('the HTTP+SSE transport (2024-11-05) is governed the same way', async () => {
    const c = await sseClient(t.url, 'files', t.key);
    assert.ok((await c.listTools()).tools.some((x) => x.name === 'echo'));
    const r = await c.callTool({ name: 'echo', arguments: { text: `card ${CARD}` } });
    assert.ok(!hasCard(r));
    assert.ok(!hasCard(t.upstream.seen.at(-1)!.args));
    const narrow = await sseClient(t.url, 'files', t.narrowKey);
    assert.equal(((await rpcErrorOf(narrow.callTool({ name: 'echo', arguments: { text: 'x' } }))).data as Record<string, string>).warden_code, 'WARDEN_MCP_NOT_ALLOWED');
    await c.close();
    await narrow.close();
  });

  it('a stdio server Warden runs: arguments redacted, an injected result blocked by policy', async () => {
    const c = await streamableClient(t.url, 'local', t.key);
    const r = await c.callTool({ name: 'echo', arguments: { text: `my card is ${CARD}` } });
    assert.match(textOf(r), /^echo: my card is /);
    const seen = stdioSeen(t.seenFile).at(-1)!;
    assert.equal(seen.tool, 'echo');
    assert.ok(!hasCard(seen.args));
    const err = await rpcErrorOf(c.callTool({ name: 'read_page', arguments: { url: 'https://example.com' } }));
    assert.equal((err.data as Record<string, string>).warden_code, 'WARDEN_RESPONSE_BLOCKED');
    assert.ok(!err.message.includes(INJECTION));
    await c.close();
  });

  it('a stdio server that exits is started again on the next call', async () => {
    const c = await streamableClient(t.url, 'local', t.key);
    await c.callTool({ name: 'get_weather', arguments: { city: 'Rome' } });
    const up = t.warden.mcp['upstreams' as never] as unknown as { get(id: string): { restarts: number; close(): Promise<void> } };
    const local = up.get('local');
    const before = local.restarts;
    await local.close(); // the process goes away, as after a crash
    assert.equal(textOf(await c.callTool({ name: 'get_weather', arguments: { city: 'Rome' } })), 'Sunny in Rome');
    assert.equal(local.restarts, before + 1);
    await c.close();
  });
});
