// Government identifiers and dates of birth.
import type { DetectData } from '../data.js';
import { patternDetector } from '../pattern.js';
import type { DetectorFactory } from '../types.js';
import { itinValid, ssnValid } from '../validators/ssn.js';

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE = new RegExp(
  [
    String.raw`(?<!\d)\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}(?!\d)`,
    String.raw`(?<!\d)(?:19|20)\d{2}[/.-]\d{1,2}[/.-]\d{1,2}(?!\d)`,
    String.raw`\b(?:${MONTHS})\.? \d{1,2}(?:st|nd|rd|th)?,? (?:19|20)\d{2}\b`,
    String.raw`(?<!\d)\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:${MONTHS})\.?,? (?:19|20)\d{2}\b`,
  ].join('|'),
  'gi',
);

/** Rejects impossible dates: a month above 12 on both readings, or a day above 31. */
function plausibleDate(value: string): boolean {
  const nums = value.match(/\d+/g);
  if (!nums || nums.length < 2) return true;
  if (nums.length === 3) {
    const [a, b, c] = nums.map(Number);
    if (nums[0].length === 4) return b >= 1 && b <= 12 && c >= 1 && c <= 31;
    const yearOk = nums[2].length === 2 || (c >= 1900 && c <= 2030);
    return yearOk && a >= 1 && b >= 1 && ((a <= 12 && b <= 31) || (b <= 12 && a <= 31));
  }
  return true;
}

export function identityDetectors(data: DetectData): DetectorFactory[] {
  const ctx = data.context;
  return [
    patternDetector({
      id: 'pii.us_ssn',
      type: 'US_SSN',
      pattern: /(?<![\d-])\d{3}([- ]?)\d{2}\1\d{4}(?![\d-])/g,
      gate: 'digits',
      baseScore: 0.3,
      context: ctx.ssn,
      contextBoost: 0.35,
      negative: ctx.negative,
      validate(value, score, m) {
        const digits = value.replace(/\D/g, '');
        if (!ssnValid(digits)) return false;
        if (m[1] === '-') score += 0.5;
        else if (m[1] === ' ') score += 0.25;
        return score;
      },
    }),
    patternDetector({
      id: 'pii.us_itin',
      type: 'US_ITIN',
      pattern: /(?<![\d-])9\d{2}([- ]?)\d{2}\1\d{4}(?![\d-])/g,
      gate: 'digits',
      baseScore: 0.35,
      context: ctx.itin,
      contextBoost: 0.3,
      negative: ctx.negative,
      validate(value, score, m) {
        if (!itinValid(value.replace(/\D/g, ''))) return false;
        return m[1] === '-' ? score + 0.4 : score;
      },
    }),
    patternDetector({
      id: 'pii.us_passport',
      type: 'US_PASSPORT',
      pattern: /(?<![A-Za-z0-9])[A-Z]?\d{8,9}(?![A-Za-z0-9])/g,
      gate: 'triggers',
      triggers: ctx.passport,
      after: 48,
      baseScore: 0.85,
      validate: (value, score) => (/^[A-Z]\d{9}$/.test(value) || /^(\d)\1+$/.test(value) ? false : score),
    }),
    patternDetector({
      id: 'pii.us_driver_license',
      type: 'US_DRIVER_LICENSE',
      pattern: /(?<![A-Za-z0-9-])[A-Z0-9](?:[A-Z0-9]|-(?=[A-Z0-9])){5,16}(?![A-Za-z0-9-])/g,
      gate: 'triggers',
      triggers: ctx.driver_license,
      after: 48,
      baseScore: 0.8,
      validate(value, score) {
        const digits = value.replace(/\D/g, '').length;
        return digits >= 4 && value.length - digits <= 3 ? score : false;
      },
    }),
    patternDetector({
      id: 'pii.uk_nino',
      type: 'UK_NINO',
      pattern: /(?<![A-Za-z0-9])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![A-Za-z0-9])/g,
      gate: 'digits',
      baseScore: 0.85,
      context: ctx.nino,
      contextBoost: 0.1,
    }),
    patternDetector({
      id: 'pii.date_of_birth',
      type: 'DATE_OF_BIRTH',
      pattern: DATE,
      gate: 'triggers',
      triggers: ctx.dob,
      after: 40,
      baseScore: 0.85,
      validate: (value, score) => (plausibleDate(value) ? score : false),
    }),
  ];
}
