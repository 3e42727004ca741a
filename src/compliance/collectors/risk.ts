// Risk assessment (ISO 42001 6.1.2, 8.2, 8.3; EU AI Act Art. 9; NIST MEASURE 3.1, MANAGE 1.3):
// every production system has a current risk assessment (risks whose review date has not passed).
import { isOverdue } from '../../registry/review.js';
import type { Collector } from './context.js';

export const riskAssessment: Collector = (ctx) => {
  const prod = ctx.store.registry.systems.list({ lifecycle: 'production' });
  // Traffic from a system not in production in the inventory: nobody assessed its risks either.
  const ids = new Set(prod.map((s) => s.id));
  const outside = [...ctx.facts.systems.entries()].filter(([id]) => !ids.has(id));
  const check = 'Every production AI system has a current risk assessment';
  if (prod.length === 0) {
    const inventory = ctx.store.registry.systems.list().length;
    if (outside.length)
      return [{ check, status: 'gap', detail: `no system in production in the inventory, yet traffic came from ${outside.map(([id]) => id).join(', ')}: its risks were not assessed`, decisions: outside.map(([, s]) => s.sample).slice(0, 5), period: ctx.period }];
    if (inventory === 0) return [{ check, status: 'gap', detail: 'the inventory is empty: no AI system had its risks assessed' }];
    return [{ check, status: 'not-applicable', detail: `no production systems among the ${inventory} in the inventory, and no traffic` }];
  }
  const none: string[] = outside.map(([id]) => `${id} (in traffic, not in production in the inventory)`);
  const stale: string[] = [];
  let risks = 0;
  for (const s of prod) {
    const rs = ctx.store.registry.risks.list({ systemId: s.id });
    risks += rs.length;
    if (rs.length === 0) none.push(s.id);
    else if (rs.every((r) => isOverdue(r.reviewAt, ctx.now))) stale.push(s.id);
  }
  return [
    {
      check: 'Every production AI system has a current risk assessment',
      status: none.length ? 'gap' : stale.length ? 'partial' : 'met',
      detail: [
        none.length ? `no risk assessment: ${none.join(', ')}` : '',
        stale.length ? `every risk past its review date: ${stale.join(', ')}` : '',
        !none.length && !stale.length ? `${prod.length} production systems, ${risks} risks, all current` : '',
      ]
        .filter(Boolean)
        .join('; '),
      counts: { productionSystems: prod.length, risks, withoutAssessment: none.length, stale: stale.length },
      decisions: outside.map(([, s]) => s.sample).slice(0, 5),
      records: prod.map((s) => s.id),
    },
  ];
};
