// The detector set: everything compiled once, then one scan = normalise, one literal pass,
// the detectors that the literal pass and the digit windows allow, decoded stretches, overlap
// resolution, and offsets mapped back to the original text.
import type { Finding } from '../core/types.js';
import { loadDetectData } from './data.js';
import { createNormalizer, mapRange, type NormalizedText } from './normalize.js';
import { compileLiterals, type LiteralHits } from './prefilter.js';
import { findEncoded } from './decode.js';
import { compileGate, type GateEntry } from './gate.js';
import { customDetector, type CustomDetectorConfig } from './custom.js';
import { DENSE, NOT_PLAIN, PLAIN_SPARSE, denseText, measureText } from './density.js';

export { DENSE_LIMIT, denseText } from './density.js';
import type { Detector, DetectorFactory, RawFinding, ScanContext } from './types.js';
import { financialDetectors } from './detectors/financial.js';
import { identityDetectors } from './detectors/identity.js';
import { contactDetectors } from './detectors/contact.js';
import { healthDetectors } from './detectors/health.js';
import { secretDetectors } from './detectors/secrets.js';
import { injectionDetector } from './detectors/injection.js';
import { labelDetector } from './detectors/labels.js';
import { personDetector } from './detectors/person.js';

export interface DetectOptions {
  /** Entity types or detector ids to enable; default all. */
  detectors?: string[];
  custom?: CustomDetectorConfig[];
  /** Findings scoring below this are dropped (default 0.5). */
  minScore?: number;
  /** Decode base64/hex/URL-encoded stretches and scan them (default true). */
  decode?: boolean;
}

/** Compiled state a scan needs; shared by the stream scanner. */
export interface Engine {
  readonly ids: string[];
  /** Scans one text; findings in original offsets, sorted by start. */
  scan(text: string): Finding[];
  /** False when no detector can match anywhere in the text (one gate pass); true means "scan to know". */
  mayMatch(text: string): boolean;
}

/** A text as the gate sees it: normalised, whether it is dense, whether it is printable ASCII. */
interface GateInput {
  norm: NormalizedText;
  dense: boolean;
  ascii: boolean;
}

// Types whose spans may overlap others: they describe a passage, not a value.
const PASSAGE_TYPES = new Set(['PROMPT_INJECTION', 'JAILBREAK', 'DATA_LABEL']);
const MAX_DECODE_DEPTH = 2;
const MAX_DECODED_BYTES = 256 * 1024;

/** Every built-in detector factory, in priority order (earlier wins a tie). */
export function builtinFactories(): DetectorFactory[] {
  const data = loadDetectData();
  return [
    ...secretDetectors(data),
    ...financialDetectors(data),
    ...healthDetectors(data),
    ...identityDetectors(data),
    ...contactDetectors(data),
    labelDetector(data),
    personDetector(data),
    injectionDetector(data),
  ];
}

