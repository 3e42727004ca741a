// Strict JSON for bodies Warden inspects and forwards: no duplicate key in any object (JSON.parse
// keeps the last, some suppliers the first, so a duplicate lets a supplier read a value Warden
// did not inspect) and bounded nesting.
//
// Approach, chosen by measurement: a hand-written single pass over the text, then JSON.parse.
// The pass (quickScan) visits only the characters between strings with charCodeAt, skips every
// string with indexOf, compares an object's keys where they lie in the text (no copies; a Set past
// 12 keys), and counts depth at each `{`/`[`, so a 100,000-deep input stops after maxDepth levels
// without recursion. It reports no detail; only text it flags (or JSON.parse rejects) goes through
// the slower full scan (explain) that names the reason and path. JSON.parse stays the authority on
// every token the pass does not look inside (numbers, literals, escapes, control characters).
//
// `npx tsx bench/json.ts` (Node 20.20, 2-core AMD EPYC VM, fastest of 200 interleaved batches):
//                            JSON.parse   strict            jsonc-parser visit + JSON.parse*
//   1 KB chat body             1.41 µs    2.05 µs (1.45×)    10.96 µs (7.7×)
//   4 MB, one long string      3.87 ms    4.11 ms (1.06×)    ~41 ms  (~6×)
//   4 MB, many small objects   23.4 ms    30.1 ms (1.29×)    ~125 ms (~3.2×)
// * measured in a scratch directory (jsonc-parser is not a dependency): its visitor tracking
//   depth and per-object key Sets. It is built for tolerant editing (comments, trailing commas,
//   error recovery) and calls back per token, which is what makes it slow here. A first version of
//   the pass that copied every key and ran a full grammar state machine was 2.0× on 1 KB; the
//   full scan now runs only to explain a rejection.

export const MAX_JSON_DEPTH = 64;

export type JsonInputReason = 'invalid' | 'duplicate_key' | 'too_deep' | 'not_object';

/** A body or answer that is not strict JSON; `path` (e.g. `messages.0.content`) names where, never a value. */
export class JsonInputError extends Error {
  constructor(
    readonly reason: JsonInputReason,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'JsonInputError';
  }
}

export interface StrictJsonOptions {
  maxDepth?: number;
}

/** Parses a request body: a JSON object with no duplicate key in any object and at most maxDepth levels of nesting. */
export function parseRequestJson(text: string, opts?: StrictJsonOptions): Record<string, unknown> {
  const value = parseStrictJson(text, opts);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JsonInputError('not_object', 'The JSON body must be an object');
  }
  return value as Record<string, unknown>;
}

/** The same checks for a supplier's answer or stream event (any JSON value allowed at the top). */
export function parseStrictJson(text: string, opts?: StrictJsonOptions): unknown {
  const maxDepth = opts?.maxDepth ?? MAX_JSON_DEPTH;
  const quick = quickScan(text, maxDepth);
  if (quick !== CLEAN) {
    explain(text, maxDepth);
    // A problem the quick scan saw and the full scan did not: the two disagree, so fail closed.
    if (quick === PROBLEM) throw new JsonInputError('invalid', 'The JSON could not be checked');
  }
  try {
    return JSON.parse(text);
  } catch {
    explain(text, maxDepth); // names the position when the structure is what is wrong
    throw new JsonInputError('invalid', 'The text is not valid JSON'); // V8's own message quotes the input
  }
}

const CLEAN = 0; // no duplicate key, no excess depth (if the text is valid JSON)
const PROBLEM = 1; // a duplicate key or excess depth
const UNSURE = 2; // a key with an escape: the full scan decides

// An object's keys are compared by a linear search while the object is small; past this many keys
// the object's keys move to a Set.
const LINEAR_KEYS = 12;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The hot path, for text that is (as JSON.parse checks next) valid JSON: tracks only brackets and
 * whether the next string is a key, and compares keys where they lie in the text, without copying
 * them. It reports no detail: anything but CLEAN goes to `explain`, which does.
 */
