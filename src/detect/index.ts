// The detection engine's public API: compile a detector set once, then scan texts, the segments
// of one request (catching a value split across two of them), or a stream chunk by chunk.
import type { Finding } from '../core/types.js';
import { createEngine, type DetectOptions } from './engine.js';
import { createStreamScanner, type StreamScanner } from './stream.js';
import { scanSegments } from './segments.js';

export type { DetectOptions } from './engine.js';
export type { StreamScanner } from './stream.js';
export { customDetectorSchema, type CustomDetectorConfig } from './custom.js';
export { createDetectorPool, type DetectorPool, type DetectorPoolOptions } from './pool.js';

export interface DetectorSet {
  /** Ids of the enabled detectors. */
  readonly ids: string[];
  /** Findings in one text: offsets into the original text, sorted by start. */
  scan(text: string): Finding[];
  /**
   * Findings in the segments of one interaction, each with `segment` set. A value split across two
   * consecutive segments is reported as two findings of the same type, one per segment, each
   * covering that segment's part (the end of the first, the start of the second).
   */
  scanSegments(texts: string[]): Finding[];
  /** A scanner for one streamed text. */
  createStreamScanner(): StreamScanner;
}

/** Compiles the detector set once; scanning is then a pure function of the text. */
export function createDetectorSet(opts: DetectOptions = {}): DetectorSet {
  const engine = createEngine(opts);
  return {
    ids: engine.ids,
    scan: (text) => engine.scan(text),
    scanSegments: (texts) => scanSegments(engine, texts),
    createStreamScanner: () => createStreamScanner(engine),
  };
}
