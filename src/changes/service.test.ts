// The change service: every kind of change is recorded with its actor (and reason, where given),
// and undone when the audit log refuses the record, the caller getting WARDEN_ADMIN_UNAVAILABLE.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AdminRecord, AuditRecord } from '../core/types.js';
import { openSqliteStore } from '../store/sqlite.js';
import type { Store } from '../store/types.js';
import { SUPPLIER, SYSTEM } from '../registry/testutil.js';
import { ChangeError } from './errors.js';
import { AdminChanges } from './service.js';

let dir: string;
let store: Store;
let records: AdminRecord[];
let refusing: boolean;
let changes: AdminChanges;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-changes-'));
  store = openSqliteStore(dir);
});
after(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  records = [];
  refusing = false;
  const audit = {
    append: async (rec: AuditRecord) => {
      if (refusing) throw new Error('disk full');
      records.push(rec as AdminRecord);
      return { index: records.length - 1 };
    },
  };
  changes = new AdminChanges({ store, audit, instance: 'test', actor: { name: 'cli:alice', via: '--actor' } });
});

/** Runs a change with the log refusing: it must fail with WARDEN_ADMIN_UNAVAILABLE and leave no record. */
async function refused(change: () => Promise<unknown>): Promise<ChangeError> {
  refusing = true;
  try {
    await change();
  } catch (err) {
    assert.ok(err instanceof ChangeError, String(err));
    assert.equal(err.code, 'WARDEN_ADMIN_UNAVAILABLE');
    assert.equal(err.status, 503);
    assert.match(String((err.cause as Error).message), /disk full/, 'the cause is kept for the operator');
    return err;
  } finally {
    refusing = false;
  }
  assert.fail('the change went through without its record');
}

const last = () => records[records.length - 1];

