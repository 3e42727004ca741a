// Time to the first streamed token, and the delay of every later token, directly from a mock
// supplier vs. through Warden (default policy pack, durable audit log), for OpenAI chat
// completions and Anthropic messages streams. Everything runs on 127.0.0.1 and stops by itself.
// Usage: npx tsx bench/stream-ttft.ts [--runs 30]
// The same file is the mock supplier when started with --mock (as bench/gateway.ts does with
// bench/mock-server.ts, Warden and the mock run as their own processes, so the client's event
// loop does not share their time).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { Agent, request } from 'undici';

const TOKEN_GAP_MS = 20;
// ~40 tokens of ordinary prose, split the way a model streams it (a word with its leading space).
const TOKENS = (
  'The quarterly review shows steady growth across the three main product lines. Onboarding for new customers ' +
  'is faster after the spring changes, and support stayed within the agreed service levels during the billing migration. ' +
  'Hiring remains the main risk for next quarter.'
)
  .split(/(?= )/)
  .filter(Boolean);

/** Wall-clock milliseconds with sub-millisecond resolution, comparable between processes on one machine. */
const now = () => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------- the mock supplier (--mock)

function runMock(): void {
  // When each run's tokens left the mock, by the run id the client put in its prompt.
  const sent = new Map<string, number[]>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0];
      if (req.method === 'GET' && path.startsWith('/sent/')) {
        const id = decodeURIComponent(path.slice('/sent/'.length));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(sent.get(id) ?? []));
        sent.delete(id);
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
      const id = /run ([\w-]+)/.exec(JSON.stringify(body.messages ?? ''))?.[1] ?? 'unknown';
      const times: number[] = [];
      sent.set(id, times);
      if (path.endsWith('/chat/completions')) streamChat(res, body.model, times);
      else if (path.endsWith('/messages')) streamMessages(res, body.model, times);
      else res.writeHead(404).end();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

