// Proof verification as RFC 9162 §2.1.3.2 and §2.1.4.2 describe it. Pure: nothing but hashes in.
import { HASH_SIZE, nodeHash } from './hash.js';

export class ProofError extends Error {}

function isHash(h: Uint8Array | undefined | null): h is Uint8Array {
  return !!h && h.length === HASH_SIZE;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** Root implied by an inclusion proof; throws ProofError when the proof cannot be valid. */
export function rootFromInclusionProof(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[]): Buffer {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size)
    throw new ProofError(`leaf index ${index} is not below tree size ${size}`);
  if (!isHash(leaf)) throw new ProofError(`leaf hash has ${(leaf as Uint8Array | undefined)?.length ?? 0} bytes, want ${HASH_SIZE}`);
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (!isHash(p)) throw new ProofError(`proof hash has ${(p as Uint8Array | undefined)?.length ?? 0} bytes, want ${HASH_SIZE}`);
    if (sn === 0) throw new ProofError('inclusion proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new ProofError('inclusion proof is too short');
  return r;
}

/** Checks that `leaf` (a leaf hash) is at `index` in the tree of `size` leaves with root `root`. */
export function verifyInclusion(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): void {
  const got = rootFromInclusionProof(index, size, leaf, proof);
  if (!root || !equal(got, root)) throw new ProofError('inclusion proof leads to a different root');
}

/**
 * Checks that the tree of size1 with root1 is a prefix of the tree of size2 with root2.
 * A consistency proof from the empty tree proves nothing and is rejected.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[] | null,
  root1: Uint8Array,
  root2: Uint8Array,
): void {
  const path = proof ?? [];
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0) throw new ProofError('tree sizes must be whole numbers');
  if (size2 < size1) throw new ProofError(`size2 ${size2} is smaller than size1 ${size1}`);
  if (size1 === 0) throw new ProofError('a consistency proof from the empty tree is meaningless');
  if (size1 === size2) {
    if (path.length > 0) throw new ProofError('equal sizes need an empty proof');
    if (!root1 || !root2 || !equal(root1, root2)) throw new ProofError('equal sizes but different roots');
    return;
  }
  if (path.length === 0) throw new ProofError('empty consistency proof');
  for (const p of path) if (!isHash(p)) throw new ProofError(`proof hash has ${(p as Uint8Array | undefined)?.length ?? 0} bytes, want ${HASH_SIZE}`);
  if (!isHash(root1) || !isHash(root2)) throw new ProofError('roots must be 32-byte hashes');
  const steps: Uint8Array[] = [...path];
  // A first tree that is a complete subtree is its own starting point.
  if (Number.isInteger(Math.log2(size1))) steps.unshift(root1);
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  let fr: Buffer = Buffer.from(steps[0]);
  let sr: Buffer = Buffer.from(steps[0]);
  for (let i = 1; i < steps.length; i++) {
    const c = steps[i];
    if (sn === 0) throw new ProofError('consistency proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new ProofError('consistency proof is too short');
  if (!equal(fr, root1)) throw new ProofError('consistency proof does not lead to the first root');
  if (!equal(sr, root2)) throw new ProofError('consistency proof does not lead to the second root');
}
