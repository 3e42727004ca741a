// AI incidents: opening one (by hand or from a gateway decision), changing it with a timeline
// entry for each change, the EU AI Act Art. 73 reporting position, and the incident report.
import type { z } from 'zod';
import { art73Status, type Art73Status } from '../registry/art73.js';
import type { Art73Days } from '../registry/data.js';
import type { incidentOpenSchema, incidentPatchSchema } from '../registry/schemas.js';
import type { Incident, SeriousIncident, TimelineEntry } from '../registry/types.js';

export { art73Deadline, art73Status, type Art73Status, type Art73Deadline, type Art73Basis } from '../registry/art73.js';

export type IncidentOpenInput = z.infer<typeof incidentOpenSchema>;
export type IncidentPatch = z.infer<typeof incidentPatchSchema>;

/** The parts of a gateway decision record an incident links to. */
export interface DecisionRef {
  id: string;
  system?: string | null;
  user?: string | null;
  time?: string;
  action?: string;
  rules?: string[];
}

const entry = (at: Date, by: string, kind: TimelineEntry['kind'], text: string): TimelineEntry => ({ at: at.toISOString(), by, kind, text });
const uniq = (xs: string[]) => [...new Set(xs)];

/** A new incident; awareness defaults to now (the Art. 73 clock starts then). */
export function newIncident(id: string, input: IncidentOpenInput, actor: string, now: Date, decision?: DecisionRef): Incident {
  const decisions = uniq([...(decision ? [decision.id] : []), ...(input.decisions ?? [])]);
  const systems = uniq([...(decision?.system ? [decision.system] : []), ...(input.systems ?? [])]);
  const from = decision
    ? ` from decision ${decision.id}${decision.action ? ` (${decision.action}${decision.rules?.length ? `, rules ${decision.rules.join(', ')}` : ''})` : ''}${decision.user ? ` of ${decision.user}` : ''}`
    : '';
  const timeline = [entry(now, actor, 'opened', `opened${from}, severity ${input.severity}`)];
  if (input.serious) timeline.push(entry(now, actor, 'serious', `marked serious (${input.serious.kinds.join(', ')})`));
  return {
    id,
    title: input.title,
    description: input.description ?? '',
    severity: input.severity,
    status: 'open',
    systems,
    decisions,
    openedAt: now.toISOString(),
    openedBy: actor,
    awareAt: input.awareAt ?? now.toISOString(),
    serious: input.serious ? { ...input.serious, reportedAt: input.serious.reportedAt ?? null } : null,
    timeline,
    updatedAt: now.toISOString(),
  };
}

const sameSerious = (a: SeriousIncident | null, b: SeriousIncident | null) => JSON.stringify(a) === JSON.stringify(b);

/** Applies a change; each change of status, severity, awareness or seriousness gets a timeline entry. */
export function changeIncident(before: Incident, patch: IncidentPatch, actor: string, now: Date): Incident {
  const after: Incident = { ...before, timeline: [...before.timeline], updatedAt: now.toISOString() };
  if (patch.title !== undefined) after.title = patch.title;
  if (patch.description !== undefined) after.description = patch.description;
  if (patch.severity !== undefined && patch.severity !== before.severity) {
    after.severity = patch.severity;
    after.timeline.push(entry(now, actor, 'severity', `severity ${before.severity} → ${patch.severity}`));
  }
  if (patch.awareAt !== undefined && patch.awareAt !== before.awareAt) {
    after.awareAt = patch.awareAt;
    after.timeline.push(entry(now, actor, 'note', `time of awareness set to ${patch.awareAt} (was ${before.awareAt})`));
  }
  if (patch.serious !== undefined) {
    const next = patch.serious ? { ...patch.serious, reportedAt: patch.serious.reportedAt ?? before.serious?.reportedAt ?? null } : null;
    if (!sameSerious(before.serious, next)) {
      after.serious = next;
      after.timeline.push(entry(now, actor, 'serious', next ? `marked serious (${next.kinds.join(', ')})` : 'no longer treated as serious'));
    }
  }
  if (patch.status !== undefined && patch.status !== before.status) {
    after.status = patch.status;
    after.timeline.push(entry(now, actor, patch.status === 'closed' ? 'closed' : 'status', `status ${before.status} → ${patch.status}`));
    if (patch.status === 'closed') after.closedAt = now.toISOString();
    else delete after.closedAt;
  }
  return after;
}

/** Adds a note to the timeline. */
export function addNote(before: Incident, text: string, actor: string, now: Date): Incident {
  return { ...before, timeline: [...before.timeline, entry(now, actor, 'note', text)], updatedAt: now.toISOString() };
}

