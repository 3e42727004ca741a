// What the console's overview shows of the log: decisions over time by action, the rules that
// fired most, findings by type. One pass over the records of the period, newest last.
import { ACTIONS, type Action } from '../core/types.js';
import { findRecords } from './query.js';
import type { LogStore } from './store.js';

export type Bucket = 'hour' | 'day';

export interface LogOverview {
  since: string;
  until: string;
  bucket: Bucket;
  /** One entry per bucket from `since` to `until` (empty buckets included), oldest first. */
  decisions: Array<{ start: string; total: number; actions: Record<Action, number> }>;
  /** Decisions (request direction) in the period, by action. */
  totals: Record<Action, number>;
  /** Rules that matched, on requests and responses, most first. */
  topRules: Array<{ id: string; count: number }>;
  /** Findings by type (`TYPE` or `TYPE:subtype`), on requests and responses: how many, in how many records. */
  findings: Array<{ type: string; count: number; records: number }>;
}

const MS: Record<Bucket, number> = { hour: 3_600_000, day: 86_400_000 };
const zeroActions = (): Record<Action, number> => Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<Action, number>;

/** Start of the bucket (UTC) holding time `t` (ms). */
function bucketStart(t: number, bucket: Bucket): number {
  return t - (t % MS[bucket]);
}

/** Summarises the decision and completion records from `since` up to `until` (ISO times). */
export function logOverview(store: LogStore, since: string, until: string, bucket: Bucket, topN = 10): LogOverview {
  const first = bucketStart(Date.parse(since), bucket);
  const n = Math.max(1, Math.floor((bucketStart(Date.parse(until) - 1, bucket) - first) / MS[bucket]) + 1);
  const decisions = Array.from({ length: n }, (_, i) => ({ start: new Date(first + i * MS[bucket]).toISOString(), total: 0, actions: zeroActions() }));
  const totals = zeroActions();
  const rules = new Map<string, number>();
  const findings = new Map<string, { count: number; records: number }>();
  for (const { record } of findRecords(store, { since, until })) {
    if (!record || record.kind === 'admin') continue;
    for (const r of record.rules) rules.set(r.id, (rules.get(r.id) ?? 0) + 1);
    for (const f of record.findings) {
      const type = f.subtype === undefined ? f.type : `${f.type}:${f.subtype}`;
      const e = findings.get(type);
      if (e) {
        e.count += f.count;
        e.records++;
      } else findings.set(type, { count: f.count, records: 1 });
    }
    if (record.kind !== 'decision') continue;
    totals[record.action]++;
    const b = decisions[Math.floor((Date.parse(record.time) - first) / MS[bucket])];
    if (b) {
      b.total++;
      b.actions[record.action]++;
    }
  }
  const topRules = [...rules].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)).slice(0, topN);
  const byType = [...findings].map(([type, v]) => ({ type, ...v })).sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  return { since, until, bucket, decisions, totals, topRules, findings: byType };
}
