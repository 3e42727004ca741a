// A change the audit log cannot record is answered 503 and not kept (registry records, accounts,
// tokens, keys, kill switches, evidence packs: each is undone); with `admin.enabled: false` there is no admin API.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parseConfig } from '../../src/config/load.js';
import { startWarden, type RunningWarden } from '../../src/server/runtime.js';
import { openAudit, type AuditHandle } from '../../src/server/wiring.js';
import { startMockUpstream, type MockUpstream } from '../helpers/mock-upstream.js';
import { startTestWarden, testConfigYaml, type TestWarden } from '../helpers/warden.js';
import { api } from './helpers.js';
import { EvidencePacks } from '../../src/compliance/archive.js';

let mock: MockUpstream;
let w: RunningWarden;
let dataDir: string;
let failing = false;
before(async () => {
  mock = await startMockUpstream();
  dataDir = mkdtempSync(join(tmpdir(), 'warden-admin-fc-'));
  const config = parseConfig(testConfigYaml(mock.url));
  const real = await openAudit(config, dataDir, 'test');
  // The real log, with a switch that makes it refuse appends.
  const audit: AuditHandle = {
    log: Object.create(real.log, {
      append: { value: (rec: never) => (failing ? Promise.reject(new Error('disk full')) : real.log.append(rec)) },
    }),
    close: () => real.close(),
  };
  w = await startWarden({ config, dataDir, port: 0, log: pino({ level: 'silent' }), overrides: { audit } });
});
after(async () => {
  await w.close();
  await mock.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('changes the log cannot record are refused with 503 and not kept', async () => {
  const t = { url: w.url } as TestWarden;
  const admin = w.store.accounts.createToken({ kind: 'api', user: 'root', role: 'admin', createdBy: 'test', expiresAt: null }).token;
  failing = true;
  try {
    const sup = await api(t, 'POST', '/api/suppliers', admin, { id: 'acme', name: 'Acme', nextReviewAt: '2027-01-01' });
    assert.equal(sup.status, 503);
    assert.equal(sup.body.error.code, 'WARDEN_ADMIN_UNAVAILABLE');
    assert.ok(!sup.text.includes('disk full'), 'internal details stay in the log');
    assert.equal(w.store.registry.suppliers.get('acme'), undefined);

    const tok = await api(t, 'POST', '/api/tokens', admin, { user: 'ci', role: 'viewer' });
    assert.equal(tok.status, 503);
    assert.equal(tok.body.token, undefined);
    assert.ok(w.store.accounts.listTokens({ user: 'ci' }).every((x) => x.revokedAt), 'the unrecorded token is revoked');

    const key = await api(t, 'POST', '/api/keys', admin, { user: 'x', system: 'app' });
    assert.equal(key.status, 503);
    assert.ok(w.store.keys.list().filter((k) => k.user === 'x').every((k) => k.revokedAt));

    const acct = await api(t, 'POST', '/api/accounts', admin, { user: 'eve', role: 'admin', password: 'long enough password' });
    assert.equal(acct.status, 503);
    assert.equal(w.store.accounts.get('eve'), undefined);

    failing = false;
    assert.equal((await api(t, 'POST', '/api/kill-switches', admin, { scope: 'model', target: 'gpt-4o', reason: 'drill' })).status, 201);
    failing = true;
    assert.equal((await api(t, 'POST', '/api/kill-switches/resume', admin, { scope: 'model', target: 'gpt-4o' })).status, 503);
    assert.deepEqual(
      w.store.killSwitches.active().map((k) => [k.scope, k.target]),
      [['model', 'gpt-4o']],
      'the switch stays set',
    );
    // A new switch, and a revocation, nobody can prove are not kept either.
    assert.equal((await api(t, 'POST', '/api/kill-switches', admin, { scope: 'user', target: 'mallory', reason: 'drill' })).status, 503);
    assert.ok(!w.store.killSwitches.list().some((k) => k.target === 'mallory'));
    const live = w.store.keys.create({ user: 'y', groups: [], system: 'app' }).record;
    assert.equal((await api(t, 'DELETE', `/api/keys/${live.id}`, admin)).status, 503);
    assert.equal(w.store.keys.get(live.id)!.revokedAt, null);
    // An evidence pack the log cannot record is not kept.
    const pack = await api(t, 'POST', '/api/compliance/evidence-packs', admin, { framework: 'soc2' });
    assert.equal(pack.status, 503, pack.text);
    assert.deepEqual(new EvidencePacks(dataDir).list(), []);
    assert.deepEqual(readdirSync(join(dataDir, 'evidence-packs')), []);
  } finally {
    failing = false;
  }
  assert.equal((await api(t, 'POST', '/api/suppliers', admin, { id: 'acme', name: 'Acme', nextReviewAt: '2027-01-01' })).status, 201);
});

it('admin.enabled: false serves no admin API', async () => {
  const off = await startTestWarden({ extraYaml: 'admin:\n  enabled: false\n' });
  try {
    const r = await fetch(`${off.url}/api/openapi.json`);
    assert.equal(r.status, 404);
    assert.equal(((await r.json()) as { error: { code: string } }).error.code, 'WARDEN_NOT_FOUND');
  } finally {
    await off.close();
  }
});
