// What a fundamental-rights impact assessment (EU AI Act Art. 27) still lacks.
import type { AISystem, ImpactAssessment } from './types.js';

const ELEMENTS: Array<[keyof NonNullable<ImpactAssessment['fria']>, string]> = [
  ['processDescription', 'Art. 27(1)(a) the processes in which the system is used, in line with its intended purpose'],
  ['periodAndFrequency', 'Art. 27(1)(b) the period and frequency of use'],
  ['affectedCategories', 'Art. 27(1)(c) the categories of people and groups likely to be affected'],
  ['specificRisks', 'Art. 27(1)(d) the specific risks of harm to them'],
  ['humanOversight', 'Art. 27(1)(e) how human oversight is implemented'],
  ['measuresIfRisksMaterialise', 'Art. 27(1)(f) the measures if the risks materialise'],
  ['governanceAndComplaints', 'Art. 27(1)(f) internal governance and complaint mechanisms'],
];

/** Whether the system needs the Art. 27 elements in its impact assessment (here: every high-risk system). */
export function needsFria(system: Pick<AISystem, 'euAiActClass'>): boolean {
  return system.euAiActClass === 'high-risk';
}

/** The Art. 27 elements missing from an assessment, as field path and what it should say. */
export function friaGaps(a: Pick<ImpactAssessment, 'fria'>): Array<{ field: string; message: string }> {
  const f = a.fria;
  return ELEMENTS.filter(([k]) => {
    const v = f?.[k];
    return v === undefined || (Array.isArray(v) ? v.length === 0 : String(v).trim() === '');
  }).map(([k, message]) => ({ field: `fria.${k}`, message: `missing: ${message}` }));
}
