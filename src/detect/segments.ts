// Scanning the segments of one interaction, including values split across two consecutive segments
// ("my card is 4111 1111" / "1111 1111" sent as two messages).
import type { Finding } from '../core/types.js';
import type { Engine } from './engine.js';

/** How much of each side of a segment boundary is joined and rescanned. */
const SEAM = 128;
const SEPARATOR = '\n\n\n\n';

const bySegment = (x: Finding, y: Finding) => (x.segment ?? 0) - (y.segment ?? 0) || x.start - y.start || x.end - y.end;

/**
 * Scans each segment, then each seam between consecutive segments (joined directly and with a space).
 * A value found only across a seam is reported as two findings of the same type and score: one on
 * the earlier segment (from the value's start to the segment end), one on the later (from 0).
 * Sorted by segment, then start.
 */
export function scanSegments(engine: Engine, texts: string[]): Finding[] {
  // One gate pass over all segments joined directly, plus each seam joined with a space (so every
  // seam is in it too): a request of ordinary prose ends here.
  if (texts.length > 1) {
    let gateText = texts.join('');
    for (let i = 0; i + 1 < texts.length; i++) {
      gateText += SEPARATOR + texts[i].slice(Math.max(0, texts[i].length - SEAM)) + ' ' + texts[i + 1].slice(0, SEAM);
    }
    if (!engine.mayMatch(gateText)) return [];
  }
  const out: Finding[] = [];
  for (let i = 0; i < texts.length; i++) {
    for (const f of engine.scan(texts[i])) {
      f.segment = i;
      out.push(f);
    }
  }
  // Overlaps a finding of the same type that a segment had on its own: not a split value. Only
  // findings within SEAM of a segment's ends can: index those, not every finding.
  const nearEnds = new Map<number, Finding[]>();
  for (const o of out) {
    const len = texts[o.segment!].length;
    if (o.start > SEAM && o.end < len - SEAM) continue;
    const list = nearEnds.get(o.segment!);
    if (list) list.push(o);
    else nearEnds.set(o.segment!, [o]);
  }
  const overlapsOwn = (g: Finding) =>
    (nearEnds.get(g.segment!) ?? []).some((o) => o.type === g.type && o.start < g.end && g.start < o.end);
  // All seams go through one scan: each seam joined directly ("4111 11" + "11 1111 …") and as
  // separate words ("previous" + "instructions"), the pieces kept apart by blank lines.
  interface Seam { seg: number; at: number; tail: number; bStart: number; length: number; aLength: number }
  const seams: Seam[] = [];
  let joined = '';
  for (let i = 0; i + 1 < texts.length; i++) {
    const a = texts[i];
    const b = texts[i + 1];
    if (!a.length || !b.length) continue;
    const tail = Math.min(a.length, SEAM);
    const head = Math.min(b.length, SEAM);
    for (const sep of ['', ' ']) {
      const piece = a.slice(a.length - tail) + sep + b.slice(0, head);
      seams.push({ seg: i, at: joined.length, tail, bStart: tail + sep.length, length: piece.length, aLength: a.length });
      joined += piece + SEPARATOR;
    }
  }
  if (seams.length === 0) return out.sort(bySegment);
  const seen = new Set<string>();
  let k = 0;
  for (const f of engine.scan(joined)) {
    while (k < seams.length && seams[k].at + seams[k].length <= f.start) k++;
    if (k === seams.length) break;
    const s = seams[k];
    const start = f.start - s.at;
    const end = f.end - s.at;
    if (start < 0 || end > s.length || !(start < s.tail && end > s.bStart)) continue;
    const first: Finding = { ...f, segment: s.seg, start: s.aLength - s.tail + start, end: s.aLength };
    const second: Finding = { ...f, segment: s.seg + 1, start: 0, end: end - s.bStart };
    if (overlapsOwn(first) || overlapsOwn(second)) continue;
    const key = `${f.type}:${s.seg}:${first.start}:${second.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(first, second);
  }
  return out.sort(bySegment);
}
