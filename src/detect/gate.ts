// The first stage of every scan: one RE2 set over the whole text answers "which detectors can
// possibly match here?" in a single linear pass (a DFA in native code). Ordinary prose matches
// none and the scan ends there; otherwise only the detectors whose gate fired run.
import { createRequire } from 'node:module';

interface Re2Set {
  match(text: string | Buffer): number[];
}
type Re2SetCtor = new (patterns: string[], flags?: string) => Re2Set;

/** One gate pattern (RE2 syntax) and the detector it opens. */
export interface GateEntry {
  pattern: string;
  detector: number;
}

export interface Gate {
  /**
   * Flags (1 = run) of the detectors that can match. `coarse` skips the patterns of self-gated
   * detectors (they are simply opened): one RE2 set of many counted digit and token patterns builds
   * a new DFA state at almost every character of dense digits or tokens (about 10 us a byte).
   * `ascii` says the text is printable ASCII: its latin1 bytes are its UTF-8, copied into a reused
   * buffer instead of the binding measuring and encoding the string into a new one.
   */
  open(text: string, coarse?: boolean, ascii?: boolean): Uint8Array;
}

/**
 * Turns a JavaScript pattern of ours into an RE2 gate pattern: look-arounds dropped (the gate may
 * over-approximate, never under-approximate) and back-references relaxed.
 */
export function toGatePattern(re: RegExp): string {
  let src = re.source;
  // Remove look-around groups; ours never nest parentheses inside them beyond one level of classes.
  src = removeLookarounds(src);
  src = src.replace(/\\[1-9]/g, '[- ]?');
  return (re.flags.includes('i') ? '(?i)' : '') + src;
}

function removeLookarounds(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; ) {
    if (src[i] === '\\') {
      out += src.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (src.startsWith('(?<!', i) || src.startsWith('(?<=', i) || src.startsWith('(?!', i) || src.startsWith('(?=', i)) {
      // Skip to the matching parenthesis, minding escapes and character classes.
      let depth = 0;
      let inClass = false;
      let j = i;
      for (; j < src.length; j++) {
        const c = src[j];
        if (c === '\\') {
          j++;
          continue;
        }
        if (inClass) {
          if (c === ']') inClass = false;
          continue;
        }
        if (c === '[') inClass = true;
        else if (c === '(') depth++;
        else if (c === ')' && --depth === 0) break;
      }
      i = j + 1;
      continue;
    }
    out += src[i++];
  }
  return out;
}

/** Longest ASCII text copied into the gate's reused buffer (longer ones go as strings: no large buffer kept). */
const SCRATCH_LIMIT = 64 * 1024;

/** Compiles all gate patterns into one RE2 set; throws naming the detector whose gate fails to compile. */
export function compileGate(entries: GateEntry[], detectorCount: number, names: string[], selfGated?: Uint8Array): Gate {
  const RE2 = createRequire(import.meta.url)('re2') as { Set: Re2SetCtor } & (new (p: string, f?: string) => unknown);
  for (const e of entries) {
    try {
      new RE2(e.pattern, 'u');
    } catch (err) {
      throw new Error(`gate of detector ${names[e.detector]}: ${(err as Error).message} in ${e.pattern}`);
    }
  }
  const set = entries.length ? new RE2.Set(entries.map((e) => e.pattern), 'u') : null;
  const always = new Uint8Array(detectorCount).fill(1);
  const gated = new Uint8Array(detectorCount);
  for (const e of entries) gated[e.detector] = 1;
  for (let d = 0; d < detectorCount; d++) if (gated[d]) always[d] = 0;
  const coarseEntries = entries.filter((e) => !selfGated?.[e.detector]);
  const coarseSet = coarseEntries.length ? new RE2.Set(coarseEntries.map((e) => e.pattern), 'u') : null;
  const coarseAlways = always.slice();
  for (let d = 0; d < detectorCount; d++) if (selfGated?.[d]) coarseAlways[d] = 1;
  let scratch: Buffer | null = null;
  const input = (text: string, ascii: boolean): string | Buffer => {
    if (!ascii || text.length > SCRATCH_LIMIT) return text;
    if (!scratch || scratch.length < text.length) scratch = Buffer.allocUnsafe(Math.max(4096, text.length));
    return scratch.subarray(0, scratch.write(text, 0, 'latin1'));
  };
  return {
    open(text: string, coarse = false, ascii = false): Uint8Array {
      if (coarse) {
        const open = coarseAlways.slice();
        if (coarseSet) for (const i of coarseSet.match(input(text, ascii))) open[coarseEntries[i].detector] = 1;
        return open;
      }
      const open = always.slice();
      if (set) for (const i of set.match(input(text, ascii))) open[entries[i].detector] = 1;
      return open;
    },
  };
}
