// The detector set: everything compiled once, then one scan = normalise, one literal pass,
// the detectors that the literal pass and the digit windows allow, decoded stretches, overlap
// resolution, and offsets mapped back to the original text.
import type { Finding } from '../core/types.js';
import { loadDetectData } from './data.js';
import { createNormalizer, mapRange } from './normalize.js';
import { compileLiterals, type LiteralHits } from './prefilter.js';
import { findEncoded } from './decode.js';
import { customDetector, type CustomDetectorConfig } from './custom.js';
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
}

// Types whose spans may overlap others: they describe a passage, not a value.
const PASSAGE_TYPES = new Set(['PROMPT_INJECTION', 'JAILBREAK', 'DATA_LABEL']);
const DIGIT_RUN = /\d+/g;
const DIGIT_PAD = 40;
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
  const prefixes = new Set(factories.flatMap((f) => f.prefixes ?? []).map((l) => l.toLowerCase()));
  const needsRightBoundary = literals.map((l) => l.length <= 4 && /[a-z0-9]$/.test(l) && !prefixes.has(l));
  const needsLeftBoundary = literals.map((l) => /^[a-z0-9]/.test(l));
  const setOf = (list: readonly string[]): Uint8Array => {
    const s = new Uint8Array(literals.length);
    for (const l of list) {
      const i = literalIndex.get(l.toLowerCase());
      if (i !== undefined) s[i] = 1;
    }
    return s;
  };
  const detectors: Detector[] = factories.map((f) => f.build(setOf));
  const normalize = createNormalizer(data.homoglyphs);
  const minScore = opts.minScore ?? 0.5;
  const decode = opts.decode ?? true;

  const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

  /** Drops literal hits inside words (so "dob" does not fire inside "adobe"). */
  function filterHits(text: string, raw: LiteralHits): LiteralHits {
    let n = 0;
    for (let i = 0; i < raw.count; i++) {
      const lit = raw.literal[i];
      const s = raw.start[i];
      const e = raw.end[i];
      if (needsLeftBoundary[lit] && s > 0 && isWordChar(text.charCodeAt(s - 1))) continue;
      if (needsRightBoundary[lit] && e < text.length && isWordChar(text.charCodeAt(e))) continue;
      raw.literal[n] = lit;
      raw.start[n] = s;
      raw.end[n] = e;
      n++;
    }
    raw.count = n;
    return raw;
  }

  function context(text: string, depth: number): ScanContext {
    const hits = filterHits(text, matcher.scan(text));
    let windows: Int32Array | null = null;
    const memo = new Map<Uint8Array, number[]>();
    return {
      text,
      hits,
      depth,
      digitWindows(): Int32Array {
        if (windows) return windows;
        const w: number[] = [];
        DIGIT_RUN.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = DIGIT_RUN.exec(text)) !== null) {
          const s = Math.max(0, m.index - DIGIT_PAD);
          const e = Math.min(text.length, m.index + m[0].length + DIGIT_PAD);
          if (w.length && s <= w[w.length - 1]) w[w.length - 1] = e;
          else w.push(s, e);
        }
        windows = Int32Array.from(w);
        return windows;
      },
      hitsOf(set: Uint8Array): number[] {
        let r = memo.get(set);
        if (r) return r;
        r = [];
        for (let i = 0; i < hits.count; i++) if (set[hits.literal[i]] === 1) r.push(i);
        memo.set(set, r);
        return r;
      },
      literalNear(set: Uint8Array, from: number, to: number): boolean {
        // Hits are ordered by end: binary search the first that ends after `from`.
        let lo = 0;
        let hi = hits.count;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (hits.end[mid] <= from) lo = mid + 1;
          else hi = mid;
        }
        for (let i = lo; i < hits.count && hits.start[i] < to + 64; i++) {
          if (set[hits.literal[i]] === 1 && hits.start[i] < to && hits.end[i] > from) return true;
        }
        return false;
      },
    };
  }

  /** Scans normalised text; raw findings in its offsets. */
  function scanNormalized(text: string, depth: number): RawFinding[] {
    const ctx = context(text, depth);
    const raw: RawFinding[] = [];
    for (const d of detectors) d.scan(ctx, raw);
    if (decode && depth < MAX_DECODE_DEPTH && text.length >= 16) {
      for (const seg of findEncoded(text, MAX_DECODED_BYTES >> depth)) {
        for (const f of scanNormalized(seg.decoded, depth + 1)) {
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
    scan(original: string): Finding[] {
      if (original.length === 0) return [];
      const norm = normalize(original);
      const raw = scanNormalized(norm.text, 0);
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
      const picked: RawFinding[] = [];
      for (const { f } of ranked) if (!picked.some((c) => c.start < f.end && f.start < c.end)) picked.push(f);
      chosen.push(...picked);
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
