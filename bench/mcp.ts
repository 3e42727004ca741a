// MCP benchmark: added latency of one tools/call through Warden, beside a direct call to the same
// upstream (a real McpServer from the official SDK over Streamable HTTP), in one run, one
// connection, sequential calls. Warden runs the default policy pack with the detectors and a
// durable audit log. Prints plain lines of figures.
// Usage: npm run bench:mcp [-- --calls 2000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { parseConfig } from '../src/config/load.js';
import { startWarden } from '../src/server/runtime.js';
import { startHttpUpstream } from '../test/mcp/upstream.js';
import { openStore } from '../src/audit/read.js';

const args = process.argv.slice(2);
const calls = Number(args[args.indexOf('--calls') + 1] || 2000);
const BATCH = 100;

const TEXT = 'Summarise the open support tickets for the northern region and list the three oldest ones with their owners. '.repeat(2);

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const c = new Client({ name: 'bench', version: '1' });
  await c.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return c;
}

async function timeCalls(c: Client, n: number, out: number[]): Promise<void> {
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await c.callTool({ name: 'echo', arguments: { text: TEXT } });
    out.push(performance.now() - t0);
  }
}

const upstream = await startHttpUpstream();
const dataDir = mkdtempSync(join(tmpdir(), 'warden-bench-mcp-'));
const config = parseConfig(
  `
log_level: silent
suppliers: [{ id: demo, type: demo }]
mcp_servers:
  - { id: files, url: ${upstream.url} }
systems:
  - id: agent
    suppliers: [demo]
    models: ['*']
    mcp: [{ server: files, tools: ['*'] }]
`,
  'bench.yaml',
);
const warden = await startWarden({ config, dataDir, port: 0, log: pino({ level: 'silent' }) });
const { key } = warden.store.keys.create({ user: 'bench@example.com', groups: [], system: 'agent' });
warden.gateway.deps.live.refresh(true);

const direct = await connect(upstream.url);
const via = await connect(`${warden.url}/mcp/files`, { authorization: `Bearer ${key}` });
// Warm up both paths (JIT, connections, the upstream session of Warden).
await timeCalls(direct, 200, []);
await timeCalls(via, 200, []);

const d: number[] = [];
const w: number[] = [];
// Interleaved batches, so drift on a noisy machine hits both paths alike.
for (let done = 0; done < calls; done += BATCH) {
  await timeCalls(direct, BATCH, d);
  await timeCalls(via, BATCH, w);
}
d.sort((a, b) => a - b);
w.sort((a, b) => a - b);
const f = (x: number) => x.toFixed(3);
console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; ${calls} sequential tools/call per path, 1 connection, ~${TEXT.length}-char argument`);
console.log(`direct   p50 ${f(pct(d, 50))} ms  p95 ${f(pct(d, 95))} ms  p99 ${f(pct(d, 99))} ms`);
console.log(`warden   p50 ${f(pct(w, 50))} ms  p95 ${f(pct(w, 95))} ms  p99 ${f(pct(w, 99))} ms`);
console.log(`added    p50 ${f(pct(w, 50) - pct(d, 50))} ms  p95 ${f(pct(w, 95) - pct(d, 95))} ms`);

await direct.close();
await via.close();
await warden.close();
// Where Warden's time goes, from its own completion records: before forwarding (authenticate,
// inspect, decide, durable decision record) and the upstream call as Warden's SDK client sees it.
const log = openStore(dataDir);
const rows = log.leafRange(Math.max(0, log.rowCount() - 4 * calls), log.rowCount()).map((r) => JSON.parse(r.leaf!));
log.close();
const done = rows.filter((r) => r.kind === 'completion' && r.mcp?.method === 'tools/call');
const gw = done.map((r) => r.latency.gatewayMs).sort((a: number, b: number) => a - b);
const up = done.map((r) => r.latency.upstreamMs).sort((a: number, b: number) => a - b);
console.log(`inside warden (${done.length} completions): before forwarding p50 ${f(pct(gw, 50))} ms p95 ${f(pct(gw, 95))} ms; upstream call p50 ${f(pct(up, 50))} ms p95 ${f(pct(up, 95))} ms`);
await upstream.close();
rmSync(dataDir, { recursive: true, force: true });
