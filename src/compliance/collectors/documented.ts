// Documented information and change control (ISO 42001 7.5, SOC 2 CC8.1, HIPAA 164.316(b)(1)):
// every policy version that decided in the period is recorded with who loaded it and when.
import type { Collector } from './context.js';

export const documentedInformation: Collector = (ctx) => {
  const stored = ctx.store.policyVersions.list();
  const byVersion = new Map(stored.map((v) => [v.version, v]));
  const used = [...ctx.facts.policyVersions.entries()];
  const unknown = used.filter(([v]) => !byVersion.has(v));
  const anonymous = stored.filter((v) => !v.loadedBy?.trim() || !v.loadedAt);
  const loads = ctx.facts.adminOps.get('policy.load');
  const status = stored.length === 0 ? 'gap' : unknown.length ? 'gap' : anonymous.length ? 'partial' : 'met';
  return [
    {
      check: 'Every policy version that decided is recorded with who loaded it and when',
      status,
      detail:
        stored.length === 0
          ? 'no policy version recorded'
          : unknown.length
            ? `decisions name policy versions that were never recorded: ${unknown.map(([v, s]) => `${v.slice(0, 12)} (decision ${s.sample})`).join(', ')}`
            : `${stored.length} versions recorded (${stored.map((v) => `${v.version.slice(0, 12)} by ${v.loadedBy} at ${v.loadedAt}`).join('; ')}); ${used.length} decided in the period`,
      counts: { versionsRecorded: stored.length, versionsUsed: used.length, unrecorded: unknown.length, loadsInPeriod: loads?.count ?? 0 },
      period: ctx.period,
      decisions: used.map(([, s]) => s.sample).slice(0, 5),
      records: stored.map((v) => v.version),
    },
  ];
};
