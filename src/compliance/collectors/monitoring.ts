// Monitoring and measurement (ISO 42001 9.1, A.6.2.6; NIST MEASURE 2.4; EU AI Act Art. 72):
// decisions, violations and reviews measured over the period.
import type { Collector } from './context.js';
import { within } from './context.js';

export const monitoring: Collector = (ctx) => {
  const f = ctx.facts;
  const reviews = ctx.store.reviews.list().filter((r) => within(r.createdAt, ctx.period));
  const days = Object.keys(f.actionsByDay).length;
  // A production system with no decision in the period was idle, or its traffic bypassed the gateway.
  const unseen = ctx.store.registry.systems.list({ lifecycle: 'production' }).filter((s) => !f.systems.has(s.id)).map((s) => s.id);
  return [
    {
      check: 'Decisions, policy violations and human reviews were measured over the period',
      status: f.decisions === 0 ? 'gap' : unseen.length ? 'partial' : 'met',
      detail:
        f.decisions === 0
          ? 'no decisions recorded in the period: nothing was measured'
          : `${f.decisions} decisions on ${days} day${days === 1 ? '' : 's'} (${Object.entries(f.byAction)
              .map(([a, n]) => `${a} ${n}`)
              .join(', ')}); ${f.violations} violations; ${reviews.length} reviews` +
            (unseen.length ? `; production systems with no decision in the period (idle, or bypassing the gateway): ${unseen.join(', ')}` : ''),
      counts: { unmonitoredProduction: unseen.length, decisions: f.decisions, violations: f.violations, reviews: reviews.length, days, ...Object.fromEntries(Object.entries(f.byAction).map(([a, n]) => [`action.${a}`, n])) },
      period: ctx.period,
      decisions: Object.values(f.samples)
        .map((s) => s[0])
        .slice(0, 5),
      ...(unseen.length ? { records: unseen } : {}),
    },
  ];
};
