import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiscoveryTally, DomainMatcher, hostOf, loadAiServices, parseClfTime, parseProxyLine, type ProxyHit } from './discover.js';

const SQUID = [
  '1764236112.481  60214 10.20.4.17 TCP_TUNNEL/200 48213 CONNECT chatgpt.com:443 alice HIER_DIRECT/104.18.32.47 -',
  '1764236130.002    312 10.20.4.17 TCP_TUNNEL/200 5120 CONNECT ab.chatgpt.com:443 alice HIER_DIRECT/104.18.33.45 -',
  '1764236200.918    122 10.20.4.23 TCP_MISS/200 1893 GET http://api.anthropic.com/v1/models bob%40corp.example HIER_DIRECT/160.79.104.10 application/json',
  '1764236201.100      0 10.20.4.31 TCP_DENIED/407 3964 CONNECT claude.ai:443 - HIER_NONE/- text/html',
  '1764236250.555    844 10.20.4.17 TCP_TUNNEL/200 9033 CONNECT www.example.org:443 alice HIER_DIRECT/93.184.215.14 -',
];

const COMMON = [
  '10.20.4.17 - carol [27/Nov/2026:09:15:32 +0100] "CONNECT gemini.google.com:443 HTTP/1.1" 200 18342',
  '10.20.4.18 - - [27/Nov/2026:09:16:01 +0100] "GET http://huggingface.co/api/models?search=llama HTTP/1.1" 200 5521',
  '10.20.4.19 - dave [27/Nov/2026:09:17:45 +0100] "CONNECT www.perplexity.ai:443 HTTP/1.1" 403 -',
];

const COMBINED = [
  '10.20.4.21 - erin [27/Nov/2026:10:01:02 +0000] "CONNECT chat.mistral.ai:443 HTTP/1.1" 200 7311 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"',
  '10.20.4.22 - frank [27/Nov/2026:10:02:13 +0000] "GET http://chat.deepseek.com/ HTTP/1.1" 301 162 "https://www.google.com/" "curl/8.5.0"',
  '10.20.4.23 - grace [27/Nov/2026:10:03:00 +0000] "CONNECT poe.com:443 HTTP/1.1" 200 420 "-" "Mozilla/5.0 \\"quoted\\" agent"',
];

test('the AI domain list loads, each domain has one owner, and the usual services are in it', () => {
  const services = loadAiServices();
  const names = services.map((s) => s.id);
  for (const id of ['openai-chatgpt', 'anthropic-claude', 'microsoft-copilot', 'github-copilot', 'google-gemini', 'perplexity', 'mistral', 'deepseek', 'poe', 'character-ai', 'hugging-face'])
    assert.ok(names.includes(id), id);
});

test('hosts match their domain and any subdomain, longest domain first, never a look-alike', () => {
  const m = new DomainMatcher();
  assert.equal(m.match('chatgpt.com')?.id, 'openai-chatgpt');
  assert.equal(m.match('API.OpenAI.com.')?.id, 'openai-chatgpt');
  assert.equal(m.match('myres.openai.azure.com')?.id, 'microsoft-azure-openai');
  assert.equal(m.match('gemini.google.com')?.id, 'google-gemini');
  assert.equal(m.match('mail.google.com'), undefined);
  assert.equal(m.match('notchatgpt.com'), undefined);
  assert.equal(m.match('chatgpt.com.evil.example'), undefined);
  assert.equal(m.match('beta.character.ai')?.id, 'character-ai');
});

test('request targets: URL, host:port, userinfo, paths', () => {
  assert.equal(hostOf('chatgpt.com:443'), 'chatgpt.com');
  assert.equal(hostOf('https://user:pw@API.anthropic.com:8443/v1?x=1'), 'api.anthropic.com');
  assert.equal(hostOf('/index.html'), null);
  assert.equal(hostOf('[2001:db8::1]:443'), null);
  assert.equal(parseClfTime('27/Nov/2026:09:15:32 +0100'), '2026-11-27T08:15:32.000Z');
  assert.equal(parseClfTime('27/Foo/2026:09:15:32 +0100'), null);
});

