// Incidents (EU AI Act Art. 73, ISO 42001 10.2 and A.8.4, NIST MANAGE 4.3, SOC 2 CC7.4): serious
// incidents reported within their Art. 73 deadline; incidents linked to the decisions behind them.
import { art73Status } from '../../registry/art73.js';
import { loadArt73Days } from '../../registry/data.js';
import type { Collector } from './context.js';
import type { Evidence } from '../types.js';

export const incidents: Collector = (ctx) => {
  const all = ctx.store.registry.incidents.list();
  // In scope: opened in the period, or still open during it.
  const inScope = all.filter((i) => (i.openedAt < ctx.period.to && (!i.closedAt || i.closedAt >= ctx.period.from)));
  const days = loadArt73Days();
  const out: Evidence[] = [];
  // The control asks for the capability: an incident (a drill counts) recorded at any time shows it.
  const known = all.filter((i) => i.openedAt < ctx.period.to).sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  const lastOne = known.at(-1);
  const capability: Evidence = {
    check: 'An incident process is in place and exercised: incidents (or drills) are recorded with a timeline',
    status: lastOne ? 'met' : 'partial',
    detail: lastOne
      ? `${known.length} incidents on record, ${inScope.length} in the period; latest ${lastOne.id} opened ${lastOne.openedAt} by ${lastOne.openedBy} (${lastOne.timeline.length} timeline entries)`
      : 'no incident has ever been recorded, not even a drill: the capability to record and communicate incidents is not shown (record a drill with `warden incidents open`, or attest the procedure)',
    counts: { incidentsOnRecord: known.length, inPeriod: inScope.length },
    records: known.slice(-5).map((i) => i.id),
  };
  if (inScope.length === 0) return [capability];
  const serious = inScope.map((i) => ({ i, s: art73Status(i, ctx.now, days) })).filter((x) => x.s !== null);
  const overdue = serious.filter((x) => x.s!.overdue);
  const late = serious.filter((x) => x.s!.late);
  const pending = serious.filter((x) => !x.s!.reportedAt && !x.s!.overdue);
  out.push({
    check: 'Serious incidents were reported within the Art. 73 deadline',
    status: serious.length === 0 ? 'not-applicable' : overdue.length ? 'gap' : late.length ? 'partial' : 'met',
    detail:
      serious.length === 0
        ? `${inScope.length} incidents, none serious`
        : serious
            .map(({ i, s }) => `${i.id}: ${s!.reportedAt ? `reported ${s!.reportedAt}${s!.late ? ' (late)' : ''}` : s!.overdue ? 'NOT reported, deadline passed' : 'not yet reported'}, deadline ${s!.deadline} (${s!.days} days)`)
            .join('; '),
    counts: { serious: serious.length, overdue: overdue.length, late: late.length, pending: pending.length },
    records: serious.map(({ i }) => i.id),
  });
  const linked = inScope.filter((i) => i.decisions.length > 0);
  const dangling = linked.flatMap((i) => i.decisions.filter((d) => ctx.log.leavesById(d).length === 0).map((d) => `${i.id}→${d}`));
  out.push({
    check: 'Incidents linked to gateway decisions link to decisions that are in the log',
    // No link at all proves nothing about links (an incident from outside the gateway has none).
    status: linked.length === 0 ? 'not-applicable' : dangling.length ? 'partial' : 'met',
    detail: `${inScope.length} incidents (${inScope.filter((i) => i.status === 'closed').length} closed), ${linked.length} linked to decisions${dangling.length ? `; links to decisions not in the log: ${dangling.join(', ')}` : ''}`,
    counts: { incidents: inScope.length, linked: linked.length, danglingLinks: dangling.length },
    decisions: linked.flatMap((i) => i.decisions).slice(0, 5),
    records: inScope.map((i) => i.id),
  });
  out.push(capability);
  return out;
};