/** Compiles the detector set (data loaded and literals compiled once). */
export function createEngine(opts: DetectOptions = {}): Engine {
  const data = loadDetectData();
  let factories = builtinFactories();
  if (opts.detectors?.length) {
    const wanted = new Set(opts.detectors);
    const unknown = opts.detectors.filter((w) => !factories.some((f) => f.id === w || f.types.includes(w)));
    if (unknown.length) throw new Error(`unknown detector or entity type: ${unknown.join(', ')}`);
    factories = factories.filter((f) => wanted.has(f.id) || f.types.some((t) => wanted.has(t)));
  }
  const customs = (opts.custom ?? []).map(customDetector);
  const seen = new Set(factories.map((f) => f.id));
  for (const c of customs) {
    if (seen.has(c.id)) throw new Error(`custom detector "${c.id}": id already in use`);
    seen.add(c.id);
  }
  factories = [...factories, ...customs];

  // One literal list for the whole set; each detector gets membership sets over it.
  const literalIndex = new Map<string, number>();
  const literals: string[] = [];
  for (const f of factories) {
    for (const raw of f.literals) {
      const lit = raw.toLowerCase();
      if (!literalIndex.has(lit)) {
        literalIndex.set(lit, literals.length);
        literals.push(lit);
      }
    }
  }
  const matcher = compileLiterals(literals);
  const setOf = (list: readonly string[]): Uint8Array => {
    const s = new Uint8Array(literals.length);
    for (const l of list) {
      const i = literalIndex.get(l.toLowerCase());
      if (i !== undefined) s[i] = 1;
    }
    return s;
  };
  const detectors: Detector[] = factories.map((f) => f.build(setOf));
  // The gate: one RE2 set of every detector's necessary patterns, plus the decoder's (last index).
  const decodeIndex = detectors.length;
  const entries: GateEntry[] = factories.flatMap((f, d) => (f.gates ?? []).map((pattern) => ({ pattern, detector: d })));
  entries.push({ pattern: '[A-Za-z0-9+/_-]{16,}', detector: decodeIndex }, { pattern: '%[0-9A-Fa-f]{2}', detector: decodeIndex });
  // The decoder looks only at long tokens and percent escapes: self-gated too.
  const selfGated = Uint8Array.from([...factories.map((f) => (f.selfGated ? 1 : 0)), 1]);
  const gate = compileGate(entries, detectors.length + 1, [...factories.map((f) => f.id), 'decode'], selfGated);
  const normalize = createNormalizer(data.homoglyphs);
  const minScore = opts.minScore ?? 0.5;
  const decode = opts.decode ?? true;

  function context(text: string, depth: number): ScanContext {
    // The literal pass runs on first use: a text that opened only detectors without words (the
    // injection cues, say) never pays for it.
    let pass: LiteralHits | null = null;
    const run = (): LiteralHits => (pass ??= matcher.scan(text));
    const memo = new Map<Uint8Array, number[]>();
    const maxLen = matcher.maxLength;
    return {
      text,
      get hits() {
        return run();
      },
      depth,
      digitWindows: () => run().digitWindows,
      tokens: () => run().tokens,
      hitsOf(set: Uint8Array): number[] {
        const hits = run();
        let r = memo.get(set);
        if (r) return r;
        r = [];
        for (let i = 0; i < hits.count; i++) if (set[hits.literal[i]] === 1) r.push(i);
        memo.set(set, r);
        return r;
      },
      literalNear(set: Uint8Array, from: number, to: number): boolean {
        const hits = run();
        // Hits are sorted by start: binary search the first that could reach `from`.
        let lo = 0;
        let hi = hits.count;
        const min = from - maxLen;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (hits.start[mid] < min) lo = mid + 1;
          else hi = mid;
        }
        for (let i = lo; i < hits.count && hits.start[i] < to; i++) {
          if (set[hits.literal[i]] === 1 && hits.end[i] > from) return true;
        }
        return false;
      },
    };
  }

  // The gate's view of a text: normalised, dense or not, printable ASCII or not (then the gate
  // needs no UTF-8 conversion). One native pass answers all three for ordinary printable prose.
  function prepare(original: string): GateInput {
    const measured = measureText(original);
    if (measured === PLAIN_SPARSE) return { norm: { text: original, starts: null, ends: null }, dense: false, ascii: true };
    const norm = normalize(original);
    const dense = measured === DENSE && norm.starts === null ? true : denseText(norm.text);
    return { norm, dense, ascii: false };
  }

  /** Scans normalised text; raw findings in its offsets. */
  function scanNormalized(text: string, depth: number, isDense: boolean, isAscii: boolean): RawFinding[] {
    const open = gate.open(text, isDense, isAscii);
    let any = false;
    for (let d = 0; d < decodeIndex; d++) if (open[d]) any = true;
    const decodeOpen = decode && open[decodeIndex] === 1 && depth < MAX_DECODE_DEPTH;
    if (!any && !decodeOpen) return [];
    const ctx = context(text, depth);
    const raw: RawFinding[] = [];
    for (let d = 0; d < decodeIndex; d++) if (open[d]) detectors[d].scan(ctx, raw);
    if (decodeOpen) {
      for (const seg of findEncoded(text, ctx.tokens(), MAX_DECODED_BYTES >> depth)) {
        const measured = measureText(seg.decoded);
        const decodedDense = measured === DENSE || (measured === NOT_PLAIN && denseText(seg.decoded));
        for (const f of scanNormalized(seg.decoded, depth + 1, decodedDense, measured === PLAIN_SPARSE)) {
          raw.push({
            ...f,
            start: seg.start,
            end: seg.end,
            subtype: f.type === 'PROMPT_INJECTION' || f.type === 'JAILBREAK' ? 'encoded_instructions' : f.subtype,
            detector: `decode.${seg.encoding}>${f.detector}`,
          });
        }
      }
    }
    return resolve(raw, minScore);
  }

  return {
    ids: detectors.map((d) => d.id),
    mayMatch(original: string): boolean {
      const { norm, dense, ascii } = prepare(original);
      const open = gate.open(norm.text, dense, ascii);
      for (let d = 0; d < decodeIndex; d++) if (open[d]) return true;
      return decode && open[decodeIndex] === 1;
    },
    scan(original: string): Finding[] {
      if (original.length === 0) return [];
      const { norm, dense, ascii } = prepare(original);
      const raw = scanNormalized(norm.text, 0, dense, ascii);
      const out: Finding[] = new Array(raw.length);
      for (let i = 0; i < raw.length; i++) {
        const f = raw[i];
        const [start, end] = mapRange(norm, f.start, f.end, original.length);
        const finding: Finding = { type: f.type, start, end, score: f.score, detector: f.detector, detectorVersion: f.detectorVersion };
        if (f.subtype !== undefined) finding.subtype = f.subtype;
        out[i] = finding;
      }
      return out;
    },
  };
}

