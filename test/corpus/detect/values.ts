// Value generators for the labelled detection corpus: valid identifiers (with their checksums)
// and near misses that must not be reported. Deterministic given the random source.
import { createHash } from 'node:crypto';

export type Rand = () => number;

/** mulberry32: a small seeded PRNG so the corpus is reproducible. */
export function seeded(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const digits = (r: Rand, n: number) => Array.from({ length: n }, () => String(int(r, 0, 9))).join('');

function luhnCheckDigit(body: string): number {
  let sum = 0;
  let dbl = true;
  for (let i = body.length - 1; i >= 0; i--) {
    let d = Number(body[i]);
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    dbl = !dbl;
  }
  return (10 - (sum % 10)) % 10;
}

export function cardNumber(r: Rand, valid = true): string {
  const kind = pick(r, ['visa', 'mc', 'amex', 'discover', 'mc2']);
  const prefix = kind === 'visa' ? '4' : kind === 'mc' ? String(int(r, 51, 55)) : kind === 'mc2' ? String(int(r, 2221, 2720)) : kind === 'amex' ? pick(r, ['34', '37']) : '6011';
  const len = kind === 'amex' ? 15 : 16;
  const body = prefix + digits(r, len - 1 - prefix.length);
  const check = luhnCheckDigit(body);
  const num = body + String(valid ? check : (check + int(r, 1, 9)) % 10);
  const sep = pick(r, [' ', '-', '', ' ']);
  if (kind === 'amex') return sep ? [num.slice(0, 4), num.slice(4, 10), num.slice(10)].join(sep) : num;
  return sep ? num.match(/.{4}/g)!.join(sep) : num;
}

export function ssn(r: Rand, sep = '-'): string {
  let area = int(r, 1, 899);
  if (area === 666) area = 667;
  return `${String(area).padStart(3, '0')}${sep}${String(int(r, 1, 99)).padStart(2, '0')}${sep}${String(int(r, 1, 9999)).padStart(4, '0')}`;
}

export function itin(r: Rand): string {
  const group = pick(r, [int(r, 50, 65), int(r, 70, 88), int(r, 90, 92), int(r, 94, 99)]);
  return `9${digits(r, 2)}-${group}-${digits(r, 4)}`;
}

const IBAN_SHAPES: Record<string, () => string> = {};
function mod97(s: string): number {
  let rem = 0;
  for (const ch of s) {
    const v = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem;
}
export function iban(r: Rand, valid = true): string {
  const country = pick(r, ['DE', 'GB', 'FR', 'NL', 'ES', 'IT', 'BE', 'CH', 'AT', 'IE']);
  const bban: Record<string, () => string> = {
    DE: () => digits(r, 18),
    GB: () => pick(r, ['NWBK', 'BARC', 'LOYD', 'MIDL', 'HBUK']) + digits(r, 14),
    FR: () => digits(r, 23),
    NL: () => pick(r, ['ABNA', 'INGB', 'RABO']) + digits(r, 10),
    ES: () => digits(r, 20),
    IT: () => 'X' + digits(r, 22),
    BE: () => digits(r, 12),
    CH: () => digits(r, 17),
    AT: () => digits(r, 16),
    IE: () => pick(r, ['AIBK', 'BOFI']) + digits(r, 14),
  };
  void IBAN_SHAPES;
  const b = bban[country]();
  let check = 98 - mod97(b + country + '00');
  if (!valid) check = (check + int(r, 1, 50)) % 97 || 3;
  const compact = country + String(check).padStart(2, '0') + b;
  return r() < 0.6 ? compact.match(/.{1,4}/g)!.join(' ') : compact;
}

export function aba(r: Rand, valid = true): string {
  for (;;) {
    const prefix = String(pick(r, [int(r, 1, 12), int(r, 21, 32), int(r, 61, 72)])).padStart(2, '0');
    const body = prefix + digits(r, 6);
    const d = body.split('').map(Number);
    const sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5]);
    const check = (10 - (sum % 10)) % 10;
    return body + String(valid ? check : (check + int(r, 1, 9)) % 10);
  }
}

