// Literal RFC 6962 §2.1 definitions over a list of leaves: slow and obviously correct.
// Tests check the fast, stored-tree code against these.
import { createHash } from 'node:crypto';

function sha256(...parts: Uint8Array[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

function k(n: number): number {
  let x = 1;
  while (x * 2 < n) x *= 2;
  return x;
}

/** MTH(D[n]). */
export function referenceRoot(d: Uint8Array[]): Buffer {
  const n = d.length;
  if (n === 0) return sha256();
  if (n === 1) return sha256(Buffer.from([0]), d[0]);
  const s = k(n);
  return sha256(Buffer.from([1]), referenceRoot(d.slice(0, s)), referenceRoot(d.slice(s)));
}

/** PATH(m, D[n]). */
export function referencePath(m: number, d: Uint8Array[]): Buffer[] {
  const n = d.length;
  if (n === 1) return [];
  const s = k(n);
  if (m < s) return [...referencePath(m, d.slice(0, s)), referenceRoot(d.slice(s))];
  return [...referencePath(m - s, d.slice(s)), referenceRoot(d.slice(0, s))];
}

/** PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
export function referenceConsistency(m: number, d: Uint8Array[]): Buffer[] {
  return subproof(m, d, true);
}

function subproof(m: number, d: Uint8Array[], b: boolean): Buffer[] {
  const n = d.length;
  if (m === n) return b ? [] : [referenceRoot(d)];
  const s = k(n);
  if (m <= s) return [...subproof(m, d.slice(0, s), b), referenceRoot(d.slice(s))];
  return [...subproof(m - s, d.slice(s), false), referenceRoot(d.slice(0, s))];
}
