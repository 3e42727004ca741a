// Impact assessment (ISO 42001 6.1.4, 8.4, A.5; EU AI Act Art. 27; NIST MAP 5.1): every system
// in use that affects people (high-risk or limited class, or handling personal data) has an
// approved impact assessment, and a high-risk one covers the Art. 27 elements.
import { friaGaps, needsFria } from '../../registry/assessment.js';
import type { AISystem } from '../../registry/types.js';
import type { Collector } from './context.js';
import { undeclaredData } from './resources.js';

const affectsPeople = (s: AISystem) => s.euAiActClass === 'high-risk' || s.euAiActClass === 'limited' || s.dataCategories.length > 0;

export const impactAssessment: Collector = (ctx) => {
  const check = 'Every AI system in use that affects people has an approved impact assessment';
  const inUse = ctx.store.registry.systems.list().filter((s) => s.lifecycle !== 'retired' && s.lifecycle !== 'idea');
  // An empty inventory is not "nothing affects people": nothing was assessed, not even whether it does.
  if (inUse.length === 0)
    return [
      {
        check,
        status: 'gap',
        detail: ctx.facts.systems.size
          ? `the inventory holds no system in use, yet traffic came from ${[...ctx.facts.systems.keys()].join(', ')}: none was assessed`
          : 'the inventory holds no system in use: no impact was assessed',
        decisions: [...ctx.facts.systems.values()].map((s) => s.sample).slice(0, 5),
      },
    ];
  // Traffic showing data the system did not declare affects people too.
  const systems = inUse.filter((s) => affectsPeople(s) || undeclaredData(ctx, s).size > 0);
  if (systems.length === 0)
    return [{ check, status: 'not-applicable', detail: `${inUse.length} systems in use, each classed minimal with no data categories and none seen handling such data`, records: inUse.map((s) => s.id) }];
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
