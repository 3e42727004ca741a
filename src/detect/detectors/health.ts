// Health identifiers: NHS numbers, medical record numbers, NPI, DEA, Medicare MBI, ICD-10 codes.
import type { DetectData } from '../data.js';
import { patternDetector } from '../pattern.js';
import type { DetectorFactory } from '../types.js';
import { npiValid } from '../validators/luhn.js';
import { nhsValid } from '../validators/nhs.js';
import { deaValid } from '../validators/dea.js';

// MBI letters exclude S, L, O, I, B and Z.
const L = '[AC-HJKMNP-RT-Y]';
const LD = '[AC-HJKMNP-RT-Y0-9]';

export function healthDetectors(data: DetectData): DetectorFactory[] {
  const ctx = data.context;
  return [
    patternDetector({
      id: 'phi.uk_nhs',
      type: 'UK_NHS',
      pattern: /(?<![\d-])\d{3}([ -]?)\d{3}\1\d{4}(?![\d-])/g,
      gate: 'digits',
      baseScore: 0.4,
      context: ctx.nhs,
      contextBoost: 0.55,
      negative: ctx.negative,
      validate: (value, score) => (nhsValid(value.replace(/\D/g, '')) ? score : false),
    }),
    patternDetector({
      id: 'phi.us_npi',
      type: 'US_NPI',
      pattern: /(?<![\d-])[12]\d{9}(?![\d-])/g,
      gate: 'digits',
      baseScore: 0.4,
      context: ctx.npi,
      contextBoost: 0.55,
      negative: ctx.negative,
      validate: (value, score) => (npiValid(value) ? score : false),
    }),
    patternDetector({
      id: 'phi.us_dea',
      type: 'US_DEA',
      pattern: /(?<![A-Za-z0-9])[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}(?![A-Za-z0-9])/g,
      gate: 'digits',
      baseScore: 0.75,
      context: ctx.dea,
      contextBoost: 0.2,
      negative: ctx.negative,
      validate: (value, score) => (deaValid(value) ? score : false),
    }),
    patternDetector({
      id: 'phi.medicare_mbi',
      type: 'MEDICARE_MBI',
      pattern: new RegExp(`(?<![A-Za-z0-9])[1-9]${L}${LD}\\d-?${L}${LD}\\d-?${L}{2}\\d{2}(?![A-Za-z0-9])`, 'g'),
      gate: 'digits',
      baseScore: 0.8,
      context: ctx.mbi,
      contextBoost: 0.15,
      negative: ctx.negative,
    }),
    patternDetector({
      id: 'phi.medical_record_number',
      type: 'MEDICAL_RECORD_NUMBER',
      pattern: /(?<![A-Za-z0-9-])(?:[A-Z]{1,4}-?)?\d{5,12}(?:-\d{1,4})?(?![A-Za-z0-9-])/g,
      gate: 'triggers',
      triggers: ctx.mrn,
      after: 40,
      baseScore: 0.85,
    }),
    patternDetector({
      id: 'phi.icd10',
      type: 'ICD10_CODE',
      pattern: /(?<![A-Za-z0-9.\-])[A-TV-Z]\d[0-9AB](?:\.[0-9A-TV-Z]{1,4})?(?![A-Za-z0-9\-]|\.\d)/g,
      gate: 'triggers',
      triggers: ctx.icd10,
      before: 80,
      after: 120,
      baseScore: 0.8,
    }),
  ];
}
