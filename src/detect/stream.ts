// Incremental scanning of a streamed text. Only the trailing text that could still become part of
// a finding is held back (an unfinished token, number or name, or a finding that touches it): the
// gateway releases everything before `safeOffset` to the client as soon as it arrives.
import type { Finding } from '../core/types.js';
import type { Engine } from './engine.js';

export interface StreamScanner {
  /** Appends a chunk; returns findings newly confirmed (offsets into the whole stream so far). */
  push(chunk: string): Finding[];
  /** Text before this offset can never be part of a future finding. */
  readonly safeOffset: number;
  /** Flushes at the end of the stream: every remaining finding. */
  end(): Finding[];
}

/** Most characters any one hold-back rule keeps (a pending finding holds from its start regardless). */
export const MAX_HOLD = 128;
/** Characters before the safe point rescanned for context words and values that straddle it. */
export const LOOK_BACK = 256;
/** Capitalised words at the end held as a name that may still grow. */
const NAME_WORDS = 4;

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13 || c === 0x0c || c === 0xa0;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isAlnum = (c: number) => isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 122);
// Separators inside numbers: space - . / _ ( ) +
const isNumberSep = (c: number) => c === 32 || c === 45 || c === 46 || c === 47 || c === 95 || c === 40 || c === 41 || c === 43;
// Punctuation that ends a token: nothing a key, address or number goes on after.
const ENDS_TOKEN = new Set([63, 33, 44, 59, 34]); // ? ! , ; "

/**
 * Start of the trailing text that could still grow into (or extend) a finding: an unfinished token,
 * an unfinished run of digit groups and separators, a run of capitalised words. Each rule holds at
 * most MAX_HOLD characters; returns text.length when nothing needs holding.
 */
export function pendingTailStart(text: string): number {
  const n = text.length;
  const floor = Math.max(0, n - MAX_HOLD);
  let hold = n;
  // 1. An unfinished token: non-whitespace up to the end, unless it ends in closing punctuation.
  const last = n > 0 ? text.charCodeAt(n - 1) : 32;
  if (!isSpace(last) && !ENDS_TOKEN.has(last)) {
    let i = n;
    while (i > floor && !isSpace(text.charCodeAt(i - 1))) i--;
    hold = i;
  }
  // 2. Digit groups and separators at the end (a card, IBAN or phone number arriving in pieces):
  // alphanumeric groups between separators, held when the run has digits.
  {
    let i = n;
    let start = n;
    let digits = false;
    while (i > floor) {
      let j = i;
      let seps = 0;
      while (j > floor && isNumberSep(text.charCodeAt(j - 1)) && seps < 3) {
        j--;
        seps++;
      }
      let k = j;
      let groupDigits = false;
      while (k > floor && isAlnum(text.charCodeAt(k - 1))) {
        if (isDigit(text.charCodeAt(k - 1))) groupDigits = true;
        k--;
      }
      if (k === j) break;
      // A group of letters only belongs when short and upper case (an IBAN's bank code).
      if (!groupDigits) {
        let upper = j - k <= 4;
        for (let p = k; upper && p < j; p++) upper = isUpper(text.charCodeAt(p));
        if (!upper || !digits) break;
      }
      digits ||= groupDigits;
      start = k;
      i = k;
      if (k > floor && !isSpace(text.charCodeAt(k - 1)) && !isNumberSep(text.charCodeAt(k - 1))) break;
    }
    // A leading '+' or '(' belongs to the number (+44 20 …, (020) …).
    while (digits && start > floor && (text.charCodeAt(start - 1) === 43 || text.charCodeAt(start - 1) === 40)) start--;
    if (digits && start < hold) hold = start;
  }
  // 3. Capitalised words at the end (a name arriving word by word), after any trailing spaces.
  {
    let i = n;
    while (i > floor && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
    let start = -1;
    for (let w = 0; w < NAME_WORDS && i > floor; w++) {
      let k = i;
      while (k > floor && !isSpace(text.charCodeAt(k - 1))) k--;
      const c = text.charCodeAt(k);
      if (!(isUpper(c) || c > 127) || k === i) break;
      start = k;
      if (k <= floor || text.charCodeAt(k - 1) !== 32) break;
      i = k - 1;
    }
    if (start >= 0 && start < hold) hold = start;
  }
  return hold;
}

/** Creates a stream scanner over a compiled engine. */
export function createStreamScanner(engine: Engine): StreamScanner {
  let buffer = ''; // text from `base` to the end of the stream so far
  let base = 0;
  let total = 0;
  let safe = 0;
  let emitted: Finding[] = []; // recent emitted findings, those a rescan can still see
  let ended = false;

  const isEmitted = (f: Finding) => emitted.some((e) => e.type === f.type && e.start < f.end && f.start < e.end);

  /** Scans [from, end) where `from` is where the held text is measured from; `tail` is where it starts. */
  function scan(from: number, window: string, tail: number, final: boolean): Finding[] {
    const found = engine.scan(window);
    const fresh: Finding[] = [];
    let pendingStart = Infinity;
    for (const f of found) {
      const g: Finding = { ...f, start: f.start + from, end: f.end + from };
      if (!final && g.end >= tail) {
        pendingStart = Math.min(pendingStart, g.start);
        continue;
      }
      if (isEmitted(g)) continue;
      emitted.push(g);
      fresh.push(g);
    }
    const next = Math.min(tail, pendingStart);
    if (next > safe) safe = next;
    // Keep only what a later rescan can look at.
    const keepFrom = Math.max(0, safe - LOOK_BACK);
    if (keepFrom > base) {
      buffer = buffer.slice(keepFrom - base);
      base = keepFrom;
      if (emitted.length && emitted[0].end <= keepFrom) emitted = emitted.filter((e) => e.end > keepFrom);
    }
    return fresh;
  }

  return {
    push(chunk: string): Finding[] {
      if (ended) throw new Error('stream scanner: push after end');
      if (!chunk) return [];
      buffer += chunk;
      total += chunk.length;
      // Rescan only when the safe point could move: the held tail starts beyond it. The rescan
      // window starts where the tail was measured from, so the tail is measured once per push.
      const from = Math.max(base, safe - LOOK_BACK);
      const window = buffer.slice(from - base);
      const tail = from + pendingTailStart(window);
      if (tail <= safe) return [];
      return scan(from, window, tail, false);
    },
    get safeOffset() {
      return safe;
    },
    end(): Finding[] {
      if (ended) return [];
      ended = true;
      const from = Math.max(base, safe - LOOK_BACK);
      return scan(from, buffer.slice(from - base), total, true);
    },
  };
}
