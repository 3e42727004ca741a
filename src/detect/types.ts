// Types inside the detection engine. The public Finding lives in src/core/types.ts.
import type { LiteralHits } from './prefilter.js';

/** A finding in normalised-text offsets, before mapping back and overlap resolution. */
export interface RawFinding {
  type: string;
  subtype?: string;
  start: number;
  end: number;
  score: number;
  detector: string;
  detectorVersion: string;
}

/** What one scan shares between detectors: the normalised text and the literal pass over it. */
export interface ScanContext {
  readonly text: string;
  readonly hits: LiteralHits;
  /** Pairs [start, end) of windows around digit runs. */
  digitWindows(): Int32Array;
  /** Pairs [start, end) of long tokens (keys, tokens, encoded data). */
  tokens(): Int32Array;
  /** True when a literal of the given set occurs between `from` and `to` (normalised offsets). */
  literalNear(set: Uint8Array, from: number, to: number): boolean;
  /** Hits of a literal set, as indices into `hits`. */
  hitsOf(set: Uint8Array): number[];
  /** Nesting depth of decoding (0 for the text itself). */
  readonly depth: number;
}

/** Resolves literal strings to a membership set over the engine's literal list. */
export type LiteralSetBuilder = (literals: readonly string[]) => Uint8Array;

/** One detector: declares its literals when built, then scans a context. */
export interface Detector {
  readonly id: string;
  /** Entity types it can report (for --detectors filtering). */
  readonly types: readonly string[];
  readonly version: string;
  scan(ctx: ScanContext, out: RawFinding[]): void;
}

/** Builds a detector once the engine knows every literal. */
export interface DetectorFactory {
  readonly id: string;
  readonly types: readonly string[];
  /** Literals this detector needs from the prefilter (lower-case ASCII). */
  readonly literals: readonly string[];
  /**
   * RE2 patterns of which at least one matches wherever the detector can report something.
   * Without gates the detector runs on every text.
   */
  readonly gates?: readonly string[];
  /**
   * The detector looks only where the prefilter points (digit windows, tokens, trigger literals):
   * run without its gate it costs little and finds the same, so texts where the gate itself would be
   * slow (dense digits and tokens) skip it.
   */
  readonly selfGated?: boolean;
  build(set: LiteralSetBuilder): Detector;
}
