// Proof construction over a tree whose complete subtrees are stored. A log stores one hash per
// complete subtree (leaves included); any other range hash is folded from at most log2(n) of them,
// so proofs cost O(log n) reads whatever the size of the log.
import { nodeHash } from './hash.js';

/** Source of the hashes of complete subtrees: `level` 0 is a leaf, index counts subtrees of that level. */
export interface NodeSource {
  node(level: number, index: number): Buffer;
  /** Many nodes at once (one storage round trip), in the order asked. */
  nodes?(coords: ReadonlyArray<readonly [number, number]>): Buffer[];
}

/** The complete subtrees [level, index] that make up leaves [start, end), left to right. */
function decompose(start: number, end: number, out: Array<[number, number]>): void {
  let s = start;
  let remaining = end - start;
  while (remaining > 0) {
    // The largest aligned complete subtree starting at s that fits.
    let k = 1;
    while (k * 2 <= remaining && s % (k * 2) === 0) k *= 2;
    out.push([Math.log2(k), s / k]);
    s += k;
    remaining -= k;
  }
}

/** Hashes of the given leaf ranges, fetching every stored node they need in one round trip. */
export function rangeHashes(src: NodeSource, ranges: ReadonlyArray<readonly [number, number]>): Buffer[] {
  const coords: Array<[number, number]> = [];
  const spans: number[] = [];
  for (const [start, end] of ranges) {
    const before = coords.length;
    decompose(start, end, coords);
    spans.push(coords.length - before);
  }
  const got = src.nodes ? src.nodes(coords) : coords.map(([l, i]) => src.node(l, i));
  const out: Buffer[] = [];
  let at = 0;
  for (const n of spans) {
    let h = got[at + n - 1];
    for (let i = at + n - 2; i >= at; i--) h = nodeHash(got[i], h);
    out.push(h);
    at += n;
  }
  return out;
}

/** Largest power of two strictly less than n (n > 1). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Hash of leaves [start, end) (end > start). */
export function rangeHash(src: NodeSource, start: number, end: number): Buffer {
  return rangeHashes(src, [[start, end]])[0];
}

/** Root of the tree of the first `size` leaves (size > 0). */
export function rootAt(src: NodeSource, size: number): Buffer {
  return rangeHash(src, 0, size);
}

/** RFC 9162 inclusion path for leaf `index` in the tree of `size` leaves, bottom first. */
export function inclusionProof(src: NodeSource, index: number, size: number): Buffer[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of size ${size}`);
  // Walk down from the root collecting the sibling ranges (top first), then fetch them together.
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index - start < k) {
      ranges.push([start + k, end]);
      end = start + k;
    } else {
      ranges.push([start, start + k]);
      start = start + k;
    }
  }
  return rangeHashes(src, ranges.reverse());
}

/** RFC 9162 consistency proof from the tree of size m to the tree of size n (0 < m <= n). */
export function consistencyProof(src: NodeSource, m: number, n: number): Buffer[] {
  if (!(m > 0 && m <= n)) throw new RangeError(`no consistency proof from size ${m} to ${n}`);
  const ranges: Array<[number, number]> = [];
  let start = 0;
  let end = n;
  let mm = m;
  let complete = true;
  // SUBPROOF(m, D[start:end], complete), unrolled; collected top first, then reversed.
  while (mm !== end - start) {
    const k = splitPoint(end - start);
    if (mm <= k) {
      ranges.push([start + k, end]);
      end = start + k;
    } else {
      ranges.push([start, start + k]);
      start = start + k;
      mm -= k;
      complete = false;
    }
  }
  if (!complete) ranges.push([start, end]);
  return rangeHashes(src, ranges.reverse());
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
