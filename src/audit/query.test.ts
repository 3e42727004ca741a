// findRecords in both orders, across page boundaries, with filters; and `audit search --newest-first`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRecords } from './query.js';
import type { LeafRow, LogStore } from './store.js';
import { sampleAdmin, sampleDecision } from './testutil.js';
import { openAuditLog } from './index.js';
import { main } from '../cli/main.js';

/** A store of n decisions (every 10th expired), enough of it for findRecords. */
function fakeStore(n: number): LogStore {
  const rows: LeafRow[] = Array.from({ length: n }, (_, i) => {
    const rec = sampleDecision(i, { id: `d${i}`, time: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString() });
    return { index: i, id: rec.id, kind: rec.kind, time: rec.time, leaf: i % 10 === 9 ? null : JSON.stringify(rec), expiredAt: null };
  });
  return {
    size: () => n,
    leafRange: (from: number, to: number) => rows.slice(from, to),
    leavesById: (id: string) => rows.filter((r) => r.id === id),
    indexSpan: (since: string, until: string) => {
      const inside = rows.filter((r) => r.time >= since && r.time < until);
      return inside.length ? [inside[0].index, inside[inside.length - 1].index] : null;
    },
  } as unknown as LogStore;
}

test('newest-first yields the same records as log order, reversed, across pages and with filters', () => {
  const store = fakeStore(4_503);
  for (const f of [{}, { action: 'allow' }, { since: '2026-01-01T00:10:00Z', until: '2026-01-01T01:00:00Z' }, { id: 'd4000' }]) {
    const oldest = [...findRecords(store, f)].map((r) => r.index);
    const newest = [...findRecords(store, f, 'newest-first')].map((r) => r.index);
    assert.ok(oldest.length > 0, JSON.stringify(f));
    assert.deepEqual(newest, [...oldest].reverse(), JSON.stringify(f));
  }
  assert.equal([...findRecords(store, {})].length, 4_503, 'expired rows too when unfiltered');
});

test('supplier and finding filters; admin records match neither', () => {
  const recs = [
    sampleDecision(0, { supplier: 'anthropic', findings: [{ type: 'EMAIL', subtype: 'work', count: 1, maxScore: 1, offsets: [] }] }),
    sampleDecision(1, { supplier: 'openai', findings: [] }),
  ];
  const rows: LeafRow[] = recs.map((r, i) => ({ index: i, id: r.id, kind: r.kind, time: r.time, leaf: JSON.stringify(r), expiredAt: null }));
  rows.push({ index: 2, id: 'adm', kind: 'admin', time: recs[0].time, leaf: JSON.stringify(sampleAdmin(2)), expiredAt: null });
  const store = { size: () => rows.length, leafRange: (a: number, b: number) => rows.slice(a, b) } as unknown as LogStore;
  const ids = (f: object) => [...findRecords(store, f)].map((r) => r.index);
  assert.deepEqual(ids({ supplier: 'anthropic' }), [0]);
  assert.deepEqual(ids({ finding: 'EMAIL' }), [0]);
  assert.deepEqual(ids({ finding: 'EMAIL:work' }), [0]);
  assert.deepEqual(ids({ finding: 'EMAIL:home' }), []);
  assert.deepEqual(ids({ supplier: 'openai' }), [1]);
  // Paging: past an index, in either order.
  assert.deepEqual([...findRecords(store, {}, 'oldest-first', 0)].map((r) => r.index), [1, 2]);
  assert.deepEqual([...findRecords(store, {}, 'newest-first', 2)].map((r) => r.index), [1, 0]);
});

test('audit search --newest-first starts with the newest record', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-query-'));
  try {
    const log = await openAuditLog({ dataDir: dir, instance: 'gw', synchronous: 'NORMAL' });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const d = sampleDecision(i);
      ids.push(d.id);
      await log.append(d);
    }
    await log.close();
    const search = async (...extra: string[]) => {
      let out = '';
      await main(['node', 'warden', 'audit', 'search', '--data', dir, '--json', ...extra], { out: (s) => void (out += s), err: () => {}, stdin: process.stdin });
      return out.trim().split('\n').map((l) => JSON.parse(l).record.id);
    };
    assert.deepEqual(await search(), ids);
    assert.deepEqual(await search('--newest-first'), [...ids].reverse());
    assert.deepEqual(await search('--newest-first', '--limit', '2'), [ids[4], ids[3]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
