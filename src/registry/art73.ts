// EU AI Act Art. 73: the deadline for reporting a serious incident, counted from awareness.
import type { Art73Days } from './data.js';
import type { Incident, SeriousIncidentKind } from './types.js';

const DAY_MS = 86_400_000;

/** Which paragraph of Art. 73 sets the deadline. */
export type Art73Basis = 'standard' | 'death' | 'critical-infrastructure-or-widespread';

export interface Art73Deadline {
  basis: Art73Basis;
  days: number;
  awareAt: string;
  /** The last instant the report is on time. */
  deadline: string;
}

export interface Art73Status extends Art73Deadline {
  reportedAt: string | null;
  /** Not reported and past the deadline at the given time. */
  overdue: boolean;
  /** Reported, but after the deadline. */
  late: boolean;
  /** Milliseconds left (negative once past) at the given time; null once reported. */
  remainingMs: number | null;
}

/**
 * The shortest deadline the incident's kinds call for: 2 days for a widespread infringement or a
 * critical-infrastructure disruption (Art. 73(3)), 10 days for a death (73(4)), else 15 (73(2)).
 */
export function art73Deadline(kinds: readonly SeriousIncidentKind[], awareAt: string, days: Art73Days): Art73Deadline {
  let basis: Art73Basis = 'standard';
  let n = days.standard;
  if (kinds.includes('death') && days.death < n) [basis, n] = ['death', days.death];
  if ((kinds.includes('critical-infrastructure') || kinds.includes('widespread-infringement')) && days.criticalInfrastructureOrWidespread < n)
    [basis, n] = ['critical-infrastructure-or-widespread', days.criticalInfrastructureOrWidespread];
  const aware = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(awareAt) ? `${awareAt}T00:00:00Z` : awareAt);
  return { basis, days: n, awareAt, deadline: new Date(aware + n * DAY_MS).toISOString() };
}

/** The Art. 73 position of an incident at `now`; null when it is not a serious incident. */
export function art73Status(i: Pick<Incident, 'serious' | 'awareAt'>, now: Date, days: Art73Days): Art73Status | null {
  if (!i.serious) return null;
  const d = art73Deadline(i.serious.kinds, i.awareAt, days);
  const due = Date.parse(d.deadline);
  const reportedAt = i.serious.reportedAt ?? null;
  return {
    ...d,
    reportedAt,
    overdue: reportedAt === null && now.getTime() > due,
    late: reportedAt !== null && Date.parse(reportedAt) > due,
    remainingMs: reportedAt === null ? due - now.getTime() : null,
  };
}
