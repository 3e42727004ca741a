// Opening what the collectors read: the store, the audit log (read-only) and its public key.
import { openStore } from '../audit/read.js';
import { verifyLog, type VerifyReport } from '../audit/verify.js';
import type { NoteVerifier } from '../audit/note.js';
import type { Store } from '../store/types.js';
import { scanAdmin, scanLog, type AdminEntry, type Period } from './facts.js';
import type { CollectorContext } from './collectors/index.js';

export interface ContextOptions {
  dataDir: string;
  store: Store;
  verifier: NoteVerifier;
  period: Period;
  retention: { decisionDays: number; adminDays: number };
  reviewSlaMinutes?: number;
  now?: Date;
}

const DAY_MS = 86_400_000;

/** The period of a report: --from and --to as dates or times; by default the 90 days up to now. */
export function periodOf(from: string | undefined, to: string | undefined, now = new Date()): Period {
  const iso = (s: string, end: boolean) => {
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(s);
    const t = Date.parse(dateOnly ? `${s}T00:00:00Z` : s);
    if (Number.isNaN(t)) throw new Error(`not a date: ${s}`);
    // A date given as --to means the whole of that day.
    return new Date(dateOnly && end ? t + DAY_MS : t).toISOString();
  };
  const end = to ? iso(to, true) : now.toISOString();
  const start = from ? iso(from, false) : new Date(Date.parse(end) - 90 * DAY_MS).toISOString();
  if (start >= end) throw new Error(`--from ${start} is not before --to ${end}`);
  return { from: start, to: end };
}

/** A collector context over a data folder; `close()` closes the log (not the store). */
export function openCollectorContext(o: ContextOptions): CollectorContext & { close(): void } {
  const log = openStore(o.dataDir);
  let report: VerifyReport | undefined;
  let admin: AdminEntry[] | undefined;
  return {
    store: o.store,
    log,
    facts: scanLog(log, o.period),
    period: o.period,
    now: o.now ?? new Date(),
    retention: o.retention,
    verifier: o.verifier,
    reviewSlaMinutes: o.reviewSlaMinutes,
    verify: () => (report ??= verifyLog(log, { verifier: o.verifier })),
    adminHistory: () => (admin ??= scanAdmin(log)),
    close: () => log.close(),
  };
}
