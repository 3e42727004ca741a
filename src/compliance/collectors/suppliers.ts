// Supplier management (ISO 42001 A.10.3, NIST GOVERN 6.1 / MANAGE 3.1, SOC 2 CC9.2): every
// supplier seen in traffic is registered and approved, and no supplier review is overdue.
import { supplierReviewOverdue } from '../../registry/review.js';
import type { Collector } from './context.js';
import type { Evidence } from '../types.js';

export const supplierManagement: Collector = (ctx) => {
  const out: Evidence[] = [];
  const register = ctx.store.registry.suppliers.list();
  let seen = [...ctx.facts.suppliers.entries()];
  const inTraffic = seen.length > 0;
  // Without traffic, the suppliers the inventory's systems name are the ones in use.
  if (!inTraffic)
    seen = [...new Set(ctx.store.registry.systems.list().filter((s) => s.lifecycle !== 'retired').flatMap((s) => s.suppliers))].map((id) => [id, { count: 0, sample: '' }]);
  const problems: string[] = [];
  const samples: string[] = [];
  const use = (s: { count: number }) => (inTraffic ? `${s.count} decisions` : 'named by a system');
  for (const [id, s] of seen) {
    const rec = ctx.store.registry.suppliers.get(id);
    if (!rec) problems.push(`${id} (${use(s)}) is not in the supplier register`);
    else if (rec.status !== 'approved') problems.push(`${id} (${use(s)}) is ${rec.status}, not approved`);
    else continue;
    if (s.sample) samples.push(s.sample);
  }
  out.push({
    check: 'Every supplier seen in traffic in the period is registered and approved',
    status: seen.length === 0 ? (register.length ? 'not-applicable' : 'gap') : problems.length ? 'gap' : 'met',
    detail:
      seen.length === 0
        ? register.length
          ? `no supplier traffic in the period and none named by a system; ${register.length} suppliers in the register`
          : 'no supplier traffic, none named by a system, and the supplier register is empty: no supplier was assessed'
        : (inTraffic ? '' : 'no supplier traffic in the period; suppliers the inventory names: ') +
          (problems.length ? problems.join('; ') : `${seen.map(([id, s]) => `${id} (${use(s)})`).join(', ')}: all approved`),
    counts: { suppliersSeen: seen.length, unapproved: problems.length },
    period: ctx.period,
    decisions: (samples.length ? samples : seen.map(([, s]) => s.sample)).filter(Boolean).slice(0, 5),
    records: seen.map(([id]) => id),
  });
  const approved = ctx.store.registry.suppliers.list({ status: 'approved' });
  const overdue = approved.filter((s) => supplierReviewOverdue(s, ctx.now));
  out.push({
    check: 'No approved supplier is past its due-diligence review date',
    status: approved.length === 0 ? (register.length ? 'not-applicable' : 'gap') : overdue.length ? 'partial' : 'met',
    detail: approved.length === 0 ? (register.length ? 'no approved suppliers' : 'the supplier register is empty') : overdue.length ? `review overdue: ${overdue.map((s) => `${s.id} (due ${s.nextReviewAt})`).join(', ')}` : `${approved.length} approved suppliers, all reviews current`,
    counts: { approved: approved.length, overdue: overdue.length },
    records: approved.map((s) => s.id),
  });
  return out;
};
