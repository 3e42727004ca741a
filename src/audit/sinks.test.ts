// Delivery to local SIEM stand-ins: a syslog TCP server, a Splunk HEC and a webhook endpoint that
// start out failing. Nothing is lost while they are down, and the cursor survives a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { mkdtempSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { openAuditLog } from './log.js';
import { sampleAdmin, sampleDecision } from './testutil.js';
import { syslogMessage } from './sinks.js';
import { openStore } from './read.js';

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let s = '';
    req.on('data', (c) => (s += c));
    req.on('end', () => resolve(s));
  });
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 25));
  assert.ok(cond(), `timed out waiting for ${what}`);
}

test('syslog frames are RFC 5424 with octet counting', () => {
  const rec = sampleDecision(1, { action: 'block' });
  const m = syslogMessage({ index: 3, record: rec, leaf: '{"x":1}' }, { facility: 13, appName: 'warden', host: 'h', format: 'json' });
  assert.match(m, new RegExp(`^<108>1 ${rec.time.replace(/\./g, '\\.')} h warden \\d+ decision \\[warden@32473 id="${rec.id}" index="3" instance="gw-1"\\] \ufeff\\{"x":1\\}$`));
});

test('sinks retry while the SIEM is down, deliver every record once up, and resume from a durable cursor', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-audit-sinks-'));
  let hecUp = false;
  let hookUp = false;
  const hec: string[] = [];
  const hook: Array<{ index: number; record: { id: string } }> = [];
  const http = createHttpServer(async (req, res) => {
    const text = await body(req);
    if (req.url === '/services/collector/event') {
      assert.equal(req.headers.authorization, 'Splunk t0k');
      if (!hecUp) return void res.writeHead(503).end('busy');
      hec.push(...text.trim().split('\n'));
      return void res.writeHead(200).end('{"text":"Success","code":0}');
    }
    if (req.url === '/hook') {
      if (!hookUp) return void res.writeHead(500).end();
      hook.push(...JSON.parse(text));
      return void res.writeHead(204).end();
    }
    if (req.url === '/witness') {
      witness.push(text);
      return void res.writeHead(200).end();
    }
    res.writeHead(404).end();
  });
  const witness: string[] = [];
  let syslogData = '';
  const tcp = createTcpServer((s) => s.on('data', (c) => (syslogData += c.toString('utf8'))));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const sinks = [
    { type: 'syslog' as const, name: 'sl', host: '127.0.0.1', port: (tcp.address() as AddressInfo).port, maxBackoffMs: 200 },
    { type: 'splunk-hec' as const, name: 'hec', url: base, token: 't0k', maxBackoffMs: 200 },
    { type: 'webhook' as const, name: 'hook', url: `${base}/hook`, maxBackoffMs: 200, batchSize: 7 },
  ];
  const cpFile = join(dir, 'outside', 'checkpoint.txt');
  try {
    const log = await openAuditLog({
      dataDir: dir, instance: 't', synchronous: 'NORMAL', sinks,
      checkpointTargets: [{ type: 'file', path: cpFile }, { type: 'http', url: `${base}/witness` }],
    });
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const r = i % 10 === 0 ? sampleAdmin(i) : sampleDecision(i);
      ids.push(r.id);
      await log.append(r);
    }
    await until(() => syslogData.split('\ufeff').length - 1 >= 40, 'syslog delivery');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(hec.length, 0, 'the HEC is down');
    hecUp = true;
    hookUp = true;
    await until(() => hec.length >= 40 && hook.length >= 40, 'HEC and webhook delivery after recovery');
    assert.deepEqual(hec.map((l) => JSON.parse(l).event.id), ids);
    assert.deepEqual(hook.map((h) => h.record.id), ids);
    assert.deepEqual(hook.map((h) => h.index), ids.map((_, i) => i));
    await log.close();
    // Octet-counted frames: "<len> <msg>" back to back.
    let rest = syslogData;
    let frames = 0;
    while (rest.length) {
      const sp = rest.indexOf(' ');
      const len = Number(rest.slice(0, sp));
      const frame = Buffer.from(rest.slice(sp + 1), 'utf8').subarray(0, len).toString('utf8');
      assert.match(frame, /^<1\d\d>1 /);
      rest = rest.slice(sp + 1 + frame.length);
      frames++;
    }
    assert.equal(frames, 40);
    assert.ok(existsSync(cpFile));
    assert.match(readFileSync(cpFile, 'utf8'), /\n40\n/);
    assert.ok(witness.some((n) => /\n40\n/.test(n)), 'the final checkpoint was posted');
    const s = openStore(dir);
    assert.equal(s.cursor('sink:hec'), 40);
    assert.equal(s.cursor('sink:hook'), 40);
    s.close();

    // After a restart, delivery continues from the cursors: only new records are sent.
    const log2 = await openAuditLog({ dataDir: dir, instance: 't', synchronous: 'NORMAL', sinks });
    const extra = sampleDecision(99);
    await log2.append(extra);
    await until(() => hec.length >= 41 && hook.length >= 41, 'delivery after restart');
    await log2.close();
    assert.equal(hec.length, 41);
    assert.equal(JSON.parse(hec[40]).event.id, extra.id);
  } finally {
    http.close();
    tcp.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
