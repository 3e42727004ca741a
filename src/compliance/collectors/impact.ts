// Impact assessment (ISO 42001 6.1.4, 8.4, A.5; EU AI Act Art. 27; NIST MAP 5.1): every system
// in use that affects people (high-risk or limited class, or handling personal data) has an
// approved impact assessment, and a high-risk one covers the Art. 27 elements.
import { friaGaps, needsFria } from '../../registry/assessment.js';
import type { AISystem } from '../../registry/types.js';
import type { Collector } from './context.js';

const affectsPeople = (s: AISystem) => s.euAiActClass === 'high-risk' || s.euAiActClass === 'limited' || s.dataCategories.length > 0;

export const impactAssessment: Collector = (ctx) => {
  const systems = ctx.store.registry.systems.list().filter((s) => s.lifecycle !== 'retired' && s.lifecycle !== 'idea' && affectsPeople(s));
  const check = 'Every AI system in use that affects people has an approved impact assessment';
  if (systems.length === 0) return [{ check, status: 'not-applicable', detail: 'no system in the inventory affects people' }];
  const missing: string[] = [];
  const draft: string[] = [];
  const fria: string[] = [];
  const ids: string[] = [];
  for (const s of systems) {
    const as = ctx.store.registry.assessments.list({ systemId: s.id });
    ids.push(...as.map((a) => a.id));
    const approved = as.filter((a) => a.approval.status === 'approved');
    if (as.length === 0) missing.push(s.id);
    else if (approved.length === 0) draft.push(s.id);
    else if (needsFria(s) && approved.every((a) => friaGaps(a).length > 0)) fria.push(s.id);
  }
  return [
    {
      check,
      status: missing.length ? 'gap' : draft.length || fria.length ? 'partial' : 'met',
      detail:
        [
          missing.length ? `no impact assessment: ${missing.join(', ')}` : '',
          draft.length ? `assessment not approved: ${draft.join(', ')}` : '',
          fria.length ? `high-risk without the Art. 27 elements: ${fria.join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; ') || `${systems.length} systems, each with an approved assessment`,
      counts: { systems: systems.length, missing: missing.length, notApproved: draft.length, friaIncomplete: fria.length },
      records: [...systems.map((s) => s.id), ...ids],
    },
  ];
};
