// The HTML report of an evidence pack: one self-contained file (inline CSS and SVG, no script,
// nothing fetched), readable in any browser.
import { escapeXml as esc, stackedBars } from './svg.js';
import type { LogFacts } from './facts.js';
import type { GapReport, SoaEntry, Status } from './types.js';
import { loadCatalog } from './catalog.js';

export interface ReportInput {
  report: GapReport;
  facts: LogFacts;
  soa: SoaEntry[];
  checkpoint: { size: number; origin: string };
  publicKey: string;
  /** Decision ids with a receipt in the pack. */
  receipts: string[];
}

const COLOURS: Record<Status, string> = { met: '#2e7d32', partial: '#b26a00', gap: '#c62828', 'not-applicable': '#607d8b', manual: '#5e35b1' };
const badge = (s: Status) => `<span class="st" style="background:${COLOURS[s]}">${s}</span>`;

function decisionLinks(ids: string[] | undefined, receipts: Set<string>): string {
  if (!ids?.length) return '';
  return ' — decisions: ' + ids.map((id) => (receipts.has(id) ? `<a href="receipts/${esc(id)}.json"><code>${esc(id)}</code></a>` : `<code>${esc(id)}</code>`)).join(', ');
}

/** The report as one HTML document. */
export function renderReport(r: ReportInput): string {
  const { report, facts } = r;
  const receipts = new Set(r.receipts);
  const rows = report.entries
    .map((e) => {
      const ev = e.evidence
        .map((x) => `<li>${badge(x.status)} ${esc(x.check)}: ${esc(x.detail)}${decisionLinks(x.decisions, receipts)}</li>`)
        .join('');
      const rel = e.related?.length ? `<div class="rel">related: ${e.related.map(esc).join(', ')}</div>` : '';
      const expects = e.expects ? `<div class="rel">an auditor expects: ${esc(e.expects)}</div>` : '';
      return `<tr id="req-${esc(e.id)}"><td><code>${esc(e.id)}</code></td><td>${esc(e.title)}${rel}</td><td>${badge(e.status)}</td><td>${ev ? `<ul>${ev}</ul>` : '<em>no automated evidence: attest</em>'}${expects}</td></tr>`;
    })
    .join('\n');
  const soaMap = new Map(r.soa.map((s) => [s.control, s]));
  const soaRows = loadCatalog('iso42001')
    .requirements.filter((q) => q.kind === 'annexA')
    .map((q) => {
      const s = soaMap.get(q.id);
      return s
        ? `<tr><td><code>${esc(q.id)}</code></td><td>${esc(q.title)}</td><td>${s.applicable ? 'yes' : 'no'}</td><td>${esc(s.justification)}</td><td>${esc(s.implementation)}</td><td>${s.evidence.map(esc).join(', ')}</td><td>${esc(s.updatedBy)} ${esc(s.updatedAt)}</td></tr>`
        : `<tr><td><code>${esc(q.id)}</code></td><td>${esc(q.title)}</td><td colspan="5"><em>not decided</em></td></tr>`;
    })
    .join('\n');
  const summary = (Object.entries(report.summary) as Array<[Status, number]>).map(([s, n]) => `<li>${badge(s)} ${n}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Warden evidence: ${esc(report.title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px;color:#222}
table{border-collapse:collapse;width:100%;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top;font-size:13px}
th{background:#f3f3f3;text-align:left}.st{color:#fff;border-radius:3px;padding:1px 5px;font-size:11px;white-space:nowrap}
ul{margin:0;padding-left:1.2em}.rel{color:#666;font-size:11px}code{font-size:12px}
</style></head><body>
<h1>Evidence report — ${esc(report.title)}</h1>
<p>Framework <code>${esc(report.framework)}</code>, period ${esc(report.period.from)} to ${esc(report.period.to)}, generated ${esc(report.generatedAt)} by Warden.</p>
<h2>Summary</h2>
<ul>${summary}</ul>
<p>${facts.decisions} decisions, ${facts.completions} completions, ${facts.admin} admin changes and ${facts.violations} policy violations in the period.
The audit log's latest signed checkpoint (origin <code>${esc(r.checkpoint.origin)}</code>, size ${r.checkpoint.size}) is in <a href="checkpoint.note">checkpoint.note</a>;
the public key is in <a href="public-key.txt">public-key.txt</a> (<code>${esc(r.publicKey)}</code>). ${r.receipts.length} sampled decisions have receipts in <a href="receipts/">receipts/</a>.
Check this folder with <code>warden evidence verify &lt;folder&gt; --key &lt;public key&gt;</code>.</p>
<h2>Activity</h2>
${stackedBars('Decisions by action per day', facts.actionsByDay)}
${stackedBars('Violations by type per day', facts.violationsByDay)}
<h2>Requirements</h2>
<table><tr><th>id</th><th>requirement</th><th>status</th><th>evidence</th></tr>
${rows}
</table>
<h2>Statement of Applicability (ISO/IEC 42001 Annex A)</h2>
<table><tr><th>control</th><th>title</th><th>applicable</th><th>justification</th><th>implementation</th><th>evidence</th><th>last change</th></tr>
${soaRows}
</table>
<h2>Contents of this pack</h2>
<ul><li><a href="report.json">report.json</a> — the requirements as data</li><li><a href="soa.json">soa.json</a></li><li><a href="policies/versions.json">policies/versions.json</a></li>
<li>registry/ — systems, suppliers, risks, assessments, incidents</li><li>attestations/ — attestations and their documents</li><li>MANIFEST — SHA-256 of every file, signed with the log key</li></ul>
</body></html>
`;
}