describe('AdminChanges', () => {
  it('keys: a refused creation is revoked, a refused revocation is taken back', async () => {
    await refused(() => changes.createKey({ user: 'bob', system: 'app' }));
    assert.ok(store.keys.list().every((k) => k.revokedAt), 'no usable key is left');
    const { record } = await changes.createKey({ user: 'bob', system: 'app' });
    assert.deepEqual([last().op, last().actor, last().detail], ['key.create', 'cli:alice', { actorVia: '--actor' }]);
    await refused(() => changes.revokeKey(record.id, 'leaked'));
    assert.equal(store.keys.get(record.id)!.revokedAt, null);
    await changes.revokeKey(record.id, 'leaked in a ticket');
    assert.deepEqual(last().detail, { reason: 'leaked in a ticket', actorVia: '--actor' });
    await assert.rejects(changes.revokeKey(record.id), { code: 'WARDEN_ADMIN_CONFLICT' });
    await assert.rejects(changes.revokeKey('k_nope'), { code: 'WARDEN_ADMIN_NOT_FOUND' });
  });

  it('tokens: a refused creation is revoked, a refused revocation is taken back', async () => {
    await refused(() => changes.createToken({ user: 'ci', role: 'viewer' }));
    assert.ok(store.accounts.listTokens({ user: 'ci' }).every((t) => t.revokedAt));
    const { record } = await changes.createToken({ user: 'ci', role: 'viewer', expiresInDays: 1 });
    assert.equal(record.createdBy, 'cli:alice');
    await refused(() => changes.revokeToken(record.id));
    assert.equal(store.accounts.getToken(record.id)!.revokedAt, null);
    await assert.rejects(changes.createToken({ user: 'ci', role: 'owner' }), { code: 'WARDEN_ADMIN_INVALID' });
  });

  it('accounts: a refused creation is removed, a refused change is put back whole', async () => {
    await refused(() => changes.createAccount({ user: 'eve', role: 'admin', password: 'long enough password' }));
    assert.equal(store.accounts.get('eve'), undefined);
    await changes.createAccount({ user: 'eve', role: 'admin', password: 'long enough password' });
    const hash = store.accounts.credentials('eve')!.passwordHash;
    const was = store.accounts.get('eve');
    await refused(() => changes.updateAccount('eve', { role: 'viewer', disabled: true, password: 'another long password' }));
    assert.deepEqual(store.accounts.get('eve'), was);
    assert.equal(store.accounts.credentials('eve')!.passwordHash, hash, 'the old password still works');
    await changes.updateAccount('eve', { role: 'reviewer' }, { reason: 'moved to oversight' });
    assert.deepEqual(last().detail, { reason: 'moved to oversight', fields: ['role'], actorVia: '--actor' });
    await assert.rejects(changes.createAccount({ user: 'eve', role: 'viewer' }), { code: 'WARDEN_ADMIN_CONFLICT' });
  });

  it('the last enabled admin is kept only where asked (the API)', async () => {
    await changes.createAccount({ user: 'root', role: 'admin' });
    for (const a of store.accounts.list()) if (a.user !== 'root' && a.role === 'admin') await changes.updateAccount(a.user, { role: 'viewer' });
    await assert.rejects(changes.updateAccount('root', { disabled: true }, { keepAnAdmin: true }), { code: 'WARDEN_ADMIN_CONFLICT' });
    await changes.updateAccount('root', { disabled: true });
  });

  it('kill switches: the reason is in the record; a refused set is removed, a refused resume set again', async () => {
    await refused(() => changes.setKill({ scope: 'system', target: 'hr-bot', reason: 'INC-42' }));
    assert.deepEqual(store.killSwitches.list().filter((k) => k.target === 'hr-bot'), [], 'no trace of an unrecorded switch');
    const k = await changes.setKill({ scope: 'system', target: 'hr-bot', reason: 'INC-42 salary data in answers' });
    assert.deepEqual([last().op, last().target, last().detail], ['kill.set', 'system:hr-bot', { reason: 'INC-42 salary data in answers', actorVia: '--actor' }]);
    assert.equal(k.setBy, 'cli:alice');
    await assert.rejects(changes.setKill({ scope: 'system', target: 'hr-bot', reason: 'again' }), { code: 'WARDEN_ADMIN_CONFLICT' });
    await refused(() => changes.resumeKill({ scope: 'system', target: 'hr-bot', reason: 'fixed' }));
    assert.deepEqual(store.killSwitches.active().map((s) => s.id), [k.id], 'the same switch is still active');
    await changes.resumeKill({ scope: 'system', target: 'hr-bot', reason: 'fix deployed' });
    assert.deepEqual(last().detail, { reason: 'fix deployed', actorVia: '--actor' });
    await assert.rejects(changes.resumeKill({ scope: 'system', target: 'hr-bot' }), { code: 'WARDEN_ADMIN_NOT_FOUND' });
    await assert.rejects(changes.setKill({ scope: 'all', target: 'x', reason: 'r' }), (e: ChangeError) => e.code === 'WARDEN_ADMIN_INVALID' && e.problems[0].field === 'target');
    await assert.rejects(changes.setKill({ scope: 'model', target: 'gpt-4o', reason: ' ' }), { code: 'WARDEN_ADMIN_INVALID' });
  });

  it('reviews: the reason is in the record; a refused decision puts the review back to pending', async () => {
    const now = new Date();
    const r = store.reviews.create({
      id: '', decisionId: 'D1', fingerprint: 'fp', user: 'u', system: 's', supplier: 'p', model: 'm', rules: ['r'], findings: [], excerpt: '', reviewers: [],
      validityMs: 60_000, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
    });
    await refused(() => changes.decideReview(r.id, 'approved', { reason: 'ok' }));
    assert.equal(store.reviews.get(r.id)!.status, 'pending');
    await changes.decideReview(r.id, 'denied', { reason: 'not for this system' });
    assert.deepEqual(last().detail, { reason: 'not for this system', decision: 'D1', actorVia: '--actor' });
    await assert.rejects(changes.decideReview(r.id, 'approved', { reason: 'x' }), { code: 'WARDEN_ADMIN_CONFLICT' });
  });

  it('registry records: a refused change is rolled back and answered as a change error', async () => {
    await refused(() => changes.registry.createSupplier(SUPPLIER));
    assert.equal(store.registry.suppliers.get(SUPPLIER.id), undefined);
    await changes.registry.createSupplier(SUPPLIER);
    await changes.registry.createSystem(SYSTEM);
    assert.deepEqual([last().op, last().actor, last().detail], ['system.create', 'cli:alice', { actorVia: '--actor' }]);
    await refused(() => changes.registry.updateSystem(SYSTEM.id, { lifecycle: 'retired' }));
    assert.equal(store.registry.systems.get(SYSTEM.id)!.lifecycle, 'production');
  });

  it('SoA and attestations: a refused change is undone; catalog errors are change errors', async () => {
    await refused(() => changes.setSoa('A.2.2', { applicable: true, justification: 'we write policy' }));
    assert.equal(store.compliance.soaGet('A.2.2'), undefined);
    await changes.setSoa('A.2.2', { applicable: true, justification: 'we write policy' });
    assert.deepEqual([last().op, last().actor], ['soa.set', 'cli:alice']);
    await assert.rejects(changes.setSoa('Z.9', { applicable: true, justification: 'x' }), { code: 'WARDEN_ADMIN_NOT_FOUND' });
    const doc = { name: 'policy.pdf', content: Buffer.from('%PDF') };
    const input = { framework: 'iso42001', requirement: '5.2', owner: 'ciso', expiresAt: '2099-01-01' };
    await refused(() => changes.attest(input, doc));
    assert.deepEqual(store.compliance.attestations(), []);
    const a = await changes.attest(input, doc);
    await refused(() => changes.revokeAttestation(a.id));
    assert.equal(store.compliance.attestationGet(a.id)!.revokedAt, null);
  });
});
