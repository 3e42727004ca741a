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
  if (inScope.length === 0) return [{ check: 'Incidents were recorded and serious ones reported within the Art. 73 deadline', status: 'not-applicable', detail: 'no incidents in the period' }];
  const days = loadArt73Days();
  const out: Evidence[] = [];
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
    check: 'Incidents are recorded with a timeline and linked to the decisions behind them',
    status: dangling.length ? 'partial' : 'met',
    detail: `${inScope.length} incidents (${inScope.filter((i) => i.status === 'closed').length} closed), ${linked.length} linked to decisions${dangling.length ? `; links to decisions not in the log: ${dangling.join(', ')}` : ''}`,
    counts: { incidents: inScope.length, linked: linked.length, danglingLinks: dangling.length },
    decisions: linked.flatMap((i) => i.decisions).slice(0, 5),
    records: inScope.map((i) => i.id),
  });
  return out;
};
