// Resources documented in the inventory (ISO 42001 A.4.3 data, A.4.4 tooling, A.4.5 system and
// computing resources, A.4.6 human resources) and the specification of each system (A.6.2.2):
// every AI system not retired documents the resource, and its traffic shows no data it did not declare.
import type { AISystem } from '../../registry/types.js';
import { categoriesOf } from '../data-categories.js';
import type { Evidence } from '../types.js';
import type { Collector, CollectorContext } from './context.js';
import { activeSystems, first, share } from './context.js';

export const RESOURCES = ['data', 'tooling', 'compute', 'people', 'specification'] as const;
export type Resource = (typeof RESOURCES)[number];

const CHECKS: Record<Resource, string> = {
  data: 'Every AI system documents the data categories it handles, and its traffic shows no other',
  tooling: 'Every AI system documents its models and the tools it may use',
  compute: 'Every AI system names the suppliers that run it, each in the supplier register',
  people: 'Every AI system names its owner and the people-based oversight measures around it',
  specification: 'Every AI system is specified: purpose, data categories, models, tools and suppliers',
};

/** Data categories a system's traffic in the period showed but the system did not declare. */
export function undeclaredData(ctx: CollectorContext, s: AISystem): Map<string, string> {
  const out = new Map<string, string>();
  for (const [type, sample] of ctx.facts.use.get(s.id)?.findings ?? [])
    for (const c of categoriesOf(type)) if (!s.dataCategories.includes(c) && !out.has(c)) out.set(c, sample);
  return out;
}

/** What a system fails to document of a resource (empty when documented). */
function missing(ctx: CollectorContext, s: AISystem, r: Resource): { problems: string[]; decisions: string[] } {
  const problems: string[] = [];
  const decisions: string[] = [];
  const data = () => {
    if (s.dataCategories.length === 0) problems.push('no data categories');
    const extra = undeclaredData(ctx, s);
    if (extra.size) {
      problems.push(`traffic shows undeclared ${[...extra.keys()].join(', ')} data`);
      decisions.push(...extra.values());
    }
  };
  const tooling = () => {
    if (s.models.length === 0) problems.push('no models');
    if (s.tools === null) problems.push('tools not declared (any tool)');
  };
  const named = () => void (s.suppliers.length === 0 && problems.push('no supplier named'));
  if (r === 'data') data();
  else if (r === 'tooling') tooling();
  else if (r === 'compute') {
    named();
    const unregistered = s.suppliers.filter((id) => !ctx.store.registry.suppliers.get(id));
    if (unregistered.length) problems.push(`suppliers not in the register: ${unregistered.join(', ')}`);
  } else if (r === 'people') {
    if (!s.owner.trim()) problems.push('no owner');
    if (s.oversight.length === 0) problems.push('no oversight measures');
  } else {
    if (!s.purpose.trim()) problems.push('no purpose');
    data();
    tooling();
    named();
  }
  return { problems, decisions };
}

export const resources: Collector = (ctx, params) => {
  const r: Resource = params.resource ?? 'specification';
  const systems = activeSystems(ctx);
  const check = CHECKS[r];
  if (systems.length === 0) return [{ check, status: 'gap', detail: 'the inventory holds no AI system that is not retired: nothing is documented' }];
  const lacking = systems.map((s) => ({ s, ...missing(ctx, s, r) })).filter((x) => x.problems.length);
  const ev: Evidence = {
    check,
    status: share(systems.length - lacking.length, systems.length),
    detail:
      `${systems.length - lacking.length} of ${systems.length} systems documented` +
      (lacking.length ? `; ${lacking.map((x) => `${x.s.id}: ${x.problems.join(', ')}`).join('; ')}` : ''),
    counts: { systems: systems.length, documented: systems.length - lacking.length },
    records: systems.map((s) => s.id),
  };
  const decisions = first(lacking.flatMap((x) => x.decisions));
  if (decisions.length) Object.assign(ev, { decisions, period: ctx.period });
  return [ev];
};
