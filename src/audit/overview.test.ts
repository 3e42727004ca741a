// The overview's one pass: buckets (empty ones too), actions of decisions only, rules and findings
// of requests and responses, admin records and records outside the period left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditRecord } from '../core/types.js';
import { logOverview } from './overview.js';
import type { LeafRow, LogStore } from './store.js';
import { sampleAdmin, sampleDecision } from './testutil.js';

function storeOf(records: AuditRecord[]): LogStore {
  const rows: LeafRow[] = records.map((r, i) => ({ index: i, id: r.id, kind: r.kind, time: r.time, leaf: JSON.stringify(r), expiredAt: null }));
  return {
    size: () => rows.length,
    leafRange: (from: number, to: number) => rows.slice(from, to),
    indexSpan: (since: string, until: string) => {
      const inside = rows.filter((r) => r.time >= since && r.time < until);
      return inside.length ? [inside[0].index, inside[inside.length - 1].index] : null;
    },
  } as unknown as LogStore;
}

test('decisions per hour by action, top rules and findings over one pass', () => {
  const at = (h: number, m = 0) => new Date(Date.UTC(2026, 0, 1, h, m)).toISOString();
  const rule = (id: string) => ({ id, action: 'block' as const, mode: 'enforce' as const, controls: [] });
  const records: AuditRecord[] = [
    sampleDecision(0, { time: at(9, 59), action: 'allow' }), // before the period
    sampleDecision(0, { time: at(10, 5), action: 'block', rules: [rule('secrets'), rule('pii')], findings: [{ type: 'AWS_KEY', count: 2, maxScore: 1, offsets: [] }] }),
    sampleDecision(0, { time: at(10, 6), action: 'allow', rules: [], findings: [] }),
    { ...sampleDecision(0, { time: at(10, 7), action: 'redact', rules: [rule('pii')], findings: [{ type: 'EMAIL', subtype: 'work', count: 1, maxScore: 1, offsets: [] }] }), kind: 'completion' },
    { ...sampleAdmin(1), time: at(11, 0) },
    sampleDecision(0, { time: at(12, 30), action: 'redact', rules: [rule('pii')], findings: [{ type: 'AWS_KEY', count: 1, maxScore: 1, offsets: [] }] }),
  ];
  const o = logOverview(storeOf(records), at(10), at(13), 'hour');
  assert.deepEqual(o.decisions.map((b) => [b.start, b.total]), [[at(10), 2], [at(11), 0], [at(12), 1]]);
  assert.equal(o.decisions[0].actions.block, 1);
  assert.equal(o.decisions[0].actions.allow, 1);
  assert.equal(o.decisions[0].actions.redact, 0, 'a completion is not a decision');
  assert.deepEqual({ ...o.totals }, { block: 1, hold: 0, redact: 1, route: 0, warn: 0, allow: 1 });
  assert.deepEqual(o.topRules, [{ id: 'pii', count: 3 }, { id: 'secrets', count: 1 }]);
  assert.deepEqual(o.findings, [{ type: 'AWS_KEY', count: 3, records: 2 }, { type: 'EMAIL:work', count: 1, records: 1 }]);
});

test('a period not on a bucket boundary starts with the bucket holding its start', () => {
  const o = logOverview(storeOf([]), '2026-01-01T10:30:00.000Z', '2026-01-02T10:30:00.000Z', 'hour');
  assert.equal(o.decisions.length, 25);
  assert.equal(o.decisions[0].start, '2026-01-01T10:00:00.000Z');
  assert.equal(logOverview(storeOf([]), '2026-01-01T00:00:00.000Z', '2026-01-08T00:00:00.000Z', 'day').decisions.length, 7);
});
