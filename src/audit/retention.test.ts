// Retention removes bodies, never leaf hashes: the tree still verifies and still proves the
// surviving records; receipts of expired records are refused with a reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAuditLog } from './log.js';
import { LogStore } from './store.js';
import { verifyLog } from './verify.js';
import { parseVerifierKey } from './note.js';
import { buildReceipt, verifyReceipt } from './receipt.js';
import { sampleAdmin, sampleDecision } from './testutil.js';

const DAY = 86_400_000;

test('expiry keeps the tree whole: old decisions lose their bodies, admin records stay longer', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-audit-ret-'));
  try {
    const log = await openAuditLog({ dataDir: dir, instance: 't', synchronous: 'NORMAL' });
    const old = new Date(Date.now() - 200 * DAY).toISOString();
    const oldDecision = sampleDecision(0, { time: old });
    await log.append(oldDecision);
    await log.append({ ...sampleAdmin(1), time: old });
    const fresh = sampleDecision(2);
    await log.append(fresh);
    const vkey = log.publicKey;
    await log.close();

    // Reopening runs retention (default: decisions 184 days, admin 6 years).
    const again = await openAuditLog({ dataDir: dir, instance: 't', synchronous: 'NORMAL' });
    await again.close();
    const store = new LogStore(join(dir, 'audit.db'));
    assert.equal(store.leafAt(0)!.leaf, null);
    assert.ok(store.leafAt(0)!.expiredAt);
    assert.notEqual(store.leafAt(1)!.leaf, null, 'admin records are kept 6 years');
    assert.notEqual(store.leafAt(2)!.leaf, null);
    const report = verifyLog(store, { verifier: parseVerifierKey(vkey) });
    assert.ok(report.ok, report.problem?.message);
    assert.equal(report.expired, 1);
    const cp = store.latestCheckpoint()!;
    assert.throws(() => buildReceipt(store, oldDecision.id, cp), /expired/);
    const entries = verifyReceipt(buildReceipt(store, fresh.id, cp), parseVerifierKey(vkey));
    assert.equal(entries[0].index, 2);
    // Shorter retention for admin records applies too.
    assert.equal(store.expire(['admin'], new Date(Date.now() - 100 * DAY).toISOString()), 1);
    assert.ok(verifyLog(store, { verifier: parseVerifierKey(vkey) }).ok);
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
