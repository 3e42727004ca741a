// Risk scores: likelihood x impact on a configurable scale, and the level a score falls in.
import { loadRiskScaleFile } from './data.js';
import type { Risk } from './types.js';

export interface RiskScale {
  likelihoodMax: number;
  impactMax: number;
  /** Ascending: a score takes the first level whose upTo is at least the score. */
  levels: Array<{ name: string; upTo: number }>;
}

export interface RiskScore {
  likelihood: number;
  impact: number;
  score: number;
  level: string;
}

/** Checks a scale: levels ascending and covering the largest score. */
export function checkRiskScale(scale: RiskScale): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(scale.likelihoodMax) || scale.likelihoodMax < 2) problems.push('likelihood max must be a whole number of at least 2');
  if (!Number.isInteger(scale.impactMax) || scale.impactMax < 2) problems.push('impact max must be a whole number of at least 2');
  if (scale.levels.length === 0) problems.push('a scale needs at least one level');
  scale.levels.forEach((l, i) => {
    if (i > 0 && l.upTo <= scale.levels[i - 1].upTo) problems.push(`level ${l.name}: up_to must be larger than the level before`);
  });
  const top = scale.levels.at(-1);
  if (top && top.upTo < scale.likelihoodMax * scale.impactMax)
    problems.push(`the last level (${top.name}) must reach ${scale.likelihoodMax * scale.impactMax}, the largest score`);
  return problems;
}

/** The scale in data/registry/risk-scale.yaml (5 x 5 unless changed there). */
export function defaultRiskScale(): RiskScale {
  const f = loadRiskScaleFile();
  const scale = { likelihoodMax: f.likelihood.max, impactMax: f.impact.max, levels: f.levels.map((l) => ({ name: l.name, upTo: l.up_to })) };
  const problems = checkRiskScale(scale);
  if (problems.length) throw new Error(`data/registry/risk-scale.yaml: ${problems.join('; ')}`);
  return scale;
}

/** Score and level of one likelihood and impact. */
export function riskScore(likelihood: number, impact: number, scale: RiskScale): RiskScore {
  const score = likelihood * impact;
  const level = scale.levels.find((l) => score <= l.upTo)?.name ?? scale.levels.at(-1)!.name;
  return { likelihood, impact, score, level };
}

/** Problems of a risk's ratings against a scale (out of range). */
export function riskRatingProblems(r: Pick<Risk, 'likelihood' | 'impact' | 'residualLikelihood' | 'residualImpact'>, scale: RiskScale): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  const check = (field: string, v: number | undefined, max: number) => {
    if (v !== undefined && (v < 1 || v > max)) out.push({ field, message: `must be from 1 to ${max} on this scale` });
  };
  check('likelihood', r.likelihood, scale.likelihoodMax);
  check('impact', r.impact, scale.impactMax);
  check('residualLikelihood', r.residualLikelihood, scale.likelihoodMax);
  check('residualImpact', r.residualImpact, scale.impactMax);
  return out;
}

/** The inherent and residual score of a risk. */
export function assessRisk(r: Risk, scale: RiskScale): { inherent: RiskScore; residual: RiskScore | null } {
  return {
    inherent: riskScore(r.likelihood, r.impact, scale),
    residual: r.residualLikelihood !== undefined && r.residualImpact !== undefined ? riskScore(r.residualLikelihood, r.residualImpact, scale) : null,
  };
}
