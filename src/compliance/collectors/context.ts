// What every collector gets: the records of Warden for one period, read once.
import type { Store } from '../../store/types.js';
import type { LogStore } from '../../audit/store.js';
import type { NoteVerifier } from '../../audit/note.js';
import type { VerifyReport } from '../../audit/verify.js';
import type { CollectorParams } from '../mapping.js';
import type { Evidence, Status } from '../types.js';
import type { LogFacts, Period } from '../facts.js';

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
