// Scanning the segments of one interaction, including values split across two consecutive segments
// ("my card is 4111 1111" / "1111 1111" sent as two messages).
import type { Finding } from '../core/types.js';
import type { Engine } from './engine.js';

/** How much of each side of a segment boundary is joined and rescanned. */
const SEAM = 128;

/**
 * Scans each segment, then each seam between consecutive segments (joined directly and with a space).
 * A value found only across a seam is reported as two findings of the same type and score: one on
 * the earlier segment (from the value's start to the segment end), one on the later (from 0).
 * Sorted by segment, then start.
 */
export function scanSegments(engine: Engine, texts: string[]): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < texts.length; i++) {
    for (const f of engine.scan(texts[i])) {
      f.segment = i;
      out.push(f);
    }
  }
  const perSegment = out.slice();
  // Overlaps a finding of the same type that a segment had on its own: not a split value.
  const overlapsOwn = (g: Finding) =>
    perSegment.some((o) => o.segment === g.segment && o.type === g.type && o.start < g.end && g.start < o.end);
  for (let i = 0; i + 1 < texts.length; i++) {
    const a = texts[i];
    const b = texts[i + 1];
    if (!a.length || !b.length) continue;
    const tail = Math.min(a.length, SEAM);
    const head = Math.min(b.length, SEAM);
    const seen = new Set<string>();
    // Messages join either directly ("4111 11" + "11 1111 …") or as separate words ("previous" + "instructions").
    for (const sep of ['', ' ']) {
      const joined = a.slice(a.length - tail) + sep + b.slice(0, head);
      const bStart = tail + sep.length;
      for (const f of engine.scan(joined)) {
        if (!(f.start < tail && f.end > bStart)) continue;
        const first: Finding = { ...f, segment: i, start: a.length - tail + f.start, end: a.length };
        const second: Finding = { ...f, segment: i + 1, start: 0, end: f.end - bStart };
        if (overlapsOwn(first) || overlapsOwn(second)) continue;
        const k = `${f.type}:${first.start}:${second.end}`;
        if (seen.has(k)) continue;
        seen.add(k);
        out.push(first, second);
      }
    }
  }
  return out.sort((x, y) => (x.segment ?? 0) - (y.segment ?? 0) || x.start - y.start || x.end - y.end);
}
