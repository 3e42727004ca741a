import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { define } from './discover.js';
import { runInProcess } from '../../../test/helpers/cli.js';

function run(args: string[], stdin = '') {
  return runInProcess([define], ['discover', ...args], stdin);
}

const LOG = [
  '1764236112.481  60214 10.20.4.17 TCP_TUNNEL/200 48213 CONNECT chatgpt.com:443 alice HIER_DIRECT/104.18.32.47 -',
  '1764236200.918    122 10.20.4.23 TCP_TUNNEL/200 1893 CONNECT claude.ai:443 bob HIER_DIRECT/160.79.104.10 -',
  '1764236201.100    122 10.20.4.23 TCP_TUNNEL/200 1893 CONNECT claude.ai:443 bob HIER_DIRECT/160.79.104.10 -',
  '1764236250.555    844 10.20.4.17 TCP_TUNNEL/200 9033 CONNECT intranet.example.org:443 alice HIER_DIRECT/10.0.0.5 -',
  '10.20.4.19 - carol [27/Nov/2026:09:17:45 +0100] "CONNECT copilot.microsoft.com:443 HTTP/1.1" 200 551 "-" "Mozilla/5.0"',
].join('\n');

test('warden discover --proxy-log lists users per AI service with counts (JSON and text), stdin too', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-discover-'));
  try {
    const file = join(dir, 'access.log');
    writeFileSync(file, LOG + '\n');
    const data = join(dir, 'data');
    const j = await run(['--proxy-log', file, '--json', '--data', data]);
    assert.equal(j.code, 0, j.err);
    const r = JSON.parse(j.out);
    assert.deepEqual(
      r.services.map((s: { service: string; users: number; requests: number; inSupplierRegister: boolean }) => [s.service, s.users, s.requests, s.inSupplierRegister]),
      [
        ['anthropic-claude', 1, 2, false],
        ['microsoft-copilot', 1, 1, false],
        ['openai-chatgpt', 1, 1, false],
      ],
    );
    assert.equal(r.lines, 5);
    assert.equal(r.aiRequests, 4);
    const t = await run(['--proxy-log', '-', '--format', 'auto', '--data', data], LOG);
    assert.equal(t.code, 0, t.err);
    assert.match(t.out, /^anthropic-claude\s+anthropic\s+1\s+2\s+0\s+no/m);
    assert.match(t.out, /^bob\s+anthropic-claude\s+2/m);
    assert.match(t.out, /5 lines, 5 requests, 4 to AI services, 0 skipped/);
    const bad = await run(['--proxy-log', file, '--format', 'common', '--data', data]);
    assert.equal(bad.code, 0);
    assert.match(bad.err, /access\.log:1: not a common log line/);
    const none = await run(['--proxy-log', join(dir, 'missing.log'), '--data', data]);
    assert.equal(none.code, 1);
    const fmt = await run(['--proxy-log', file, '--format', 'w3c', '--data', data]);
    assert.match(fmt.err, /--format is squid, common, combined or auto/);
    const nothing = await run(['--data', data]);
    assert.match(nothing.err, /--proxy-log FILE, or --candidates/);
    const reg = await run(['--proxy-log', file, '--register', '--json', '--data', data]);
    assert.equal(reg.code, 0, reg.err);
    assert.deepEqual(JSON.parse(reg.out).registered, ['anthropic', 'microsoft', 'openai']);
    const again = JSON.parse((await run(['--proxy-log', file, '--register', '--json', '--data', data])).out);
    assert.deepEqual(again.registered, []);
    assert.ok(again.services.every((s: { inSupplierRegister: boolean }) => s.inSupplierRegister));
    const c = await run(['--candidates', '--data', data]);
    assert.match(c.out, /no unknown AI systems/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
