// One pass over the audit log for a period: what the collectors and the report need from it.
import type { AuditRecord, GatewayRecord } from '../core/types.js';
import type { LogStore } from '../audit/store.js';
import { findRecords } from '../audit/query.js';

const SAMPLE = 5;

export interface Period {
  from: string;
  to: string;
}

/** Counts and samples of the gateway and admin records in a period. */
export interface LogFacts {
  period: Period;
  decisions: number;
  completions: number;
  admin: number;
  /** Completion ids with no decision record in the log. */
  completionsWithoutDecision: string[];
  byAction: Record<string, number>;
  /** Day (YYYY-MM-DD) → action → count. */
  actionsByDay: Record<string, Record<string, number>>;
  /** Day → violation type (finding type, else rule id) → count, for decisions other than allow. */
  violationsByDay: Record<string, Record<string, number>>;
  violations: number;
  /** Sample decision ids per action. */
  samples: Record<string, string[]>;
  /** Suppliers that requests went out to (decisions other than block and hold). */
  suppliers: Map<string, { count: number; sample: string }>;
  systems: Map<string, { count: number; sample: string }>;
  policyVersions: Map<string, { count: number; sample: string }>;
  /** Decisions without a principal (a key). */
  withoutPrincipal: string[];
  keyIds: Map<string, { count: number; sample: string }>;
  /** Control (framework:id) → decisions naming it. */
  controls: Map<string, { count: number; samples: string[] }>;
  /** Admin op → count and sample record ids. */
  adminOps: Map<string, { count: number; samples: string[] }>;
  /** Decision ids in the period (to check references from reviews and incidents). */
  decisionIds: Set<string>;
  /** Per AI system: the models, suppliers, finding types and tools its decisions show (each with a sample decision id). */
  use: Map<string, SystemUse>;
  /** The policy version the last decision of the period names (the one in force at its end). */
  lastPolicyVersion: string | null;
}

/** What one AI system's decisions in the period show it used. */
export interface SystemUse {
  models: Map<string, string>;
  suppliers: Map<string, string>;
  findings: Map<string, string>;
  tools: Map<string, string>;
}

/** One admin record, as the compliance checks need it. */
export interface AdminEntry {
  id: string;
  time: string;
  actor: string;
  op: string;
  target: string;
  afterHash: string | null;
}

/** Every admin record of the log (any time), in log order: the change history of the records. */
export function scanAdmin(store: LogStore): AdminEntry[] {
  const out: AdminEntry[] = [];
  for (const { record } of findRecords(store, { kind: 'admin' })) {
    if (record?.kind !== 'admin') continue;
    out.push({ id: record.id, time: record.time, actor: record.actor, op: record.op, target: record.target, afterHash: record.afterHash });
  }
  return out;
}

const note = (m: Map<string, string>, k: string | null | undefined, id: string) => void (k && !m.has(k) && m.set(k, id));

const day = (t: string) => t.slice(0, 10);
const bump = (o: Record<string, number>, k: string, n = 1) => void (o[k] = (o[k] ?? 0) + n);
function tally(m: Map<string, { count: number; sample: string }>, k: string | null | undefined, id: string): void {
  if (!k) return;
  const e = m.get(k);
  if (e) e.count++;
  else m.set(k, { count: 1, sample: id });
}

function violationTypes(r: GatewayRecord): string[] {
  if (r.findings.length) return [...new Set(r.findings.map((f) => f.type))];
  const rule = r.rules.find((x) => x.action !== 'allow');
  return [rule ? `rule:${rule.id}` : r.action];
}

/** Scans the records of the period [from, to) in log order. */
export function scanLog(store: LogStore, period: Period): LogFacts {
  const f: LogFacts = {
    period,
    decisions: 0,
    completions: 0,
    admin: 0,
    completionsWithoutDecision: [],
    byAction: {},
    actionsByDay: {},
    violationsByDay: {},
    violations: 0,
    samples: {},
    suppliers: new Map(),
    systems: new Map(),
    policyVersions: new Map(),
    withoutPrincipal: [],
    keyIds: new Map(),
    controls: new Map(),
    adminOps: new Map(),
    decisionIds: new Set(),
    use: new Map(),
    lastPolicyVersion: null,
  };
  const completionIds: string[] = [];
  for (const { record } of findRecords(store, { since: period.from, until: period.to })) {
    if (!record) continue;
    const r = record as AuditRecord;
    if (r.kind === 'admin') {
      f.admin++;
      const e = f.adminOps.get(r.op) ?? { count: 0, samples: [] };
      e.count++;
      if (e.samples.length < SAMPLE) e.samples.push(r.id);
      f.adminOps.set(r.op, e);
      continue;
    }
    if (r.kind === 'completion') {
      f.completions++;
      completionIds.push(r.id);
      continue;
    }
    f.decisions++;
    f.decisionIds.add(r.id);
    bump(f.byAction, r.action);
    bump((f.actionsByDay[day(r.time)] ??= {}), r.action);
    const s = (f.samples[r.action] ??= []);
    if (s.length < SAMPLE) s.push(r.id);
    if (r.action !== 'allow') {
      f.violations++;
      for (const t of violationTypes(r)) bump((f.violationsByDay[day(r.time)] ??= {}), t);
    }
    // Only requests that went out (not blocked, not waiting for a person) reached a supplier.
    if (r.action !== 'block' && r.action !== 'hold') tally(f.suppliers, r.supplier, r.id);
    tally(f.systems, r.system, r.id);
    tally(f.policyVersions, r.policyVersion, r.id);
    if (r.policyVersion) f.lastPolicyVersion = r.policyVersion;
    if (r.system) {
      let u = f.use.get(r.system);
      if (!u) f.use.set(r.system, (u = { models: new Map(), suppliers: new Map(), findings: new Map(), tools: new Map() }));
      note(u.models, r.model, r.id);
      if (r.action !== 'block' && r.action !== 'hold') note(u.suppliers, r.supplier, r.id);
      for (const x of r.findings) note(u.findings, x.type, r.id);
      for (const h of r.rules) for (const t of h.tools ?? []) note(u.tools, t, r.id);
    }
    if (!r.principal) f.withoutPrincipal.push(r.id);
    else tally(f.keyIds, r.principal.keyId, r.id);
    for (const c of r.controls) {
      const e = f.controls.get(c) ?? { count: 0, samples: [] };
      e.count++;
      if (e.samples.length < SAMPLE) e.samples.push(r.id);
      f.controls.set(c, e);
    }
  }
  // A completion's decision may precede the period: look it up by id before calling it missing.
  for (const id of completionIds)
    if (!f.decisionIds.has(id) && !store.leavesById(id).some((row) => row.kind === 'decision')) f.completionsWithoutDecision.push(id);
  return f;
}