/**
 * Keeps findings at or above the threshold; where values of different kinds overlap, the higher
 * score wins (then the longer span, then detector priority). Passages (injection, labels) never
 * suppress values and are not suppressed. Returns findings sorted by start.
 */
export function resolve(raw: RawFinding[], minScore: number): RawFinding[] {
  const kept = raw.filter((f) => f.score >= minScore);
  const passages = kept.filter((f) => PASSAGE_TYPES.has(f.type));
  const values = kept.filter((f) => !PASSAGE_TYPES.has(f.type));
  // Clusters of overlapping values (in text order), each settled by score, then length, then detector order.
  const order = values.map((f, i) => ({ f, i })).sort((a, b) => a.f.start - b.f.start || a.i - b.i);
  const chosen: RawFinding[] = [];
  for (let k = 0; k < order.length; ) {
    let clusterEnd = order[k].f.end;
    let j = k + 1;
    while (j < order.length && order[j].f.start < clusterEnd) clusterEnd = Math.max(clusterEnd, order[j++].f.end);
    if (j - k === 1) chosen.push(order[k].f);
    else {
      const ranked = order
        .slice(k, j)
        .sort((a, b) => b.f.score - a.f.score || b.f.end - b.f.start - (a.f.end - a.f.start) || a.i - b.i);
      // Picked spans are disjoint: mark their characters instead of comparing each pair (a flood of
      // chained names is one cluster of thousands).
      const from = order[k].f.start;
      const taken = new Uint8Array(clusterEnd - from);
      for (const { f } of ranked) {
        let free = true;
        for (let c = f.start; c < f.end; c++) if (taken[c - from]) { free = false; break; }
        if (!free) continue;
        taken.fill(1, f.start - from, f.end - from);
        chosen.push(f);
      }
    }
    k = j;
  }
  const seen = new Set<string>();
  const all = [...chosen, ...passages].filter((f) => {
    const key = `${f.type}:${f.subtype ?? ''}:${f.start}:${f.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return all.sort((a, b) => a.start - b.start || a.end - b.end);
}
