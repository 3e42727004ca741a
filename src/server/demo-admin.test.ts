// `warden start --demo`'s first admin: made once, printed again on the next start, usable to sign
// in to the console, recorded as an admin change, never written to the log.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { parseConfig } from '../config/load.js';
import { openStore } from '../audit/read.js';
import { findRecords } from '../audit/query.js';
import { startWarden } from './runtime.js';
import { withDemo } from './demo.js';
import { demoAdmin } from './demo-admin.js';
import { banner } from '../cli/commands/start.js';

it('makes a first admin with a random password once, and signs in with it', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-demo-admin-'));
  let logged = '';
  const sink = new Writable({ write: (c, _e, done) => ((logged += c), done()) });
  const start = () => startWarden({ config: withDemo(parseConfig('log_level: info', 'test')), dataDir, port: 0, host: '127.0.0.1', log: pino({ level: 'trace' }, sink) });
  try {
    const w = await start();
    let login;
    try {
      login = (await demoAdmin(w))!;
      assert.equal(login.user, 'admin');
      assert.match(login.password!, /^[A-Za-z0-9_-]{24}$/);
      assert.equal(statSync(join(dataDir, 'demo-admin-password')).mode & 0o777, 0o600);
      const r = await fetch(`${w.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'admin', password: login.password, cookie: true }) });
      assert.equal(r.status, 200);
      assert.deepEqual((await r.json()).roles, ['admin']);
      assert.deepEqual(await demoAdmin(w), login, 'the same login again');
    } finally {
      await w.close();
    }
    const w2 = await start();
    try {
      assert.deepEqual(await demoAdmin(w2), login, 'printed again on the next demo start');
      assert.equal(w2.store.accounts.list().length, 1);
      // An admin the operator made since, with the demo's one gone: named, no password to print.
      w2.store.accounts.create({ user: 'ada', role: 'admin', passwordHash: null });
      w2.store.accounts.update('admin', { disabled: true });
      assert.deepEqual(await demoAdmin(w2), { user: 'ada' });
    } finally {
      await w2.close();
    }
    const log = openStore(dataDir);
    try {
      const creates = [...findRecords(log, { kind: 'admin' })].map((f) => f.record as { op: string; actor: string; target: string }).filter((r) => r.op === 'account.create');
      assert.deepEqual(creates.map((r) => [r.target, r.actor]), [['admin', 'warden start --demo']]);
    } finally {
      log.close();
    }
    assert.ok(logged.length > 0);
    assert.ok(!logged.includes(login.password!), 'the password is never logged');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

it('the demo banner names the console and its login', () => {
  const text = banner('http://127.0.0.1:8080', 'wdn_k_x', 'sha256:abc', '/data', undefined, { login: { user: 'admin', password: 'pw-123' } });
  assert.match(text, /Console: http:\/\/127\.0\.0\.1:8080\/console\/ {2}\(sign in as admin, password pw-123\)/);
  assert.match(banner('http://h', undefined, 'v', '/d', undefined, {}), /Console: http:\/\/h\/console\/\n/);
  assert.doesNotMatch(banner('http://h', undefined, 'v', '/d', undefined), /Console/);
});
