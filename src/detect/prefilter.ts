// One pass over the text finds every trigger literal at once, the stretches around digit runs and
// the long tokens (where keys, tokens and encoded data can hide), so that each detector runs only
// where it can match. Words are hashed as the pass goes; a literal is found through its first
// letter run (its anchor) and then checked in full, case-insensitively.

/** What one pass over a text found. Hits are sorted by start. */
export interface LiteralHits {
  count: number;
  /** Literal index (into the matcher's literal list). */
  literal: Int32Array;
  start: Int32Array;
  end: Int32Array;
  /** Pairs [start, end) of windows around digit runs, merged when close. */
  digitWindows: Int32Array;
  /** Pairs [start, end) of tokens of at least TOKEN_MIN characters of [A-Za-z0-9+/=_.-]. */
  tokens: Int32Array;
}

export interface LiteralMatcher {
  readonly literals: readonly string[];
  readonly maxLength: number;
  scan(text: string): LiteralHits;
}

export const TOKEN_MIN = 16;
const DIGIT_PAD = 40;

interface Anchored {
  literal: number;
  /** Offset of the anchor word inside the literal. */
  offset: number;
  /** The literal, lower case, with whitespace as single spaces. */
  text: string;
  /** The literal is exactly its anchor word: no check needed. */
  exact: boolean;
  /** The literal ends with a letter: the text must not go on with one. */
  wordEnd: boolean;
}

function hashWord(word: string): number {
  let h = 0;
  for (let i = 0; i < word.length; i++) h = (Math.imul(h, 31) + word.charCodeAt(i)) | 0;
  return h;
}

/** Compiles lower-case ASCII literals; each must contain at least one letter. */
export function compileLiterals(literals: readonly string[]): LiteralMatcher {
  const byHash = new Map<number, Anchored[]>();
  literals.forEach((raw, index) => {
    const lit = raw.toLowerCase();
    if (/[^\x20-\x7e]/.test(lit)) throw new Error(`trigger literal is not printable ASCII: ${raw}`);
    const m = /[a-z]+/.exec(lit);
    if (!m) throw new Error(`trigger literal has no letter: ${raw}`);
    // The anchor must be a whole letter run in the text: a letter right before it in the literal is impossible.
    const entry: Anchored = { literal: index, offset: m.index, text: lit, exact: m[0] === lit, wordEnd: /[a-z]$/.test(lit) };
    const h = hashWord(m[0]);
    const list = byHash.get(h) ?? [];
    list.push(entry);
    byHash.set(h, list);
  });
  // Open addressing table of anchor hashes: 0 means empty (a real hash of 0 is remapped to 1).
  let size = 1024;
  while (size < byHash.size * 4) size *= 2;
  const mask = size - 1;
  const keys = new Int32Array(size);
  const slots: Anchored[][] = new Array(size);
  for (const [h0, list] of byHash) {
    const h = h0 === 0 ? 1 : h0;
    let i = (h ^ (h >>> 15)) & mask;
    while (keys[i] !== 0) i = (i + 1) & mask;
    keys[i] = h;
    slots[i] = list;
  }
  const lengths = literals.map((l) => l.length);
  const maxLength = Math.max(0, ...lengths);

  return {
    literals,
    maxLength,
    scan(text: string): LiteralHits {
      const hits: number[] = []; // triples: literal, start, end
      const digits: number[] = [];
      const tokens: number[] = [];
      const n = text.length;

      const probe = (h0: number, wordStart: number) => {
        const h = h0 === 0 ? 1 : h0;
        let i = (h ^ (h >>> 15)) & mask;
        let k: number;
        while ((k = keys[i]) !== 0) {
          if (k === h) {
            for (const a of slots[i]) {
              const start = wordStart - a.offset;
              if (start < 0) continue;
              if (!a.exact) {
                if (!matchesAt(text, start, a.text)) continue;
                if (a.wordEnd && isLetter(text.charCodeAt(start + a.text.length))) continue;
              }
              hits.push(a.literal, start, start + lengths[a.literal]);
            }
            return;
          }
          i = (i + 1) & mask;
        }
      };

      let h = 0;
      let prevH = 0;
      let wordLen = 0;
      let tokenLen = 0;
      let winStart = -1;
      let winEnd = -1;
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        const lower = c | 32;
        if (lower >= 97 && lower <= 122) {
          prevH = h;
          h = (Math.imul(h, 31) + lower) | 0;
          wordLen++;
          tokenLen++;
          continue;
        }
        if (wordLen > 0) {
          probe(h, i - wordLen);
          // A plural still counts: "accounts" finds "account".
          if (wordLen > 3 && (text.charCodeAt(i - 1) | 32) === 115) probe(prevH, i - wordLen);
          h = 0;
          wordLen = 0;
        }
        if (c >= 48 && c <= 57) {
          tokenLen++;
          if (winStart < 0 || i - DIGIT_PAD > winEnd) {
            if (winStart >= 0) digits.push(winStart, Math.min(n, winEnd));
            winStart = Math.max(0, i - DIGIT_PAD);
          }
          winEnd = i + 1 + DIGIT_PAD;
          continue;
        }
        if (c === 43 || c === 47 || c === 61 || c === 95 || c === 45 || c === 46) {
          tokenLen++;
          continue;
        }
        if (tokenLen >= TOKEN_MIN) tokens.push(i - tokenLen, i);
        tokenLen = 0;
      }
      if (wordLen > 0) {
        probe(h, n - wordLen);
        if (wordLen > 3 && (text.charCodeAt(n - 1) | 32) === 115) probe(prevH, n - wordLen);
      }
      if (tokenLen >= TOKEN_MIN) tokens.push(n - tokenLen, n);
      if (winStart >= 0) digits.push(winStart, Math.min(n, winEnd));

      const count = hits.length / 3;
      const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => hits[a * 3 + 1] - hits[b * 3 + 1]);
      const literal = new Int32Array(count);
      const start = new Int32Array(count);
      const end = new Int32Array(count);
      order.forEach((o, j) => {
        literal[j] = hits[o * 3];
        start[j] = hits[o * 3 + 1];
        end[j] = hits[o * 3 + 2];
      });
      return { count, literal, start, end, digitWindows: Int32Array.from(digits), tokens: Int32Array.from(tokens) };
    },
  };
}

/** Case-insensitive comparison of `lit` (lower case) at `pos`; any whitespace matches a space. */
function matchesAt(text: string, pos: number, lit: string): boolean {
  if (pos + lit.length > text.length) return false;
  for (let j = 0; j < lit.length; j++) {
    const a = lit.charCodeAt(j);
    let b = text.charCodeAt(pos + j);
    if (b >= 65 && b <= 90) b |= 32;
    if (a === b) continue;
    if (a === 32 && (b === 9 || b === 10 || b === 13)) continue;
    return false;
  }
  return true;
}

function isLetter(c: number): boolean {
  const l = c | 32;
  return l >= 97 && l <= 122;
}
