// Event logging (ISO 42001 A.6.2.8, EU AI Act Art. 12/19/26(6), SOC 2 CC7.2, HIPAA 164.312(b)):
// the log verifies, every exchange has its decision, retention meets the required minimum.
import type { Collector } from './context.js';
import type { Evidence } from '../types.js';

export const eventLogging: Collector = (ctx, params) => {
  const out: Evidence[] = [];
  const v = ctx.verify();
  out.push({
    check: 'The audit log verifies: every leaf, tree node and signed checkpoint recomputed',
    // Without a signed checkpoint the tree is only consistent with itself: nobody vouched for it.
    status: !v.ok ? 'gap' : v.checkpoints === 0 ? 'partial' : 'met',
    detail: !v.ok
      ? `NOT SOUND: ${v.problem?.message}`
      : v.checkpoints === 0
        ? `consistent (${v.size} leaves) but no checkpoint is signed yet`
        : `sound: ${v.size} leaves, ${v.checkpoints} checkpoints signed by ${ctx.verifier.name}, root ${v.root ?? '(empty)'}`,
    counts: { leaves: v.size, checkpoints: v.checkpoints, expired: v.expired },
  });
  const f = ctx.facts;
  const missing = f.completionsWithoutDecision;
  out.push({
    check: 'Every gateway exchange in the period has a decision record written before it went out',
    status: f.decisions === 0 && f.completions === 0 ? 'not-applicable' : missing.length ? 'gap' : 'met',
    detail:
      f.decisions === 0 && f.completions === 0
        ? 'no gateway traffic in the period'
        : missing.length
          ? `${missing.length} completion records have no decision record: ${missing.slice(0, 5).join(', ')}`
          : `${f.decisions} decisions and ${f.completions} completions; every completion has its decision`,
    counts: { decisions: f.decisions, completions: f.completions, withoutDecision: missing.length },
    period: f.period,
    decisions: Object.values(f.samples).flat().slice(0, 5),
  });
  // A hold names the decision that held it: that decision must be in the log too.
  const holds = ctx.store.reviews.list().filter((r) => r.createdAt >= f.period.from && r.createdAt < f.period.to);
  const unlogged = holds.filter((r) => ctx.log.leavesById(r.decisionId).length === 0);
  if (holds.length)
    out.push({
      check: 'Every held request (review) names a decision in the log',
      status: unlogged.length ? 'gap' : 'met',
      detail: unlogged.length ? `reviews without a logged decision: ${unlogged.map((r) => r.id).join(', ')}` : `${holds.length} reviews, each with its decision`,
      counts: { reviews: holds.length, unlogged: unlogged.length },
      records: holds.slice(0, 5).map((r) => r.id),
    });
  if (params.minRetentionDays) {
    const ok = ctx.retention.decisionDays >= params.minRetentionDays;
    out.push({
      check: `Decision records are kept at least ${params.minRetentionDays} days`,
      status: ok ? 'met' : 'gap',
      detail: `audit.retention.decision_days is ${ctx.retention.decisionDays}${ok ? '' : `, below the ${params.minRetentionDays} required`}`,
      counts: { configuredDays: ctx.retention.decisionDays, requiredDays: params.minRetentionDays },
    });
  }
  if (params.minAdminRetentionDays) {
    const ok = ctx.retention.adminDays >= params.minAdminRetentionDays;
    out.push({
      check: `Admin records (documentation of changes) are kept at least ${params.minAdminRetentionDays} days`,
      status: ok ? 'met' : 'gap',
      detail: `audit.retention.admin_days is ${ctx.retention.adminDays}${ok ? '' : `, below the ${params.minAdminRetentionDays} required`}`,
      counts: { configuredDays: ctx.retention.adminDays, requiredDays: params.minAdminRetentionDays },
    });
  }
  return out;
};