function quickScan(text: string, maxDepth: number): number {
  const n = text.length;
  const keyStart: number[] = [0]; // per open container by depth: -1 for an array, else its first key's slot
  const keyFrom: number[] = []; // each open object's keys: where each starts and ends in the text
  const keyTo: number[] = [];
  let sets: (Set<string> | undefined)[] | undefined;
  let keyTop = 0;
  let depth = 0;
  let inObject = false;
  let expectKey = false;
  // The first backslash at or after the current key; a key that ends before it has no escape.
  let nextBackslash = text.indexOf('\\');
  if (nextBackslash === -1) nextBackslash = n;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i++);
    if (c === QUOTE) {
      let q = text.indexOf('"', i);
      while (q !== -1 && text.charCodeAt(q - 1) === BACKSLASH && !quoteEnds(text, q, i)) q = text.indexOf('"', q + 1);
      if (q === -1) return CLEAN; // unterminated: JSON.parse says so
      if (expectKey) {
        expectKey = false;
        if (nextBackslash < i) {
          nextBackslash = text.indexOf('\\', i);
          if (nextBackslash === -1) nextBackslash = n;
        }
        if (nextBackslash < q) return UNSURE;
        const start = keyStart[depth];
        const count = keyTop - start;
        if (count < LINEAR_KEYS) {
          const length = q - i;
          for (let k = start; k < keyTop; k++) {
            const from = keyFrom[k];
            if (keyTo[k] - from === length && sameText(text, from, i, length)) return PROBLEM;
          }
        } else {
          sets ??= [];
          let set = sets[depth];
          if (count === LINEAR_KEYS || set === undefined) {
            set = new Set<string>();
            for (let k = start; k < keyTop; k++) set.add(text.slice(keyFrom[k], keyTo[k]));
            sets[depth] = set;
          }
          const key = text.slice(i, q);
          if (set.has(key)) return PROBLEM;
          set.add(key);
        }
        keyFrom[keyTop] = i;
        keyTo[keyTop++] = q;
      }
      i = q + 1;
    } else if (c === 0x2c /* , */) {
      expectKey = inObject;
    } else if (c === 0x7b /* { */) {
      if (++depth > maxDepth) return PROBLEM;
      keyStart[depth] = keyTop;
      inObject = expectKey = true;
    } else if (c === 0x5b /* [ */) {
      if (++depth > maxDepth) return PROBLEM;
      keyStart[depth] = -1;
      inObject = expectKey = false;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (depth === 0) return CLEAN; // unbalanced: JSON.parse says so
      if (inObject) keyTop = keyStart[depth];
      depth--;
      inObject = depth > 0 && keyStart[depth] >= 0;
      expectKey = false;
    }
  }
  return CLEAN;
}

function sameText(text: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}

/** Whether the quote at `q` closes the string whose content starts at `from` (an even run of backslashes before it). */
function quoteEnds(text: string, q: number, from: number): boolean {
  let b = q - 1;
  while (b >= from && text.charCodeAt(b) === BACKSLASH) b--;
  return (q - 1 - b) % 2 === 0;
}

// What the full scan expects next.
const VALUE = 0; // a value (after `:`, `,` in an array, or at the top)
const KEY = 1; // a key string (after `,` in an object)
const KEY_OR_END = 2; // a key or `}` (after `{`)
const COLON = 3;
const AFTER_VALUE = 4; // `,` or the container's close
const VALUE_OR_END = 5; // a value or `]` (after `[`)

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * The slow path, run only on text the quick scan flagged (or has an escaped key) or JSON.parse rejected: a full structural scan
 * that throws a JsonInputError for the first problem in text order, with its path. Tokens inside
 * strings and scalars are left to JSON.parse. It returns normally when the structure is sound.
 */