/** Writes `head`, then one event per token TOKEN_GAP_MS apart (noting when each left), then `tail`. */
function paced(res: ServerResponse, head: string[], token: (t: string) => string, tail: string[], times: number[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.write(head.join(''));
  let i = 0;
  const next = () => {
    if (res.destroyed) return;
    if (i === TOKENS.length) {
      res.end(tail.join(''));
      return;
    }
    res.write(token(TOKENS[i++]));
    times.push(now());
    setTimeout(next, TOKEN_GAP_MS);
  };
  setTimeout(next, TOKEN_GAP_MS);
}

function streamChat(res: ServerResponse, model: string, times: number[]): void {
  const chunk = (delta: unknown, finish: string | null) =>
    `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  paced(res, [chunk({ role: 'assistant', content: '' }, null)], (t) => chunk({ content: t }, null), [chunk({}, 'stop'), 'data: [DONE]\n\n'], times);
}

function streamMessages(res: ServerResponse, model: string, times: number[]): void {
  const event = (type: string, data: object) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
  paced(
    res,
    [
      event('message_start', { message: { id: 'msg_bench', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 25, output_tokens: 1 } } }),
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
    ],
    (t) => event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: t } }),
    [
      event('content_block_stop', { index: 0 }),
      event('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: TOKENS.length } }),
      event('message_stop', {}),
    ],
    times,
  );
}

// ---------------------------------------------------------------- the client

interface Run {
  /** From sending the request to the first content token, ms. */
  ttft: number;
  /** From sending the request to the end of the stream, ms. */
  total: number;
  /** Per token: when the client got it minus when the mock sent it, ms. */
  tokenDelay: number[];
  /** Content characters the client held when the mock was about to send token N+1 (index N-1). */
  charsAtSent: number[];
}

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 30);

function startProcess(argv: string[]): { proc: ChildProcess; output: (re: RegExp) => Promise<RegExpExecArray> } {
  const proc = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, WARDEN_LOG_LEVEL: 'warn' } });
  let buf = '';
  let err = ''; // shown only if the process fails to start (Warden says "stopping" on stderr at the end)
  proc.stdout!.on('data', (d) => (buf += d));
  proc.stderr!.on('data', (d) => (err += d));
  const output = (re: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const m = re.exec(buf);
        if (m) {
          proc.stdout!.off('data', check);
          resolve(m);
        }
      };
      proc.stdout!.on('data', check);
      proc.once('exit', (code) => reject(new Error(`${argv.join(' ')} exited ${code}: ${err}`)));
      check();
    });
  return { proc, output };
}

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The content text of one SSE event in either shape, or undefined. */
function contentOf(event: string): string | undefined {
  const data = event
    .split('\n')
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).trim())
    .join('\n');
  if (!data || data === '[DONE]') return undefined;
  const e = JSON.parse(data);
  const text = e.choices?.[0]?.delta?.content ?? (e.type === 'content_block_delta' ? e.delta?.text : undefined);
  return text ? text : undefined;
}

async function oneStream(agent: Agent, url: string, headers: Record<string, string>, body: string, mockUrl: string, id: string): Promise<Run> {
  const t0 = now();
  const res = await request(url, { method: 'POST', headers, body, dispatcher: agent });
  if (res.statusCode !== 200) throw new Error(`${url}: status ${res.statusCode}: ${await res.body.text()}`);
  const arrivals: number[] = [];
  const lengths: number[] = [];
  let received = 0;
  let buf = '';
  for await (const chunk of res.body) {
    const t = now();
    buf += chunk.toString();
    let cut: number;
    while ((cut = buf.indexOf('\n\n')) !== -1) {
      const text = contentOf(buf.slice(0, cut));
      buf = buf.slice(cut + 2);
      if (text === undefined) continue;
      received += text.length;
      arrivals.push(t);
      lengths.push(received);
    }
  }
  const total = now() - t0;
  const sent: number[] = await (await fetch(`${mockUrl}/sent/${id}`)).json();
  if (received !== TOKENS.join('').length || sent.length !== TOKENS.length) throw new Error(`${url}: got ${received} characters in ${arrivals.length} events; the mock sent ${sent.length} tokens`);
  // Tokens may arrive re-chunked through Warden: token k has arrived once the client holds its last character.
  const ends = TOKENS.map((_, k) => TOKENS.slice(0, k + 1).join('').length);
  const tokenDelay = ends.map((end, k) => arrivals[lengths.findIndex((l) => l >= end)] - sent[k]);
  const charsAtSent = sent.map((_, k) => {
    const moment = k + 1 < sent.length ? sent[k + 1] : t0 + total;
    let held = 0;
    for (let j = 0; j < arrivals.length && arrivals[j] <= moment; j++) held = lengths[j];
    return held;
  });
  return { ttft: arrivals[0] - t0, total, tokenDelay, charsAtSent };
}

async function series(label: string, agent: Agent, url: string, headers: Record<string, string>, makeBody: (id: string) => string, mockUrl: string): Promise<Run[]> {
  const out: Run[] = [];
  for (let i = -3; i < runs; i++) {
    const id = `${label}-${i + 3}`;
    const r = await oneStream(agent, url, headers, makeBody(id), mockUrl, id);
    if (i >= 0) out.push(r); // the first three warm up
  }
  return out;
}

const ms = (x: number) => `${x.toFixed(2)} ms`;

function report(name: string, direct: Run[], warden: Run[]): void {
  const dT = direct.map((r) => r.ttft);
  const wT = warden.map((r) => r.ttft);
  console.log(`${name} ttft: direct p50 ${ms(pct(dT, 50))} p90 ${ms(pct(dT, 90))}; warden p50 ${ms(pct(wT, 50))} p90 ${ms(pct(wT, 90))}; added p50 ${ms(pct(wT, 50) - pct(dT, 50))} p90 ${ms(pct(wT, 90) - pct(dT, 90))}`);
  const dTotal = direct.map((r) => r.total);
  const wTotal = warden.map((r) => r.total);
  console.log(`${name} stream duration: direct p50 ${ms(pct(dTotal, 50))}; warden p50 ${ms(pct(wTotal, 50))}; added p50 ${ms(pct(wTotal, 50) - pct(dTotal, 50))} p90 ${ms(pct(wTotal, 90) - pct(dTotal, 90))}`);
  const dDelay = direct.flatMap((r) => r.tokenDelay);
  const wDelay = warden.flatMap((r) => r.tokenDelay);
  console.log(`${name} token delay (client got it - mock sent it, all tokens): direct p50 ${ms(pct(dDelay, 50))} max ${ms(Math.max(...dDelay))}; warden p50 ${ms(pct(wDelay, 50))} p90 ${ms(pct(wDelay, 90))} max ${ms(Math.max(...wDelay))}`);
  const marks = [1, 2, 5, 10, 20, 30, TOKENS.length].filter((n, i, a) => n <= TOKENS.length && a.indexOf(n) === i);
  const held = (rs: Run[], n: number) => pct(rs.map((r) => r.charsAtSent[n - 1]), 50);
  console.log(
    `${name} characters held by the client when the mock had sent N tokens (p50, direct/warden of ${TOKENS.join('').length}): ` +
      marks.map((n) => `N=${n} ${held(direct, n)}/${held(warden, n)}`).join(', '),
  );
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-ttft-'));
  const procs: ChildProcess[] = [];
  const agents = [new Agent({ connections: 1, keepAliveTimeout: 30_000 }), new Agent({ connections: 1, keepAliveTimeout: 30_000 })];
  try {
    const mock = startProcess(['--import', 'tsx', 'bench/stream-ttft.ts', '--mock']);
    procs.push(mock.proc);
    const mockUrl = `http://127.0.0.1:${Number((await mock.output(/^(\d+)\n/))[1])}`;
    const config = join(dataDir, 'warden.yaml');
    writeFileSync(
      config,
      `log_level: warn
server: { port: 0, host: 127.0.0.1 }
suppliers:
  - id: openai
    type: openai
    base_url: ${mockUrl}/v1
    api_key: sk-bench
    models: [gpt-4o]
  - id: anthropic
    type: anthropic
    base_url: ${mockUrl}
    api_key: sk-ant-bench
    models: [claude-sonnet-4-6]
systems:
  - id: bench
    suppliers: [openai, anthropic]
    models: [gpt-4o, claude-sonnet-4-6]
`,
    );
    // Warden from source (no build step), the default policy pack, the durable audit log in dataDir.
    const cli = ['--import', 'tsx', 'src/cli/bin.ts'];
    const keyOut = spawnSync(process.execPath, [...cli, 'keys', 'create', '--config', config, '--data', dataDir, '--user', 'bench', '--system', 'bench', '--json'], { encoding: 'utf8' });
    if (keyOut.status !== 0) throw new Error(keyOut.stderr);
    const key = JSON.parse(keyOut.stdout).key as string;
    const warden = startProcess([...cli, 'start', '--config', config, '--data', dataDir, '--port', '0', '--host', '127.0.0.1']);
    procs.push(warden.proc);
    const wardenUrl = (await warden.output(/listening on (http:\/\/127\.0\.0\.1:\d+)/))[1];

    console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? ''}; node ${process.version}`);
    console.log(`mock: ${TOKENS.length} content tokens ${TOKEN_GAP_MS} ms apart after a role event; ${runs} streams per series after 3 warm-up, one at a time on one keep-alive connection`);
    const prompt = (id: string) => `run ${id}: summarise the quarterly operations review for the leadership team in two short paragraphs.`;
    const chatBody = (id: string) => JSON.stringify({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: prompt(id) }] });
    const messagesBody = (id: string) => JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 256, stream: true, messages: [{ role: 'user', content: prompt(id) }] });
    const chatHeaders = { 'content-type': 'application/json', authorization: `Bearer ${key}` };
    const messagesHeaders = { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' };

    const [direct, via] = agents;
    report(
      'chat completions',
      await series('chat-direct', direct, `${mockUrl}/v1/chat/completions`, chatHeaders, chatBody, mockUrl),
      await series('chat-warden', via, `${wardenUrl}/v1/chat/completions`, chatHeaders, chatBody, mockUrl),
    );
    report(
      'anthropic messages',
      await series('messages-direct', direct, `${mockUrl}/v1/messages`, messagesHeaders, messagesBody, mockUrl),
      await series('messages-warden', via, `${wardenUrl}/v1/messages`, messagesHeaders, messagesBody, mockUrl),
    );
  } finally {
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => (p.exitCode === null ? once(p, 'exit') : undefined)));
    await Promise.all(agents.map((a) => a.close()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (args.includes('--mock')) runMock();
else await main();
