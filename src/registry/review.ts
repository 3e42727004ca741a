// When a review falls due, and whether it is overdue at a given time.
import type { AISystem, Supplier } from './types.js';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The last instant (ms since epoch) a review dated `when` is still on time: a date means
 * the whole of that UTC day, a date-time means that instant.
 */
export function dueBy(when: string): number {
  return DATE_ONLY.test(when) ? Date.parse(`${when}T00:00:00Z`) + DAY_MS - 1 : Date.parse(when);
}

/** True when `now` is past the last on-time instant of a review dated `when`. */
export function isOverdue(when: string, now: Date): boolean {
  return now.getTime() > dueBy(when);
}

/** Whether the supplier's due-diligence review (ISO 42001 A.10.3) has lapsed at `now`. */
export function supplierReviewOverdue(s: Pick<Supplier, 'nextReviewAt'>, now: Date): boolean {
  return isOverdue(s.nextReviewAt, now);
}

/** When the system's next review falls due: its last review (or registration) plus its cadence. */
export function systemNextReview(s: Pick<AISystem, 'lastReviewedAt' | 'createdAt' | 'reviewCadenceDays'>): string {
  const from = s.lastReviewedAt ?? s.createdAt;
  const start = DATE_ONLY.test(from) ? Date.parse(`${from}T00:00:00Z`) : Date.parse(from);
  return new Date(start + s.reviewCadenceDays * DAY_MS).toISOString();
}

/** Whether the system's periodic review is overdue at `now`. */
export function systemReviewOverdue(s: Pick<AISystem, 'lastReviewedAt' | 'createdAt' | 'reviewCadenceDays'>, now: Date): boolean {
  return isOverdue(systemNextReview(s), now);
}