export function nhs(r: Rand, valid = true): string {
  for (;;) {
    const body = digits(r, 9);
    let sum = 0;
    for (let i = 0; i < 9; i++) sum += Number(body[i]) * (10 - i);
    let check = 11 - (sum % 11);
    if (check === 11) check = 0;
    if (check === 10) continue;
    const num = body + String(valid ? check : (check + int(r, 1, 9)) % 10);
    return pick(r, [`${num.slice(0, 3)} ${num.slice(3, 6)} ${num.slice(6)}`, num, `${num.slice(0, 3)}-${num.slice(3, 6)}-${num.slice(6)}`]);
  }
}

export function npi(r: Rand, valid = true): string {
  const body = pick(r, ['1', '2']) + digits(r, 8);
  const check = luhnCheckDigit('80840' + body);
  return body + String(valid ? check : (check + int(r, 1, 9)) % 10);
}

export function dea(r: Rand, valid = true): string {
  const first = pick(r, ['A', 'B', 'F', 'M', 'C', 'D']);
  const second = String.fromCharCode(int(r, 65, 90));
  const d = digits(r, 6).split('').map(Number);
  const sum = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5]);
  const check = sum % 10;
  return first + second + d.join('') + String(valid ? check : (check + int(r, 1, 9)) % 10);
}

const MBI_L = 'ACDEFGHJKMNPQRTUVWXY';
export function mbi(r: Rand): string {
  const L = () => pick(r, [...MBI_L]);
  const LD = () => (r() < 0.5 ? L() : String(int(r, 0, 9)));
  const v = `${int(r, 1, 9)}${L()}${LD()}${int(r, 0, 9)}${L()}${LD()}${int(r, 0, 9)}${L()}${L()}${int(r, 0, 9)}${int(r, 0, 9)}`;
  return r() < 0.4 ? `${v.slice(0, 4)}-${v.slice(4, 7)}-${v.slice(7)}` : v;
}

export function nino(r: Rand): string {
  const first = pick(r, [...'ABCEGHJKLMNOPRSTWXYZ']);
  let second = pick(r, [...'ABCEGHJKLMNPRSTWXYZ']);
  if (['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ'].includes(first + second)) second = 'A';
  const d = digits(r, 6);
  const s = pick(r, [...'ABCD']);
  return r() < 0.5 ? `${first}${second}${d}${s}` : `${first}${second} ${d.slice(0, 2)} ${d.slice(2, 4)} ${d.slice(4)} ${s}`;
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
export function base58Address(r: Rand): string {
  const version = pick(r, [0x00, 0x05]);
  const payload = Buffer.from([version, ...Array.from({ length: 20 }, () => int(r, 0, 255))]);
  const check = createHash('sha256').update(createHash('sha256').update(payload).digest()).digest().subarray(0, 4);
  const bytes = Buffer.concat([payload, check]);
  let n = BigInt('0x' + bytes.toString('hex'));
  let out = '';
  while (n > 0n) {
    out = B58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = '1' + out;
  }
  return out;
}

const BECH = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
function polymod(values: number[]): number {
  const gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
  let chk = 1;
  for (const v of values) {
    const b = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((b >>> i) & 1) chk ^= gen[i];
  }
  return chk >>> 0;
}
export function bech32Address(r: Rand): string {
  const hrp = 'bc';
  const data = [0, ...Array.from({ length: 32 }, () => int(r, 0, 31))];
  const expanded = [...[...hrp].map((c) => c.charCodeAt(0) >> 5), 0, ...[...hrp].map((c) => c.charCodeAt(0) & 31)];
  const pm = polymod([...expanded, ...data, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = Array.from({ length: 6 }, (_, i) => (pm >>> (5 * (5 - i))) & 31);
  return hrp + '1' + [...data, ...checksum].map((v) => BECH[v]).join('');
}

export function hex(r: Rand, n: number): string {
  return Array.from({ length: n }, () => '0123456789abcdef'[int(r, 0, 15)]).join('');
}
export function alnum(r: Rand, n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
  return Array.from({ length: n }, () => alphabet[int(r, 0, alphabet.length - 1)]).join('');
}
export function uuid(r: Rand): string {
  const h = hex(r, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}
