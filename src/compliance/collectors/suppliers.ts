// Supplier management (ISO 42001 A.10.3, NIST GOVERN 6.1 / MANAGE 3.1, SOC 2 CC9.2): every
// supplier seen in traffic is registered and approved, and no supplier review is overdue.
import { supplierReviewOverdue } from '../../registry/review.js';
import type { Collector } from './context.js';
import type { Evidence } from '../types.js';

export const supplierManagement: Collector = (ctx) => {
  const out: Evidence[] = [];
  const seen = [...ctx.facts.suppliers.entries()];
  const problems: string[] = [];
  const samples: string[] = [];
  for (const [id, s] of seen) {
    const rec = ctx.store.registry.suppliers.get(id);
    if (!rec) problems.push(`${id} (${s.count} decisions) is not in the supplier register`);
    else if (rec.status !== 'approved') problems.push(`${id} (${s.count} decisions) is ${rec.status}, not approved`);
    else continue;
    samples.push(s.sample);
  }
  out.push({
    check: 'Every supplier seen in traffic in the period is registered and approved',
    status: seen.length === 0 ? 'not-applicable' : problems.length ? 'gap' : 'met',
    detail: seen.length === 0 ? 'no supplier traffic in the period' : problems.length ? problems.join('; ') : `${seen.map(([id, s]) => `${id} (${s.count})`).join(', ')}: all approved`,
    counts: { suppliersSeen: seen.length, unapproved: problems.length },
    period: ctx.period,
    decisions: samples.length ? samples : seen.map(([, s]) => s.sample).slice(0, 5),
    records: seen.map(([id]) => id),
  });
  const approved = ctx.store.registry.suppliers.list({ status: 'approved' });
  const overdue = approved.filter((s) => supplierReviewOverdue(s, ctx.now));
  out.push({
    check: 'No approved supplier is past its due-diligence review date',
    status: approved.length === 0 ? 'not-applicable' : overdue.length ? 'partial' : 'met',
    detail: approved.length === 0 ? 'no approved suppliers' : overdue.length ? `review overdue: ${overdue.map((s) => `${s.id} (due ${s.nextReviewAt})`).join(', ')}` : `${approved.length} approved suppliers, all reviews current`,
    counts: { approved: approved.length, overdue: overdue.length },
    records: approved.map((s) => s.id),
  });
  return out;
};
