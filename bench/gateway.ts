// Gateway benchmark: the mock supplier directly vs. through Warden, in one run, at 1 and 32
// connections, plain and streamed, with a ~2 KB chat body. Prints plain lines of figures.
// Usage: npm run bench:gateway [-- --duration 10]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { Agent, request } from 'undici';
import autocannon from 'autocannon';

const args = process.argv.slice(2);
const duration = Number(args[args.indexOf('--duration') + 1] || 8);
const sequential = Number(args[args.indexOf('--requests') + 1] || 2000);

const PROSE =
  'Please review the attached quarterly operations summary for the northern region and draft a short note for the leadership team. ' +
  'Revenue grew steadily across the three main product lines, while onboarding times for new enterprise customers dropped after the ' +
  'process changes introduced in the spring. Support ticket volume rose slightly during the migration of the billing platform, but ' +
  'resolution times stayed within the agreed service levels. The logistics team reports that the new warehouse scheduling tool has ' +
  'reduced overtime and improved on-time delivery. Highlight the main risks for the next quarter: supplier lead times, hiring for ' +
  'the data engineering team, and the renewal of two large contracts. Keep the tone factual and concise, use short paragraphs, and ' +
  'end with three recommended actions that the team can take before the next planning cycle. ';
const content = PROSE.repeat(3).slice(0, 2000);
const BODY = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'system', content: 'You are a helpful assistant for operations managers.' }, { role: 'user', content }] });
const STREAM_BODY = JSON.stringify({ ...JSON.parse(BODY), stream: true });

function startProcess(cmd: string, argv: string[], env: NodeJS.ProcessEnv = {}): { proc: ChildProcess; firstLine: Promise<string> } {
  const proc = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const firstLine = new Promise<string>((resolve, reject) => {
    let buf = '';
    proc.stdout!.on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) resolve(buf);
    });
    proc.once('exit', (code) => reject(new Error(`${cmd} exited ${code}`)));
  });
  return { proc, firstLine };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const agent = new Agent({ connections: 1, keepAliveTimeout: 30_000 });

/** Sequential requests on one keep-alive connection: precise per-request latency. */
async function oneConnection(url: string, headers: Record<string, string>, body: string, stream: boolean) {
  const total: number[] = [];
  const first: number[] = [];
  for (let i = 0; i < sequential + 200; i++) {
    const t0 = performance.now();
    const res = await request(url, { method: 'POST', headers, body, dispatcher: agent });
    if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}: ${await res.body.text()}`);
    let tFirst = 0;
    for await (const chunk of res.body) {
      if (!tFirst && chunk.includes('data:')) tFirst = performance.now();
    }
    const t1 = performance.now();
    if (i >= 200) {
      total.push(t1 - t0);
      first.push((tFirst || t1) - t0);
    }
  }
  total.sort((a, b) => a - b);
  first.sort((a, b) => a - b);
  return { p50: pct(total, 50), p99: pct(total, 99), first50: pct(first, 50), first99: pct(first, 99) };
}

async function manyConnections(url: string, headers: Record<string, string>, body: string) {
  const r = await autocannon({ url, method: 'POST', headers, body, connections: 32, duration, pipelining: 1 });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`non-2xx ${r.non2xx}, errors ${r.errors}`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-bench-'));
  const procs: ChildProcess[] = [];
  try {
    spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
    const mock = startProcess(process.execPath, ['--import', 'tsx', 'bench/mock-server.ts', '0']);
    procs.push(mock.proc);
    const mockPort = Number((await mock.firstLine).trim());
    const mockUrl = `http://127.0.0.1:${mockPort}`;
    const config = join(dataDir, 'warden.yaml');
    writeFileSync(
      config,
      `log_level: warn\nserver: { port: 0 }\nsuppliers:\n  - id: openai\n    type: openai\n    base_url: ${mockUrl}/v1\n    api_key: sk-bench\n    models: [gpt-4o]\nsystems:\n  - id: bench\n    suppliers: [openai]\n    models: [gpt-4o]\n`,
    );
    const keyOut = spawnSync(process.execPath, ['bin/warden.js', 'keys', 'create', '--config', config, '--data', dataDir, '--user', 'bench', '--system', 'bench', '--json'], { encoding: 'utf8' });
    if (keyOut.status !== 0) throw new Error(keyOut.stderr);
    const key = JSON.parse(keyOut.stdout).key as string;
    const port = 18000 + Math.floor(Math.random() * 1000);
    const w = startProcess(process.execPath, ['bin/warden.js', 'start', '--config', config, '--data', dataDir, '--port', String(port)], { WARDEN_LOG_LEVEL: 'warn' });
    procs.push(w.proc);
    await w.firstLine;
    const wardenUrl = `http://127.0.0.1:${port}`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${key}` };

    console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? ''}; node ${process.version}`);
    console.log(`body: ${BODY.length} bytes; 1-connection runs: ${sequential} requests after 200 warm-up; 32-connection runs: ${duration}s each`);
    for (const stream of [false, true]) {
      const body = stream ? STREAM_BODY : BODY;
      const label = stream ? 'streaming' : 'non-streaming';
      const direct1 = await oneConnection(`${mockUrl}/v1/chat/completions`, headers, body, stream);
      const via1 = await oneConnection(`${wardenUrl}/v1/chat/completions`, headers, body, stream);
      console.log(`${label} 1 conn: direct p50 ${direct1.p50.toFixed(3)} ms p99 ${direct1.p99.toFixed(3)} ms; warden p50 ${via1.p50.toFixed(3)} ms p99 ${via1.p99.toFixed(3)} ms; added p50 ${(via1.p50 - direct1.p50).toFixed(3)} ms`);
      if (stream)
        console.log(`${label} first event 1 conn: direct p50 ${direct1.first50.toFixed(3)} ms; warden p50 ${via1.first50.toFixed(3)} ms; added ${(via1.first50 - direct1.first50).toFixed(3)} ms (p99 added ${(via1.first99 - direct1.first99).toFixed(3)} ms)`);
      const direct32 = await manyConnections(`${mockUrl}/v1/chat/completions`, headers, body);
      const via32 = await manyConnections(`${wardenUrl}/v1/chat/completions`, headers, body);
      console.log(`${label} 32 conn: direct ${direct32.rps.toFixed(0)} req/s (p50 ${direct32.p50} ms); warden ${via32.rps.toFixed(0)} req/s (p50 ${via32.p50} ms p99 ${via32.p99} ms)`);
    }
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => (p.exitCode === null ? once(p, 'exit') : undefined)));
    await agent.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
