// Scanning the segments of one interaction, including values split across two consecutive segments
// ("my card is 4111 1111" / "1111 1111" sent as two messages).
import type { Finding } from '../core/types.js';
import type { Engine } from './engine.js';

/** How much of each side of a segment boundary is joined and rescanned. */
const SEAM = 128;

/** Scans each segment, then each seam between consecutive segments; sorted by segment, then start. */
export function scanSegments(engine: Engine, texts: string[]): Finding[] {
  const out: Finding[] = [];
  for (let i = 0; i < texts.length; i++) {
    for (const f of engine.scan(texts[i])) {
      f.segment = i;
      out.push(f);
    }
  }
  for (let i = 0; i + 1 < texts.length; i++) {
    const a = texts[i];
    const b = texts[i + 1];
    if (!a.length || !b.length) continue;
    const tail = Math.min(a.length, SEAM);
    const head = Math.min(b.length, SEAM);
    const joined = a.slice(a.length - tail) + b.slice(0, head);
    for (const f of engine.scan(joined)) {
      if (!(f.start < tail && f.end > tail)) continue;
      const first: Finding = { ...f, segment: i, start: a.length - tail + f.start, end: a.length };
      const second: Finding = { ...f, segment: i + 1, start: 0, end: f.end - tail };
      // Already reported whole on both sides (e.g. a passage cue in each message): nothing new.
      const covered = (g: Finding) =>
        out.some((o) => o.segment === g.segment && o.type === g.type && o.start <= g.start && o.end >= g.end);
      if (covered(first) && covered(second)) continue;
      out.push(first, second);
    }
  }
  return out.sort((x, y) => (x.segment ?? 0) - (y.segment ?? 0) || x.start - y.start || x.end - y.end);
}
