// Contact data: e-mail addresses, phone numbers, IP addresses.
import { isIPv6 } from 'node:net';
import type { DetectData } from '../data.js';
import { patternDetector } from '../pattern.js';
import type { DetectorFactory } from '../types.js';

export function contactDetectors(data: DetectData): DetectorFactory[] {
  const ctx = data.context;
  return [
    patternDetector({
      id: 'pii.email',
      type: 'EMAIL_ADDRESS',
      pattern: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-]|\.[A-Za-z0-9])/g,
      gate: 'char',
      char: '@',
      before: 65,
      after: 260,
      baseScore: 0.9,
      context: ctx.email,
      contextBoost: 0.05,
      validate: (value, score) => (/\.\.|\.@/.test(value) ? false : score),
    }),
    patternDetector({
      id: 'pii.phone',
      type: 'PHONE_NUMBER',
      pattern: /(?<![\w+\-./])(?:(?:\+|00)\d{1,3}[ .-]?(?:\(0?\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}|\(\d{3}\) ?\d{3}[-. ]\d{4}|\d{3}[-. ]\d{3}[-. ]\d{4}|\(0?\d{1,3}\) ?\d{3,4}[ -]?\d{3,4}|0\d{1,4}(?:[ .-]\d{2,4}){2,4}|0\d{2,4}[ -]\d{3,4}[ -]?\d{3,4}|\d{3}[-.]\d{4})(?:[ ]?(?:x|ext\.?)[ ]?\d{1,5})?(?![\w\-/]|\.\d)/g,
      gate: 'digits',
      baseScore: 0.6,
      context: ctx.phone,
      contextBoost: 0.25,
      // A number labelled as another identifier is not a phone number.
      negativeBefore: 24,
      negative: [...ctx.negative, 'nhs', 'npi', 'ssn', 'mrn', 'card', 'routing', 'iban', 'passport', 'license', 'licence', 'dea', 'medicare', 'itin', 'nino'],
      validate(value, score) {
        const main = value.replace(/[ ]?(?:x|ext\.?)[ ]?\d{1,5}$/, '');
        const digits = main.replace(/\D/g, '');
        if (digits.length < 7 || digits.length > 15) return false;
        // Dates and times written with dots or dashes are not phone numbers.
        if (/^\d{1,2}[.-]\d{1,2}[.-](?:\d{2}|\d{4})$/.test(main) || /^(?:19|20)\d{2}[.-]\d{1,2}[.-]\d{1,2}$/.test(main)) return false;
        const seps = value.match(/[ .-]/g);
        if (seps && seps.includes('.') && new Set(seps).size > 1) return false;
        if (value.startsWith('+') || value.startsWith('00')) return score + 0.15;
        if (value.startsWith('(0') || /^0\d{1,4}[ .-]\d{2,4}[ .-]\d{2,4}/.test(main)) return digits.length >= 9 ? score - 0.05 : false;
        if (digits.length === 7) return score - 0.3; // local number: only with context
        if (digits.length === 10 && !main.startsWith('0')) {
          // North American numbering: area code and exchange start 2-9.
          if (digits[0] < '2' || digits[3] < '2') return false;
          return main.startsWith('(') ? score + 0.1 : score;
        }
        return main.startsWith('0') ? score - 0.05 : score - 0.1;
      },
    }),
    patternDetector({
      id: 'pii.ipv4',
      type: 'IP_ADDRESS',
      subtype: 'ipv4',
      pattern: /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\w]|\.\d)/g,
      gate: 'digits',
      baseScore: 0.85,
      context: ctx.ip,
      contextBoost: 0.1,
      negative: ['version', 'release', 'build', 'v.', 'ver', 'semver', 'package', 'npm', 'pip', 'upgrade', 'downgrade', 'to'],
      negativePenalty: 0.5,
      negativeBefore: 10,
      validate: (value, score) => (value === '0.0.0.0' ? score - 0.2 : score),
    }),
    patternDetector({
      id: 'pii.ipv6',
      type: 'IP_ADDRESS',
      subtype: 'ipv6',
      pattern: /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g,
      gate: 'digits',
      baseScore: 0.85,
      context: ctx.ip,
      contextBoost: 0.1,
      validate(value, score) {
        if (value.length < 6 || !isIPv6(value)) return false;
        const groups = value.split(':').filter(Boolean).length;
        return value.includes('::') || groups === 8 ? score : false;
      },
    }),
  ];
}
