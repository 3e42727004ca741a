// Human oversight (EU AI Act Art. 14, NIST MANAGE 2.4 / GOVERN 3.2 / MAP 3.5, ISO 42001 A.9.2):
// holds in the period were reviewed within the SLA, and the kill switch was exercised.
import type { Collector } from './context.js';
import { first, within } from './context.js';
import type { Evidence } from '../types.js';
import { holdRules } from './policy.js';

const DEFAULT_SLA_MINUTES = 60;

export const humanOversight: Collector = (ctx, params) => {
  const out: Evidence[] = [];
  const slaMs = (params.reviewSlaMinutes ?? ctx.reviewSlaMinutes ?? DEFAULT_SLA_MINUTES) * 60_000;
  const holds = ctx.store.reviews.list().filter((r) => within(r.createdAt, ctx.period));
  const late: string[] = [];
  const open: string[] = [];
  let onTime = 0;
  for (const r of holds) {
    const due = Date.parse(r.createdAt) + slaMs;
    if (r.decidedAt) {
      if (Date.parse(r.decidedAt) <= due) onTime++;
      else late.push(r.id);
    } else if (r.status === 'expired' || ctx.now.getTime() > due) open.push(r.id);
  }
  // No hold in the period is no evidence of oversight unless a rule could have held something.
  const rules = holds.length ? undefined : holdRules(ctx);
  out.push({
    check: `Requests held for a person were reviewed within ${slaMs / 60_000} minutes`,
    status: holds.length === 0 ? (rules?.length ? 'not-applicable' : 'partial') : open.length || late.length ? (onTime ? 'partial' : 'gap') : 'met',
    detail:
      holds.length === 0
        ? rules?.length
          ? `no holds in the period; rules that would hold: ${rules.join(', ')}`
          : rules
            ? 'no holds in the period, and no rule of the policy in force holds a request for a person'
            : 'no holds in the period, and no policy version on record'
        : `${holds.length} holds: ${onTime} reviewed in time${late.length ? `, ${late.length} late (${first(late).join(', ')})` : ''}${open.length ? `, ${open.length} not reviewed in time (${first(open).join(', ')})` : ''}`,
    counts: { holds: holds.length, onTime, late: late.length, unreviewed: open.length },
    period: ctx.period,
    decisions: first(holds.map((r) => r.decisionId)),
    records: first(holds.map((r) => r.id)),
  });
  const kills = ctx.store.killSwitches.list().filter((k) => within(k.setAt, ctx.period) || (k.resumedAt !== null && within(k.resumedAt, ctx.period)));
  out.push({
    check: 'The kill switch was exercised in the period (set, and resumed)',
    status: kills.length === 0 ? 'partial' : 'met',
    detail: kills.length
      ? kills.map((k) => `${k.scope} ${k.target} set ${k.setAt} by ${k.setBy}${k.resumedAt ? `, resumed ${k.resumedAt}` : ', still active'}`).join('; ')
      : 'no kill switch set in the period: the stop mechanism was not shown to work',
    counts: { killSwitches: kills.length, adminKillRecords: (ctx.facts.adminOps.get('kill.set')?.count ?? 0) + (ctx.facts.adminOps.get('kill.resume')?.count ?? 0) },
    records: kills.map((k) => k.id),
  });
  return out;
};
