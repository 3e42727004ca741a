// AI system life cycle (ISO 42001 A.6.2.3 documentation, A.6.2.4 verification, A.6.2.5
// deployment): the inventory's entries are the state its recorded changes describe; systems in
// production passed the deployment gate (approved suppliers, risks, impact assessment, a gateway
// key) and their risk treatments name policy rules the policy in force holds.
import { stateHash } from '../../core/admin.js';
import type { AISystem } from '../../registry/types.js';
import type { Evidence } from '../types.js';
import type { Collector, CollectorContext } from './context.js';
import { activeSystems, share } from './context.js';
import { policyInForce } from './policy.js';

const affectsPeople = (s: AISystem) => s.euAiActClass === 'high-risk' || s.euAiActClass === 'limited' || s.dataCategories.length > 0;

export const changeRecords: Collector = (ctx) => {
  const check = "Every AI system's inventory entry is the state its last recorded change describes (created and changed through recorded admin changes)";
  const systems = activeSystems(ctx);
  if (systems.length === 0) return [{ check, status: 'gap', detail: 'the inventory holds no AI system that is not retired: nothing is documented' }];
  const last = new Map<string, { id: string; afterHash: string | null; op: string; time: string; actor: string }>();
  for (const a of ctx.adminHistory()) if (a.op.startsWith('system.')) last.set(a.target, a);
  const bad: string[] = [];
  const records: string[] = [];
  for (const s of systems) {
    const a = last.get(s.id);
    if (!a) bad.push(`${s.id}: no admin record`);
    else if (a.afterHash !== stateHash(s)) bad.push(`${s.id}: differs from its last recorded change ${a.id} (${a.op} by ${a.actor} at ${a.time})`);
    else records.push(a.id);
  }
  return [
    {
      check,
      status: share(systems.length - bad.length, systems.length),
      detail: `${systems.length - bad.length} of ${systems.length} systems match their recorded history${bad.length ? `; ${bad.join('; ')}` : ''}`,
      counts: { systems: systems.length, matching: systems.length - bad.length },
      records: [...systems.map((s) => s.id), ...records.slice(0, 5)],
    },
  ];
};

/** Production systems, plus systems seen in traffic that are not in production in the inventory. */
function deployed(ctx: CollectorContext): { prod: AISystem[]; outside: string[] } {
  const prod = ctx.store.registry.systems.list({ lifecycle: 'production' });
  const ids = new Set(prod.map((s) => s.id));
  return { prod, outside: [...ctx.facts.systems.keys()].filter((id) => !ids.has(id)) };
}

function none(check: string, outside: string[], ctx: CollectorContext): Evidence[] {
  return [
    outside.length
      ? { check, status: 'gap', detail: `no system in production in the inventory, yet traffic came from ${outside.join(', ')}`, decisions: outside.map((id) => ctx.facts.systems.get(id)!.sample).slice(0, 5), period: ctx.period }
      : { check, status: 'partial', detail: 'no system in production: no deployment was shown to pass the gate' },
  ];
}

export const deployment: Collector = (ctx) => {
  const check = 'Every AI system in use was deployed through the gate: approved suppliers, a risk assessment, an approved impact assessment where it affects people, a gateway key';
  const { prod, outside } = deployed(ctx);
  if (prod.length === 0) return none(check, outside, ctx);
  const keys = new Set(ctx.store.keys.list().filter((k) => !k.revokedAt).map((k) => k.system));
  const bad: string[] = outside.map((id) => `${id}: in traffic but not in production in the inventory`);
  for (const s of prod) {
    const p: string[] = [];
    const unapproved = s.suppliers.filter((id) => ctx.store.registry.suppliers.get(id)?.status !== 'approved');
    if (s.suppliers.length === 0) p.push('no supplier named');
    if (unapproved.length) p.push(`suppliers not approved: ${unapproved.join(', ')}`);
    if (ctx.store.registry.risks.list({ systemId: s.id }).length === 0) p.push('no risk assessment');
    if (affectsPeople(s) && !ctx.store.registry.assessments.list({ systemId: s.id }).some((a) => a.approval.status === 'approved')) p.push('no approved impact assessment');
    if (!keys.has(s.id)) p.push('no active gateway key');
    if (p.length) bad.push(`${s.id}: ${p.join(', ')}`);
  }
  const total = prod.length + outside.length;
  return [
    {
      check,
      status: outside.length ? 'gap' : share(total - bad.length, total),
      detail: `${total - bad.length} of ${total} systems in use passed the gate${bad.length ? `; ${bad.join('; ')}` : ''}`,
      counts: { production: prod.length, outsideInventory: outside.length, passed: total - bad.length },
      decisions: outside.map((id) => ctx.facts.systems.get(id)!.sample).slice(0, 5),
      records: prod.map((s) => s.id),
    },
  ];
};

export const treatmentVerification: Collector = (ctx) => {
  const check = "Every production AI system's mitigated risks name the policy rules that enforce them, and the policy in force holds each rule";
  const { prod, outside } = deployed(ctx);
  if (prod.length === 0) return none(check, outside, ctx);
  const rules = new Set(policyInForce(ctx)?.compiled?.rules.filter((r) => r.enabled).map((r) => r.id) ?? []);
  const bad: string[] = [];
  const ids: string[] = [];
  for (const s of prod) {
    const risks = ctx.store.registry.risks.list({ systemId: s.id });
    ids.push(...risks.map((r) => r.id));
    if (risks.length === 0) {
      bad.push(`${s.id}: no risks, nothing to verify`);
      continue;
    }
    const p: string[] = [];
    for (const r of risks.filter((x) => x.treatment === 'mitigate' && x.status !== 'closed')) {
      if (r.policyRules.length === 0) p.push(`${r.id} names no policy rule`);
      const absent = r.policyRules.filter((id) => !rules.has(id));
      if (absent.length) p.push(`${r.id} names rules not in the policy in force: ${absent.join(', ')}`);
    }
    if (p.length) bad.push(`${s.id}: ${p.join('; ')}`);
  }
  return [
    {
      check,
      status: share(prod.length - bad.length, prod.length),
      detail: `${prod.length - bad.length} of ${prod.length} production systems have every mitigation verified by a rule in force${bad.length ? `; ${bad.join('; ')}` : ''}`,
      counts: { production: prod.length, verified: prod.length - bad.length, rulesInForce: rules.size },
      records: [...prod.map((s) => s.id), ...ids.slice(0, 10)],
    },
  ];
};