function explain(text: string, maxDepth: number): void {
  const n = text.length;
  // Per open container, indexed by depth (1-based): -1 for an array, else where its keys start in `keys`.
  const keyStart: number[] = [0];
  const sets: (Set<string> | undefined)[] = [undefined];
  const index: number[] = [0]; // element index for arrays (for error paths)
  const keys: string[] = [];
  let keyTop = 0;
  let depth = 0;
  let state = VALUE;
  let i = 0;

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    switch (state) {
      case VALUE:
      case VALUE_OR_END:
        if (c === QUOTE) {
          i = skipString(text, i + 1);
          state = AFTER_VALUE;
        } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
          if (++depth > maxDepth) {
            throw new JsonInputError('too_deep', `JSON nesting is deeper than ${maxDepth} levels`, pathOf(depth - 1, keyStart, index, keys, keyTop));
          }
          if (c === 0x7b) {
            keyStart[depth] = keyTop;
            sets[depth] = undefined;
            state = KEY_OR_END;
          } else {
            keyStart[depth] = -1;
            index[depth] = 0;
            state = VALUE_OR_END;
          }
          i++;
        } else if (c === 0x5d /* ] */ && state === VALUE_OR_END) {
          depth--;
          i++;
          state = AFTER_VALUE;
        } else if (c === 0x7d || c === 0x5d || c === 0x2c || c === 0x3a) {
          throw invalid(i);
        } else {
          // A number or literal: JSON.parse checks its spelling; here only where it ends.
          i++;
          while (i < n) {
            const d = text.charCodeAt(i);
            if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x3a || d === QUOTE || d === 0x7b || d === 0x5b || isSpace(d)) break;
            i++;
          }
          state = AFTER_VALUE;
        }
        break;
      case KEY:
      case KEY_OR_END:
        if (c === QUOTE) {
          i = readKey(text, i + 1, depth, keyStart, sets, index, keys, keyTop);
          keyTop++;
          state = COLON;
        } else if (c === 0x7d /* } */ && state === KEY_OR_END) {
          keyTop = keyStart[depth];
          depth--;
          i++;
          state = AFTER_VALUE;
        } else {
          throw invalid(i);
        }
        break;
      case COLON:
        if (c !== 0x3a /* : */) throw invalid(i);
        i++;
        state = VALUE;
        break;
      default: {
        // AFTER_VALUE
        if (depth === 0) throw invalid(i); // text after the top-level value
        const inObject = keyStart[depth] >= 0;
        if (c === 0x2c /* , */) {
          if (inObject) state = KEY;
          else {
            index[depth]++;
            state = VALUE;
          }
        } else if (c === (inObject ? 0x7d : 0x5d)) {
          if (inObject) keyTop = keyStart[depth];
          depth--;
        } else {
          throw invalid(i);
        }
        i++;
      }
    }
  }
  if (depth !== 0 || state !== AFTER_VALUE) throw invalid(n);
}

/** Index just past the closing quote of a string whose content starts at `from`. */
function skipString(text: string, from: number): number {
  let q = text.indexOf('"', from);
  while (q !== -1) {
    let b = q - 1;
    while (b >= from && text.charCodeAt(b) === BACKSLASH) b--;
    if ((q - 1 - b) % 2 === 0) return q + 1; // an even run of backslashes: the quote is not escaped
    q = text.indexOf('"', q + 1);
  }
  throw invalid(text.length);
}

/** Reads a key starting at `from`, checks it against its object's earlier keys and stores it at keys[keyTop]. */
function readKey(
  text: string,
  from: number,
  depth: number,
  keyStart: number[],
  sets: (Set<string> | undefined)[],
  index: number[],
  keys: string[],
  keyTop: number,
): number {
  const end = skipString(text, from) - 1;
  let key = text.slice(from, end);
  if (key.indexOf('\\') !== -1) {
    try {
      key = JSON.parse(text.slice(from - 1, end + 1)) as string;
    } catch {
      throw invalid(from - 1);
    }
  }
  const start = keyStart[depth];
  const set = sets[depth];
  let duplicate = false;
  if (set !== undefined) {
    duplicate = set.has(key);
    set.add(key);
  } else {
    for (let k = start; k < keyTop; k++) {
      if (keys[k] === key) {
        duplicate = true;
        break;
      }
    }
    if (keyTop - start >= LINEAR_KEYS) {
      const s = new Set<string>();
      for (let k = start; k < keyTop; k++) s.add(keys[k]);
      s.add(key);
      sets[depth] = s;
    }
  }
  keys[keyTop] = key;
  if (duplicate) {
    throw new JsonInputError('duplicate_key', 'A JSON object has the same key twice', pathOf(depth, keyStart, index, keys, keyTop + 1));
  }
  return end + 1;
}

const MAX_PATH_KEY = 64;

/** The path to the innermost open container's current member, e.g. `messages.0.content`. */
function pathOf(depth: number, keyStart: number[], index: number[], keys: string[], keyTop: number): string {
  const parts: string[] = [];
  for (let d = 1; d <= depth; d++) {
    if (keyStart[d] < 0) parts.push(String(index[d]));
    else {
      // The current key of the object at depth d is the last one stored before the next object's keys.
      let end = keyTop;
      for (let e = d + 1; e <= depth; e++) {
        if (keyStart[e] >= 0) {
          end = keyStart[e];
          break;
        }
      }
      if (end > keyStart[d]) parts.push(printableKey(keys[end - 1]));
    }
  }
  return parts.join('.');
}

function printableKey(key: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = key.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > MAX_PATH_KEY ? `${clean.slice(0, MAX_PATH_KEY)}…` : clean;
}

function invalid(position: number): JsonInputError {
  return new JsonInputError('invalid', `The text is not valid JSON (at character ${position})`);
}
