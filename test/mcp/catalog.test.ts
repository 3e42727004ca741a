// `warden mcp list|tools` and GET /api/mcp/servers[/:id/tools]: one module answers both.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startMcpWarden, type McpWarden } from './warden.js';
import { execFile } from 'node:child_process';
import { warden } from '../helpers/cli.js';

/** `warden ARGS…` without blocking this process (its in-process upstream must keep answering). */
function wardenAsync(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { env: { ...process.env, WARDEN_LOG_LEVEL: 'silent' }, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

let t: McpWarden;
before(async () => {
  t = await startMcpWarden();
});
after(async () => t?.close());

const token = (role: 'viewer' | 'admin') => t.warden.store.accounts.createToken({ kind: 'api', user: `${role}-bot`, role, createdBy: 'test', expiresAt: null }).token;
async function api(path: string, tok?: string) {
  const r = await fetch(t.url + path, { headers: tok ? { authorization: `Bearer ${tok}` } : {} });
  return { status: r.status, body: await r.json() };
}

it('GET /api/mcp/servers lists each server, reachability and the systems that may use it (never credentials)', async () => {
  const r = await api('/api/mcp/servers', token('viewer'));
  assert.equal(r.status, 200);
  const files = r.body.find((s: { id: string }) => s.id === 'files');
  assert.equal(files.transport, 'http');
  assert.equal(files.reachable, true);
  assert.deepEqual(files.systems, ['agent', 'narrow']);
  assert.ok(!JSON.stringify(r.body).includes('upstream-secret'));
  const local = r.body.find((s: { id: string }) => s.id === 'local');
  assert.equal(local.transport, 'stdio');
  assert.equal(local.reachable, true);
  assert.equal((await api('/api/mcp/servers')).status, 401);
});

it('GET /api/mcp/servers/:id/tools names the systems per tool; ?system= keeps what that system may call', async () => {
  const viewer = token('viewer');
  const all = await api('/api/mcp/servers/files/tools', viewer);
  assert.equal(all.status, 200);
  const byName = Object.fromEntries(all.body.tools.map((x: { name: string; systems: string[] }) => [x.name, x.systems]));
  assert.deepEqual(byName.get_weather, ['agent', 'narrow']);
  assert.deepEqual(byName.echo, ['agent']);
  const narrow = await api('/api/mcp/servers/files/tools?system=narrow', viewer);
  assert.deepEqual(narrow.body.tools.map((x: { name: string }) => x.name), ['get_weather']);
  assert.equal((await api('/api/mcp/servers/nope/tools', viewer)).status, 404);
});

it('warden mcp list and warden mcp tools --system, from the same module', async () => {
  const data = join(t.dataDir, 'cli-data');
  const l = await wardenAsync(['mcp', 'list', '--config', t.configFile, '--data', data, '--json']);
  assert.equal(l.code, 0, l.stderr);
  const servers = JSON.parse(l.stdout);
  assert.deepEqual(servers.map((s: { id: string; reachable: boolean }) => [s.id, s.reachable]), [['files', true], ['local', true]]);
  const tl = await wardenAsync(['mcp', 'tools', 'files', '--system', 'narrow', '--config', t.configFile, '--data', data]);
  assert.equal(tl.code, 0, tl.stderr);
  assert.match(tl.stdout, /^get_weather/);
  assert.doesNotMatch(tl.stdout, /echo/);
  const bad = await wardenAsync(['mcp', 'tools', 'nope', '--config', t.configFile, '--data', data]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /No MCP server 'nope'/);
});

it('warden kill and resume take mcp-tool and mcp-server targets', () => {
  const k = warden(['kill', 'mcp-tool', 'files/echo', '--reason', 'test', '--config', t.configFile, '--data', t.dataDir, '--actor', 'tester']);
  assert.equal(k.code, 0, k.stderr);
  assert.match(k.stdout, /suspended mcp-tool files\/echo/);
  assert.equal(warden(['resume', 'mcp-tool', 'files/echo', '--config', t.configFile, '--data', t.dataDir, '--actor', 'tester']).code, 0);
  const bad = warden(['kill', 'mcp-tool', 'echo', '--reason', 'x', '--config', t.configFile, '--data', t.dataDir, '--actor', 'tester']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /<server>\/<tool>/);
});

it('MCP calls are counted by the compliance facts: the server is a supplier seen in traffic', async () => {
  const { scanLog } = await import('../../src/compliance/facts.js');
  const { openStore } = await import('../../src/audit/read.js');
  const { streamableClient } = await import('./warden.js');
  const c = await streamableClient(t.url, 'files', t.key);
  await c.callTool({ name: 'get_weather', arguments: { city: 'Lima' } });
  await c.close();
  const log = openStore(t.dataDir);
  try {
    const facts = scanLog(log, { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' });
    assert.ok((facts.suppliers.get('files')?.count ?? 0) >= 1, 'files counted as a supplier');
    assert.ok(facts.systems.has('agent'));
    assert.equal(t.warden.store.registry.suppliers.get('files'), undefined, 'not registered automatically: a gap until someone registers it');
  } finally {
    log.close();
  }
});
