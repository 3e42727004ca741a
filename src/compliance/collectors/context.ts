// What every collector gets: the records of Warden for one period, read once.
import type { Store } from '../../store/types.js';
import type { LogStore } from '../../audit/store.js';
import type { NoteVerifier } from '../../audit/note.js';
import type { VerifyReport } from '../../audit/verify.js';
import type { CollectorParams } from '../mapping.js';
import type { Evidence, Status } from '../types.js';
import type { AdminEntry, LogFacts, Period } from '../facts.js';

export interface CollectorContext {
  store: Store;
  log: LogStore;
  facts: LogFacts;
  period: Period;
  now: Date;
  /** Retention configured in the `audit:` section, in days. */
  retention: { decisionDays: number; adminDays: number };
  /** Result of verifying the whole log (computed once, on first use). */
  verify(): VerifyReport;
  verifier: NoteVerifier;
  /** The review SLA of the `oversight:` config section, in minutes. */
  reviewSlaMinutes?: number;
  /** Every admin record of the log, any time (read once, on first use). */
  adminHistory(): AdminEntry[];
}

export type Collector = (ctx: CollectorContext, params: CollectorParams) => Evidence[];

/** The worst status of a list: gap, then partial, then met; not-applicable only when all are; manual when empty. */
export function worst(statuses: Status[]): Status {
  if (statuses.length === 0) return 'manual';
  for (const s of ['gap', 'partial', 'manual', 'met'] as const) if (statuses.includes(s)) return s;
  return 'not-applicable';
}

export const within = (t: string, p: Period) => t >= p.from && t < p.to;
export const first = <T>(xs: T[], n = 5) => xs.slice(0, n);

/** Status of "every one of n things shows it": met when all do, gap when none does, partial between. */
export const share = (ok: number, total: number) => (ok === total ? 'met' : ok === 0 ? 'gap' : 'partial') as 'met' | 'partial' | 'gap';

/** AI systems of the inventory that are not retired (an idea is a system too: it is being planned). */
export const activeSystems = (ctx: CollectorContext) => ctx.store.registry.systems.list().filter((s) => s.lifecycle !== 'retired');
