// Incremental scanning of a streamed text. Text is held back until no future chunk can make it
// part of a finding: the gateway releases everything before `safeOffset` to the client.
import type { Finding } from '../core/types.js';
import type { Engine } from './engine.js';

export interface StreamScanner {
  /** Appends a chunk; returns findings newly confirmed (offsets into the whole stream so far). Rescans once 64 new characters have arrived. */
  push(chunk: string): Finding[];
  /** Text before this offset can never be part of a future finding. */
  readonly safeOffset: number;
  /** Flushes at the end of the stream: every remaining finding. */
  end(): Finding[];
}

/** Characters at the end of the text that may still grow into (or extend) a value. */
export const HOLD_BACK = 256;
/** Characters before the hold-back point rescanned for context words and values that straddle it. */
export const LOOK_BACK = 256;
/**
 * New characters gathered before a rescan: streams arrive a few characters at a time, and
 * rescanning the window on every token would cost the window size per token.
 */
export const RESCAN_EVERY = 64;

/** Creates a stream scanner over a compiled engine. */
export function createStreamScanner(engine: Engine): StreamScanner {
  let buffer = ''; // text from `base` to the end of the stream so far
  let base = 0;
  let total = 0;
  let safe = 0;
  const emitted: Finding[] = [];
  let ended = false;
  let unscanned = 0;

  const isEmitted = (f: Finding) =>
    emitted.some((e) => e.type === f.type && e.start < f.end && f.start < e.end);

  function scan(final: boolean): Finding[] {
    unscanned = 0;
    const from = Math.max(base, safe - LOOK_BACK);
    const found = engine.scan(buffer.slice(from - base));
    const limit = final ? Infinity : total - HOLD_BACK;
    const fresh: Finding[] = [];
    let pendingStart = Infinity;
    for (const f of found) {
      const g: Finding = { ...f, start: f.start + from, end: f.end + from };
      if (g.end > limit) {
        pendingStart = Math.min(pendingStart, g.start);
        continue;
      }
      if (isEmitted(g)) continue;
      emitted.push(g);
      fresh.push(g);
    }
    const next = final ? total : Math.max(0, Math.min(total - HOLD_BACK, pendingStart));
    if (next > safe) safe = next;
    // Keep only what a later rescan can look at.
    const keepFrom = Math.max(0, safe - LOOK_BACK);
    if (keepFrom > base) {
      buffer = buffer.slice(keepFrom - base);
      base = keepFrom;
    }
    // Forget emitted findings that can no longer overlap a rescan.
    while (emitted.length > 64 && emitted[0].end < keepFrom) emitted.shift();
    return fresh;
  }

  return {
    push(chunk: string): Finding[] {
      if (ended) throw new Error('stream scanner: push after end');
      if (!chunk) return [];
      buffer += chunk;
      total += chunk.length;
      unscanned += chunk.length;
      return unscanned >= RESCAN_EVERY ? scan(false) : [];
    },
    get safeOffset() {
      return safe;
    },
    end(): Finding[] {
      if (ended) return [];
      ended = true;
      return scan(true);
    },
  };
}
