// The AI policy (ISO 42001 A.2.2, A.2.4, A.9.3): the policy pack in force is a recorded,
// content-hashed version whose loading is in the audit log, it changes (is reviewed) within a
// cadence, and its rules state responsible-use objectives by naming the controls they enforce.
import { stateHash } from '../../core/admin.js';
import { compilePolicy, type CompiledPolicy } from '../../policy/compile.js';
import { sourceFromFiles } from '../../policy/source.js';
import type { PolicyVersionRecord } from '../../store/types.js';
import type { Collector, CollectorContext } from './context.js';

const DAY_MS = 86_400_000;

export interface PolicyInForce {
  record: PolicyVersionRecord;
  /** Undefined when the stored files no longer compile (`error` says why). */
  compiled?: CompiledPolicy;
  error?: string;
  /** Ids of the `policy.load` admin records of this version. */
  loads: string[];
}

const memo = new WeakMap<CollectorContext, PolicyInForce | null>();

/** The policy version in force at the end of the period: the one the last decision names, else the newest recorded. */
export function policyInForce(ctx: CollectorContext): PolicyInForce | undefined {
  if (memo.has(ctx)) return memo.get(ctx) ?? undefined;
  const stored = ctx.store.policyVersions.list().sort((a, b) => a.loadedAt.localeCompare(b.loadedAt));
  // A decision naming a version never recorded leaves the newest recorded one as what is known.
  const last = ctx.facts.lastPolicyVersion ? ctx.store.policyVersions.get(ctx.facts.lastPolicyVersion) : undefined;
  const newest = stored.at(-1);
  const record = last ?? (newest ? ctx.store.policyVersions.get(newest.version) : undefined);
  let out: PolicyInForce | null = null;
  if (record) {
    // A load record's after-state is {version, file names}: its hash names the version it loaded.
    const hash = stateHash({ version: record.version, files: record.files.map((f) => f.name) });
    const loads = ctx.adminHistory().filter((a) => a.op === 'policy.load' && a.afterHash === hash).map((a) => a.id);
    out = { record, loads };
    try {
      out.compiled = compilePolicy(sourceFromFiles(record.files));
    } catch (err) {
      out.error = (err as Error).message.split('\n')[0];
    }
  }
  memo.set(ctx, out);
  return out ?? undefined;
}

const short = (v: string) => v.replace(/^sha256:/, '').slice(0, 12);

export const aiPolicy: Collector = (ctx) => {
  const check = 'The AI policy in force is a recorded, content-hashed policy version, its loading is in the audit log, and it decided on traffic';
  const stored = ctx.store.policyVersions.list();
  const unknown = [...ctx.facts.policyVersions.entries()].filter(([v]) => !ctx.store.policyVersions.get(v));
  const p = policyInForce(ctx);
  if (!p || stored.length === 0) return [{ check, status: 'gap', detail: 'no policy version recorded: the gateway has no written policy on record' }];
  const used = ctx.facts.policyVersions.get(p.record.version);
  const problems = [
    unknown.length ? `decisions name policy versions never recorded: ${unknown.map(([v, s]) => `${short(v)} (decision ${s.sample})`).join(', ')}` : '',
    p.loads.length === 0 ? 'no policy.load record of it in the audit log' : '',
    used ? '' : 'no decision in the period names it: not shown operating',
  ].filter(Boolean);
  return [
    {
      check,
      status: unknown.length ? 'gap' : problems.length ? 'partial' : 'met',
      detail:
        `version ${short(p.record.version)} (${p.record.files.map((f) => f.name).join(', ')}), loaded by ${p.record.loadedBy} at ${p.record.loadedAt}, ` +
        `${p.loads.length} load records, ${used?.count ?? 0} decisions in the period` +
        (p.compiled ? `, ${p.compiled.rules.length} rules` : p.error ? `; does not compile: ${p.error}` : '') +
        (problems.length ? `; ${problems.join('; ')}` : '') +
        '. Its approval by top management is attested, not recorded',
      counts: { versionsRecorded: stored.length, loadRecords: p.loads.length, decisions: used?.count ?? 0, unrecorded: unknown.length },
      period: ctx.period,
      decisions: [...(used ? [used.sample] : []), ...unknown.map(([, s]) => s.sample)].slice(0, 5),
      records: [p.record.version, ...p.loads.slice(0, 4)],
    },
  ];
};

export const policyReview: Collector = (ctx, params) => {
  const maxAge = params.maxAgeDays ?? 365;
  const check = `The AI policy was revised (a new version loaded) within the last ${maxAge} days`;
  const stored = ctx.store.policyVersions.list().sort((a, b) => a.loadedAt.localeCompare(b.loadedAt));
  const latest = stored.at(-1);
  if (!latest) return [{ check, status: 'gap', detail: 'no policy version recorded: nothing was ever reviewed' }];
  const age = Math.floor((ctx.now.getTime() - Date.parse(latest.loadedAt)) / DAY_MS);
  return [
    {
      check,
      status: age <= maxAge ? 'met' : 'partial',
      detail: `${stored.length} versions recorded; the newest, ${short(latest.version)}, was loaded by ${latest.loadedBy} at ${latest.loadedAt} (${age} days ago)${age <= maxAge ? '' : `, more than ${maxAge} days: attest a review that kept it unchanged`}`,
      counts: { versions: stored.length, ageDays: age, maxAgeDays: maxAge },
      records: stored.slice(-5).map((v) => v.version),
    },
  ];
};

export const responsibleUse: Collector = (ctx) => {
  const check = 'The policy in force states responsible-use objectives as rules that act on traffic and name the controls they implement';
  const p = policyInForce(ctx);
  if (!p) return [{ check, status: 'gap', detail: 'no policy version recorded' }];
  if (!p.compiled) return [{ check, status: 'gap', detail: `policy version ${short(p.record.version)} does not compile: ${p.error}`, records: [p.record.version] }];
  const acting = p.compiled.rules.filter((r) => r.enabled && r.action !== 'allow');
  const enforcing = acting.filter((r) => r.mode === 'enforce');
  const unnamed = acting.filter((r) => r.controls.length === 0);
  const fired = [...ctx.facts.controls.values()].reduce((n, c) => n + c.count, 0);
  const status = acting.length === 0 ? 'gap' : enforcing.length === 0 || unnamed.length ? 'partial' : 'met';
  return [
    {
      check,
      status,
      detail:
        acting.length === 0
          ? `policy version ${short(p.record.version)} has no enabled rule that blocks, holds, redacts or routes anything`
          : `policy version ${short(p.record.version)}: ${acting.length} acting rules, ${enforcing.length} enforced (${acting.length - enforcing.length} in monitor mode)` +
            (unnamed.length ? `; rules naming no control: ${unnamed.map((r) => r.id).join(', ')}` : '; each names its controls') +
            `; ${fired} control references on decisions in the period`,
      counts: { rules: p.compiled.rules.length, acting: acting.length, enforcing: enforcing.length, withoutControls: unnamed.length, controlReferences: fired },
      period: ctx.period,
      decisions: Object.entries(ctx.facts.samples).filter(([a]) => a !== 'allow').flatMap(([, s]) => s).slice(0, 5),
      records: [p.record.version, ...acting.slice(0, 10).map((r) => `rule:${r.id}`)],
    },
  ];
};

/** Enabled hold rules of the policy in force (for human oversight: can anything be held at all?). */
export function holdRules(ctx: CollectorContext): string[] | undefined {
  const p = policyInForce(ctx);
  return p?.compiled?.rules.filter((r) => r.enabled && r.action === 'hold').map((r) => r.id);
}
