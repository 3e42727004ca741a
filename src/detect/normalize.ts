// The normalised view detectors scan: NFKC, invisible characters removed, homoglyphs folded.
// Each normalised character remembers the original range it came from, so findings map back.

/** A normalised text and how to map its offsets back to the original. */
export interface NormalizedText {
  text: string;
  /** Original start of the character at each normalised index; null when the text is unchanged. */
  starts: Int32Array | null;
  /** Original end (exclusive) of the character at each normalised index. */
  ends: Int32Array | null;
}

export interface NormalizeTables {
  fold: Map<number, string>;
  remove: Array<[number, number]>;
}

// Anything outside printable ASCII and the usual whitespace needs the slow path.
const NEEDS_WORK = /[^\x09\x0a\x0d\x20-\x7e]/;

/** Builds a normaliser from the homoglyph and invisible-character tables; caches per-character results. */
export function createNormalizer(tables: NormalizeTables): (text: string) => NormalizedText {
  const cache = new Map<number, string>();
  // Results for the Basic Multilingual Plane, indexed by code unit: faster than the map on long inputs.
  const bmp: Array<string | undefined> = new Array(65536);
  const removed = (cp: number): boolean => {
    for (const [lo, hi] of tables.remove) if (cp >= lo && cp <= hi) return true;
    return false;
  };
  const mapChar = (cp: number): string => {
    let out = cache.get(cp);
    if (out !== undefined) return out;
    if (removed(cp)) out = '';
    else {
      const nfkc = String.fromCodePoint(cp).normalize('NFKC');
      let folded = '';
      for (const ch of nfkc) {
        const c = ch.codePointAt(0)!;
        folded += removed(c) ? '' : (tables.fold.get(c) ?? ch);
      }
      out = folded;
    }
    if (cache.size < 65536) cache.set(cp, out);
    return out;
  };

  return function normalize(text: string): NormalizedText {
    if (!NEEDS_WORK.test(text)) return { text, starts: null, ends: null };
    const parts: string[] = [];
    // Upper bound: NFKC can expand one character into several (e.g. a ligature); grow when needed.
    let starts: Int32Array = new Int32Array(text.length + 16);
    let ends: Int32Array = new Int32Array(text.length + 16);
    let n = 0;
    let changed = false;
    let runStart = 0; // start of a run of characters copied unchanged
    const flushRun = (upTo: number): void => {
      if (upTo > runStart) parts.push(text.slice(runStart, upTo));
    };
    for (let i = 0; i < text.length; ) {
      const code = text.charCodeAt(i);
      if (code < 0x7f && code >= 0x20 || code === 9 || code === 10 || code === 13) {
        if (n >= starts.length) ({ starts, ends } = grow(starts, ends));
        starts[n] = i;
        ends[n] = i + 1;
        n++;
        i++;
        continue;
      }
      const cp = text.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      let mapped: string;
      let same: boolean;
      if (width === 1) {
        mapped = bmp[cp] ??= mapChar(cp);
        same = mapped.length === 1 && mapped.charCodeAt(0) === cp;
      } else {
        mapped = mapChar(cp);
        same = mapped === text.slice(i, i + 2);
      }
      if (!same) {
        changed = true;
        flushRun(i);
        parts.push(mapped);
        runStart = i + width;
      }
      for (let k = 0; k < mapped.length; k++) {
        if (n >= starts.length) ({ starts, ends } = grow(starts, ends));
        starts[n] = i;
        ends[n] = i + width;
        n++;
      }
      i += width;
    }
    if (!changed) return { text, starts: null, ends: null };
    flushRun(text.length);
    return { text: parts.join(''), starts: starts.subarray(0, n), ends: ends.subarray(0, n) };
  };
}

function grow(starts: Int32Array, ends: Int32Array): { starts: Int32Array; ends: Int32Array } {
  const s = new Int32Array(starts.length * 2);
  const e = new Int32Array(ends.length * 2);
  s.set(starts);
  e.set(ends);
  return { starts: s, ends: e };
}

/** Maps a [start, end) range of the normalised text back to the original text. */
export function mapRange(norm: NormalizedText, start: number, end: number, originalLength: number): [number, number] {
  if (!norm.starts || !norm.ends) return [start, end];
  const s = start < norm.starts.length ? norm.starts[start] : originalLength;
  const e = end > 0 ? norm.ends[Math.min(end, norm.ends.length) - 1] : 0;
  return [s, Math.max(s, e)];
}
