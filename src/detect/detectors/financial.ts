// Payment and bank data: cards, IBANs, US routing and account numbers, crypto wallets.
import type { DetectData } from '../data.js';
import { patternDetector } from '../pattern.js';
import type { DetectorFactory } from '../types.js';
import { luhnValid } from '../validators/luhn.js';
import { ibanValid } from '../validators/iban.js';
import { abaValid } from '../validators/aba.js';
import { base58CheckValid, bech32Valid } from '../validators/crypto.js';

const NON_DIGIT = /\D/g;

/** True when the number starts with a prefix a card network issues. */
export function cardPrefixValid(d: string): boolean {
  const n2 = Number(d.slice(0, 2));
  const n4 = Number(d.slice(0, 4));
  const n3 = Number(d.slice(0, 3));
  if (d[0] === '4') return d.length === 13 || d.length === 16 || d.length === 19; // Visa
  if (n2 >= 51 && n2 <= 55) return d.length === 16; // Mastercard
  if (n4 >= 2221 && n4 <= 2720) return d.length === 16;
  if (n2 === 34 || n2 === 37) return d.length === 15; // Amex
  if (n4 === 6011 || n2 === 65 || (n3 >= 644 && n3 <= 649)) return d.length >= 16; // Discover
  if (n2 === 35) return d.length >= 16; // JCB
  if ((n4 === 1800 || n4 === 2131) && d.length === 15) return true; // JCB (old 15-digit)
  if (n2 === 36 || n2 === 38 || (n3 >= 300 && n3 <= 305)) return d.length >= 14; // Diners
  if (n2 === 62) return d.length >= 16; // UnionPay
  if (['50', '56', '57', '58', '63', '67'].includes(d.slice(0, 2))) return d.length >= 12; // Maestro
  return false;
}

export function financialDetectors(data: DetectData): DetectorFactory[] {
  const ctx = data.context;
  return [
    patternDetector({
      id: 'pci.credit_card',
      type: 'CREDIT_CARD',
      // Printed groupings only (4-4-4-4[-3], 4-6-5, or no separators; 12 digits for Maestro), one separator kind
      // throughout, and not part of a longer run of digit groups (an IBAN, a reference).
      pattern: /(?<![\d.\-/])(?<!\d[ -])(?:\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}\1\d{1,3}|\d{4}([ -]?)\d{4}\2\d{4}\2\d{1,4}|\d{4}([ -]?)\d{6}\3\d{4,5}|\d{12})(?![\d\-/]|\.\d|[ -]\d{4})/g,
      gate: 'digits',
      baseScore: 0.85,
      context: ctx.card,
      contextBoost: 0.1,
      negative: [...ctx.negative, 'iban'],
      validate(value, score) {
        const d = value.replace(NON_DIGIT, '');
        if (d.length < 13 || d.length > 19 || !cardPrefixValid(d) || !luhnValid(d)) return false;
        if (/^(\d)\1+$/.test(d)) return false;
        // Lengths other than the common 15 and 16 look more like reference numbers: less sure.
        if (d.length === 12) return score - 0.3;
        return d.length === 15 || d.length === 16 ? score : score - 0.15;
      },
    }),
    patternDetector({
      id: 'pci.iban',
      type: 'IBAN_CODE',
      pattern: /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g,
      gate: 'digits',
      baseScore: 0.9,
      context: ctx.iban,
      contextBoost: 0.08,
      validate(value, score) {
        return ibanValid(value.replace(/ /g, ''), data.ibanLengths) ? score : false;
      },
    }),
    patternDetector({
      id: 'pci.us_bank_routing',
      type: 'US_BANK_ROUTING',
      pattern: /(?<![\d-])\d{9}(?![\d-])/g,
      gate: 'digits',
      baseScore: 0.4,
      context: ctx.routing,
      contextBoost: 0.5,
      contextBefore: 60,
      negative: ctx.negative,
      validate: (value, score) => (abaValid(value) ? score : false),
    }),
    patternDetector({
      id: 'pci.us_bank_number',
      type: 'US_BANK_NUMBER',
      pattern: /(?<![\w-])\d{8,17}(?![\w-])/g,
      gate: 'triggers',
      triggers: ctx.bank_account,
      before: 0,
      after: 48,
      baseScore: 0.75,
      negative: ctx.negative,
    }),
    patternDetector({
      id: 'pci.crypto_bech32',
      type: 'CRYPTO_WALLET',
      subtype: 'bitcoin',
      pattern: /(?<![A-Za-z0-9])(?:bc1|tb1|BC1)[A-Za-z0-9]{8,87}(?![A-Za-z0-9])/g,
      gate: 'tokens',
      tokenTest: /(?:bc1|tb1|BC1)/,
      after: 96,
      baseScore: 0.95,
      validate: (value, score) => (bech32Valid(value) ? score : false),
    }),
    patternDetector({
      id: 'pci.crypto_base58',
      type: 'CRYPTO_WALLET',
      subtype: 'bitcoin',
      pattern: /(?<![A-Za-z0-9])[13][1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])/g,
      gate: 'digits',
      baseScore: 0.92,
      validate: (value, score) => (base58CheckValid(value) ? score : false),
    }),
    patternDetector({
      id: 'pci.crypto_ethereum',
      type: 'CRYPTO_WALLET',
      subtype: 'ethereum',
      pattern: /(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])/g,
      gate: 'tokens',
      tokenTest: /0x/,
      after: 44,
      baseScore: 0.75,
      context: ctx.crypto,
      contextBoost: 0.2,
      negative: ctx.negative,
    }),
  ];
}
