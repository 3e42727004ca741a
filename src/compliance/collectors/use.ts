// Intended use (ISO 42001 A.9.4): what each AI system declared in the inventory (models,
// suppliers, data categories, tools) against what the gateway's decisions show it used.
import type { Collector } from './context.js';
import { first } from './context.js';
import { undeclaredData } from './resources.js';

const beyond = (used: Map<string, string>, declared: string[] | null) =>
  declared === null || declared.includes('*') ? [] : [...used].filter(([k]) => !declared.includes(k));

export const intendedUse: Collector = (ctx) => {
  const check = "Each AI system's traffic stays within the use it declared: its models, suppliers, data categories and tools";
  const seen = [...ctx.facts.use.entries()];
  if (seen.length === 0) {
    const inventory = ctx.store.registry.systems.list().length;
    return [
      {
        check,
        status: inventory ? 'partial' : 'gap',
        detail: inventory ? 'no AI system had traffic in the period: declared use was not compared with observed use' : 'the inventory is empty and no traffic was seen: no intended use is declared',
        counts: { systemsSeen: 0, inventory },
        period: ctx.period,
      },
    ];
  }
  const unregistered: string[] = [];
  const deviations: string[] = [];
  const decisions: string[] = [];
  for (const [id, u] of seen) {
    const s = ctx.store.registry.systems.get(id);
    if (!s) {
      unregistered.push(id);
      decisions.push([...u.models.values()][0] ?? '');
      continue;
    }
    const found: Array<[string, Array<[string, string]>]> = [
      ['models', beyond(u.models, s.models)],
      ['suppliers', beyond(u.suppliers, s.suppliers)],
      ['data', [...undeclaredData(ctx, s)]],
      ['tools', beyond(u.tools, s.tools)],
    ];
    const parts = found.filter(([, xs]) => xs.length).map(([what, xs]) => `${what} ${xs.map(([k]) => k).join(', ')}`);
    if (parts.length) {
      deviations.push(`${id} used undeclared ${parts.join('; ')}`);
      decisions.push(...found.flatMap(([, xs]) => xs.map(([, d]) => d)));
    }
  }
  return [
    {
      check,
      status: unregistered.length ? 'gap' : deviations.length ? 'partial' : 'met',
      detail:
        [
          unregistered.length ? `in traffic without an inventory entry (no declared use): ${unregistered.join(', ')}` : '',
          ...deviations,
        ]
          .filter(Boolean)
          .join('; ') || `${seen.length} systems in traffic, each within its declared models, suppliers, data categories and tools`,
      counts: { systemsSeen: seen.length, unregistered: unregistered.length, beyondDeclared: deviations.length },
      period: ctx.period,
      decisions: first(decisions.filter(Boolean)),
      records: seen.map(([id]) => id),
    },
  ];
};