/** Links decisions and AI systems to the incident. */
export function linkIncident(before: Incident, links: { decisions?: string[]; systems?: string[] }, actor: string, now: Date): Incident {
  const decisions = (links.decisions ?? []).filter((d) => !before.decisions.includes(d));
  const systems = (links.systems ?? []).filter((s) => !before.systems.includes(s));
  if (decisions.length === 0 && systems.length === 0) return before;
  const parts = [decisions.length ? `decisions ${decisions.join(', ')}` : '', systems.length ? `systems ${systems.join(', ')}` : ''].filter(Boolean);
  return {
    ...before,
    decisions: [...before.decisions, ...decisions],
    systems: [...before.systems, ...systems],
    timeline: [...before.timeline, entry(now, actor, 'link', `linked ${parts.join(' and ')}`)],
    updatedAt: now.toISOString(),
  };
}

/** Records that the Art. 73 report reached the authority; only a serious incident has one. */
export function markReported(before: Incident, report: { at: string; authority?: string; reference?: string }, actor: string, now: Date): Incident {
  if (!before.serious) throw new Error('only a serious incident is reported under Art. 73');
  const serious: SeriousIncident = { ...before.serious, reportedAt: report.at };
  if (report.authority) serious.authority = report.authority;
  if (report.reference) serious.reference = report.reference;
  const to = report.authority ? ` to ${report.authority}` : '';
  const ref = report.reference ? ` (reference ${report.reference})` : '';
  return {
    ...before,
    serious,
    timeline: [...before.timeline, entry(now, actor, 'report', `Art. 73 report made${to} at ${report.at}${ref}`)],
    updatedAt: now.toISOString(),
  };
}

export interface OverdueReport {
  id: string;
  title: string;
  status: Incident['status'];
  art73: Art73Status;
}

/** Serious incidents whose Art. 73 report is overdue at `now` (not yet reported, deadline passed), oldest deadline first. */
export function overdueReports(incidents: Incident[], now: Date, days: Art73Days): OverdueReport[] {
  const out: OverdueReport[] = [];
  for (const i of incidents) {
    const s = art73Status(i, now, days);
    if (s?.overdue) out.push({ id: i.id, title: i.title, status: i.status, art73: s });
  }
  return out.sort((a, b) => a.art73.deadline.localeCompare(b.art73.deadline));
}

/** The incident report as data: the record plus its Art. 73 position at `now`. */
export function incidentReport(i: Incident, now: Date, days: Art73Days): { generatedAt: string; incident: Incident; art73: Art73Status | null } {
  return { generatedAt: now.toISOString(), incident: i, art73: art73Status(i, now, days) };
}

const BASIS: Record<Art73Status['basis'], string> = {
  standard: 'Art. 73(2): within 15 days of awareness',
  death: 'Art. 73(4): death of a person',
  'critical-infrastructure-or-widespread': 'Art. 73(3): widespread infringement or critical-infrastructure disruption',
};

const md = (s: string) => s.replace(/([\\`*_[\]|<>])/g, '\\$1').replace(/\r?\n/g, ' ');

/** The incident report as Markdown. */
export function incidentReportMarkdown(i: Incident, now: Date, days: Art73Days): string {
  const s = art73Status(i, now, days);
  const lines = [
    `# Incident ${md(i.id)}: ${md(i.title)}`,
    '',
    `Generated ${now.toISOString()}.`,
    '',
    '| | |',
    '|---|---|',
    `| Severity | ${i.severity} |`,
    `| Status | ${i.status} |`,
    `| Opened | ${i.openedAt} by ${md(i.openedBy)} |`,
    `| Aware since | ${i.awareAt} |`,
    ...(i.closedAt ? [`| Closed | ${i.closedAt} |`] : []),
    `| AI systems | ${i.systems.map(md).join(', ') || '—'} |`,
    `| Decisions | ${i.decisions.map(md).join(', ') || '—'} |`,
    '',
  ];
  if (i.description) lines.push('## Description', '', i.description, '');
  lines.push('## Serious incident (EU AI Act Art. 73)', '');
  if (!s || !i.serious) lines.push('Not classified as a serious incident.', '');
  else {
    lines.push(
      `- Categories: ${i.serious.kinds.join(', ')}`,
      `- Deadline: ${s.deadline} (${s.days} days; ${BASIS[s.basis]})`,
      s.reportedAt
        ? `- Reported: ${s.reportedAt}${i.serious.authority ? ` to ${md(i.serious.authority)}` : ''}${i.serious.reference ? `, reference ${md(i.serious.reference)}` : ''}${s.late ? ' — **after the deadline**' : ''}`
        : s.overdue
          ? `- Reported: no — **overdue** by ${formatDuration(-s.remainingMs!)}`
          : `- Reported: not yet; ${formatDuration(s.remainingMs!)} left`,
      '',
    );
  }
  lines.push('## Timeline', '', '| Time | By | Kind | Entry |', '|---|---|---|---|');
  for (const t of i.timeline) lines.push(`| ${t.at} | ${md(t.by)} | ${t.kind} | ${md(t.text)} |`);
  lines.push('');
  return lines.join('\n');
}

/** A duration as days, hours and minutes. */
export function formatDuration(ms: number): string {
  const m = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const parts = [d ? `${d}d` : '', h ? `${h}h` : '', m % 60 ? `${m % 60}m` : ''].filter(Boolean);
  return parts.join(' ') || '0m';
}
