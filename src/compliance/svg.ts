// Small inline SVG charts for the evidence report: no library, no network, no script.

const PALETTE = ['#2f6fb0', '#d0673a', '#3a9a5b', '#b03a6f', '#8a6fd0', '#c9a227', '#4aa6b8', '#777777'];

export const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A stacked bar chart of counts per day and series; empty data gives a note instead of bars. */
export function stackedBars(title: string, byDay: Record<string, Record<string, number>>, width = 680, height = 240): string {
  const days = Object.keys(byDay).sort();
  const series = [...new Set(days.flatMap((d) => Object.keys(byDay[d])))].sort();
  const head = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`;
  const titleEl = `<text x="8" y="18" font-size="14" font-family="sans-serif" font-weight="bold">${escapeXml(title)}</text>`;
  if (days.length === 0) return `${head}${titleEl}<text x="8" y="60" font-size="12" font-family="sans-serif">no data in the period</text></svg>`;
  const left = 44;
  const top = 30;
  const legendW = 150;
  const plotW = width - left - legendW - 10;
  const plotH = height - top - 36;
  const max = Math.max(1, ...days.map((d) => Object.values(byDay[d]).reduce((a, b) => a + b, 0)));
  const slot = plotW / days.length;
  const barW = Math.max(1, Math.min(40, slot * 0.8));
  const parts: string[] = [head, titleEl];
  parts.push(`<line x1="${left}" y1="${top + plotH}" x2="${left + plotW}" y2="${top + plotH}" stroke="#444"/>`);
  parts.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#444"/>`);
  parts.push(`<text x="${left - 4}" y="${top + 10}" font-size="10" text-anchor="end" font-family="sans-serif">${max}</text>`);
  parts.push(`<text x="${left - 4}" y="${top + plotH}" font-size="10" text-anchor="end" font-family="sans-serif">0</text>`);
  days.forEach((d, i) => {
    let y = top + plotH;
    const x = left + i * slot + (slot - barW) / 2;
    series.forEach((s, k) => {
      const n = byDay[d][s] ?? 0;
      if (!n) return;
      const h = (n / max) * plotH;
      y -= h;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${PALETTE[k % PALETTE.length]}"><title>${escapeXml(`${d} ${s}: ${n}`)}</title></rect>`);
    });
  });
  // Label the first and last day (and the middle one when there are many).
  const labelled = new Set([0, days.length - 1, Math.floor((days.length - 1) / 2)]);
  for (const i of labelled)
    parts.push(`<text x="${(left + i * slot + slot / 2).toFixed(1)}" y="${top + plotH + 14}" font-size="10" text-anchor="middle" font-family="sans-serif">${days[i]}</text>`);
  series.forEach((s, k) => {
    const y = top + 4 + k * 16;
    if (y > height - 10) return;
    parts.push(`<rect x="${width - legendW}" y="${y}" width="10" height="10" fill="${PALETTE[k % PALETTE.length]}"/>`);
    parts.push(`<text x="${width - legendW + 14}" y="${y + 9}" font-size="11" font-family="sans-serif">${escapeXml(s)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
