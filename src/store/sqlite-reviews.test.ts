import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from './sqlite.js';

it('reviews: decide once, an approval is used once within its validity, and an unrecorded decision can be undone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-rev-'));
  const store = openSqliteStore(dir);
  try {
    const now = new Date();
    const base = { id: '', decisionId: 'D1', fingerprint: 'fp', user: 'u', system: 's', supplier: 'p', model: 'm', rules: ['r'], findings: [], excerpt: '', reviewers: [], validityMs: 60_000, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + 3_600_000).toISOString() };
    const r = store.reviews.create(base);
    assert.equal(store.reviews.pendingFor('fp', now)?.id, r.id);
    const d = store.reviews.decide(r.id, 'approved', 'rev', 'ok')!;
    assert.equal(d.after.status, 'approved');
    assert.equal(store.reviews.decide(r.id, 'denied', 'rev', 'again'), undefined, 'decided once');
    store.reviews.undecide(d.before);
    assert.equal(store.reviews.get(r.id)!.status, 'pending');
    assert.equal(store.reviews.consumeApproval('fp', now), undefined, 'an undone approval lets nothing through');
    store.reviews.decide(r.id, 'approved', 'rev', 'ok');
    assert.equal(store.reviews.consumeApproval('fp', new Date())?.id, r.id);
    assert.equal(store.reviews.consumeApproval('fp', new Date()), undefined, 'one approval, one request');
    const late = store.reviews.create({ ...base, fingerprint: 'fp2' });
    store.reviews.decide(late.id, 'approved', 'rev', 'ok');
    assert.equal(store.reviews.consumeApproval('fp2', new Date(Date.now() + 61_000)), undefined, 'validity lapses');
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