test('squid native lines: time, client, user (decoded), method, host, status, bytes, denied', () => {
  const hits = SQUID.map((l) => parseProxyLine(l, 'squid') as ProxyHit);
  assert.deepEqual(hits[0], {
    format: 'squid',
    time: '2025-11-27T09:35:12.481Z',
    client: '10.20.4.17',
    user: 'alice',
    method: 'CONNECT',
    host: 'chatgpt.com',
    status: 200,
    bytes: 48213,
    denied: false,
  });
  assert.equal(hits[2].user, 'bob@corp.example');
  assert.equal(hits[2].host, 'api.anthropic.com');
  assert.equal(hits[3].user, null);
  assert.equal(hits[3].denied, true);
  assert.ok(parseProxyLine(COMMON[0], 'squid') instanceof Error);
});

test('common and combined lines; combined asks for referer and agent', () => {
  const c = parseProxyLine(COMMON[0], 'common') as ProxyHit;
  assert.deepEqual(c, { format: 'common', time: '2026-11-27T08:15:32.000Z', client: '10.20.4.17', user: 'carol', method: 'CONNECT', host: 'gemini.google.com', status: 200, bytes: 18342, denied: false });
  const anon = parseProxyLine(COMMON[1], 'common') as ProxyHit;
  assert.equal(anon.user, null);
  assert.equal(anon.host, 'huggingface.co');
  const denied = parseProxyLine(COMMON[2], 'common') as ProxyHit;
  assert.equal(denied.bytes, null);
  assert.equal(denied.denied, true);
  const comb = parseProxyLine(COMBINED[0], 'combined') as ProxyHit;
  assert.equal(comb.format, 'combined');
  assert.equal(comb.host, 'chat.mistral.ai');
  assert.equal((parseProxyLine(COMBINED[2], 'combined') as ProxyHit).host, 'poe.com');
  assert.match(String(parseProxyLine(COMMON[0], 'combined')), /without referer/);
  assert.equal(parseProxyLine('# squid log', 'auto'), null);
  assert.equal(parseProxyLine('   ', 'auto'), null);
  assert.ok(parseProxyLine('10.0.0.1 - - [x] "GET /index.html HTTP/1.1" 200 1', 'common') instanceof Error);
});

test('a tally of mixed lines (auto) lists users per AI service with counts, and the lines it skipped', () => {
  const t = new DiscoveryTally('auto');
  for (const l of [...SQUID, 'garbage line', ...COMMON, '', ...COMBINED]) t.add(l);
  const r = t.report();
  assert.equal(r.lines, 13);
  assert.equal(r.requests, 11);
  assert.equal(r.aiRequests, 10);
  assert.equal(r.skipped, 1);
  assert.deepEqual(r.problems, [{ line: 6, message: 'not a common log line' }]);
  const chat = r.usage.find((u) => u.service === 'openai-chatgpt')!;
  assert.deepEqual(
    { ...chat },
    {
      user: 'alice',
      identifiedBy: 'user',
      service: 'openai-chatgpt',
      serviceName: 'ChatGPT (OpenAI)',
      supplier: 'openai',
      requests: 2,
      denied: 0,
      bytes: 53333,
      firstSeen: '2025-11-27T09:35:12.481Z',
      lastSeen: '2025-11-27T09:35:30.002Z',
      hosts: ['ab.chatgpt.com', 'chatgpt.com'],
    },
  );
  const claude = r.services.find((s) => s.service === 'anthropic-claude')!;
  assert.equal(claude.users, 2);
  assert.equal(claude.requests, 2);
  assert.equal(claude.denied, 1);
  assert.equal(claude.category, 'assistant');
  assert.equal(r.usage.find((u) => u.service === 'hugging-face')!.identifiedBy, 'client');
  // Most requests first, ties by service id.
  assert.deepEqual(r.services.slice(0, 2).map((s) => s.service), ['anthropic-claude', 'openai-chatgpt']);
});
