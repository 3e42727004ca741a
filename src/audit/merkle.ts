// Proof construction over a tree whose complete subtrees are stored. A log stores one hash per
// complete subtree (leaves included); any other range hash is folded from at most log2(n) of them,
// so proofs cost O(log n) reads whatever the size of the log.
import { nodeHash } from './hash.js';

/** Source of the hashes of complete subtrees: `level` 0 is a leaf, index counts subtrees of that level. */
export interface NodeSource {
  node(level: number, index: number): Buffer;
}

/** Largest power of two strictly less than n (n > 1). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Hash of leaves [start, end) (end > start); `start` must be aligned as in RFC 6962's recursion. */
export function rangeHash(src: NodeSource, start: number, end: number): Buffer {
  const size = end - start;
  // A complete, aligned subtree is stored as is.
  const level = Math.log2(size);
  if (Number.isInteger(level) && start % size === 0) return src.node(level, start / size);
  // Otherwise fold the complete subtrees that make up the range, right to left.
  let hash: Buffer | undefined;
  const parts: Buffer[] = [];
  let s = start;
  let remaining = size;
  while (remaining > 0) {
    let k = 1;
    while (k * 2 <= remaining) k *= 2;
    parts.push(src.node(Math.log2(k), s / k));
    s += k;
    remaining -= k;
  }
  for (let i = parts.length - 1; i >= 0; i--) hash = hash ? nodeHash(parts[i], hash) : parts[i];
  return hash!;
}

/** Root of the tree of the first `size` leaves (size > 0). */
export function rootAt(src: NodeSource, size: number): Buffer {
  return rangeHash(src, 0, size);
}

/** RFC 9162 inclusion path for leaf `index` in the tree of `size` leaves, bottom first. */
export function inclusionProof(src: NodeSource, index: number, size: number): Buffer[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  const out: Buffer[] = [];
  let start = 0;
  let end = size;
  // Walk down from the root, collecting siblings top first, then reverse.
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index - start < k) {
      out.push(rangeHash(src, start + k, end));
      end = start + k;
    } else {
      out.push(rangeHash(src, start, start + k));
      start = start + k;
    }
  }
  return out.reverse();
}

/** RFC 9162 consistency proof from the tree of size m to the tree of size n (0 < m <= n). */
export function consistencyProof(src: NodeSource, m: number, n: number): Buffer[] {
  if (!(m > 0 && m <= n)) throw new RangeError(`no consistency proof from size ${m} to ${n}`);
  const out: Buffer[] = [];
  let start = 0;
  let end = n;
  let mm = m;
  let complete = true;
  // SUBPROOF(m, D[start:end], complete), unrolled; collected top first, then reversed.
  while (mm !== end - start) {
    const k = splitPoint(end - start);
    if (mm <= k) {
      out.push(rangeHash(src, start + k, end));
      end = start + k;
    } else {
      out.push(rangeHash(src, start, start + k));
      start = start + k;
      mm -= k;
      complete = false;
    }
  }
  if (!complete) out.push(rangeHash(src, start, end));
  return out.reverse();
}

/** Node source over an in-memory list of leaf hashes (tests, small trees, receipts). */
export function memoryNodeSource(leafHashes: Buffer[]): NodeSource {
  const levels: Buffer[][] = [leafHashes];
  return {
    node(level: number, index: number): Buffer {
      while (levels.length <= level) {
        const below = levels[levels.length - 1];
        const next: Buffer[] = [];
        for (let i = 0; i + 1 < below.length; i += 2) next.push(nodeHash(below[i], below[i + 1]));
        levels.push(next);
      }
      const h = levels[level][index];
      if (!h) throw new RangeError(`no complete subtree at level ${level} index ${index}`);
      return h;
    },
  };
}
