import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadArt73Days } from '../registry/data.js';
import type { Incident, SeriousIncidentKind } from '../registry/types.js';
import {
  addNote,
  art73Deadline,
  art73Status,
  changeIncident,
  incidentReport,
  incidentReportMarkdown,
  linkIncident,
  markReported,
  newIncident,
  overdueReports,
} from './incidents.js';

const days = loadArt73Days();
const AWARE = '2026-03-01T09:30:00.000Z';
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms);
const DAY = 86_400_000;

function serious(kinds: SeriousIncidentKind[], reportedAt: string | null = null): Incident {
  const i = newIncident('inc-1', { title: 't', severity: 'critical', awareAt: AWARE, serious: { kinds, reportedAt } }, 'alice', new Date(AWARE));
  return i;
}

test('Art. 73 day counts come from the reference data: 15, 10 for a death, 2 for widespread or critical infrastructure', () => {
  assert.deepEqual(days, { standard: 15, death: 10, criticalInfrastructureOrWidespread: 2 });
});

const cases: Array<[SeriousIncidentKind[], number, string]> = [
  [['serious-harm-to-health'], 15, 'standard'],
  [['fundamental-rights'], 15, 'standard'],
  [['property-or-environment'], 15, 'standard'],
  [['death'], 10, 'death'],
  [['critical-infrastructure'], 2, 'critical-infrastructure-or-widespread'],
  [['widespread-infringement'], 2, 'critical-infrastructure-or-widespread'],
  [['death', 'critical-infrastructure'], 2, 'critical-infrastructure-or-widespread'],
  [['death', 'serious-harm-to-health'], 10, 'death'],
];

for (const [kinds, n, basis] of cases) {
  test(`Art. 73 deadline for ${kinds.join('+')}: ${n} days from awareness; on time exactly at the deadline, overdue one second past`, () => {
    const d = art73Deadline(kinds, AWARE, days);
    assert.equal(d.days, n);
    assert.equal(d.basis, basis);
    assert.equal(d.deadline, plus(AWARE, n * DAY).toISOString());
    const i = serious(kinds);
    const at = art73Status(i, plus(AWARE, n * DAY), days)!;
    assert.equal(at.overdue, false);
    assert.equal(at.remainingMs, 0);
    const past = art73Status(i, plus(AWARE, n * DAY + 1000), days)!;
    assert.equal(past.overdue, true);
    assert.equal(past.remainingMs, -1000);
    assert.equal(art73Status(i, plus(AWARE, n * DAY - 1000), days)!.overdue, false);
  });
}

test('a reported incident is never overdue; reported after the deadline is late', () => {
  const onTime = serious(['death'], plus(AWARE, 10 * DAY).toISOString());
  const s1 = art73Status(onTime, plus(AWARE, 40 * DAY), days)!;
  assert.equal(s1.overdue, false);
  assert.equal(s1.late, false);
  assert.equal(s1.remainingMs, null);
  const late = serious(['death'], plus(AWARE, 10 * DAY + 1000).toISOString());
  assert.equal(art73Status(late, plus(AWARE, 40 * DAY), days)!.late, true);
});

test('an incident that is not serious has no Art. 73 position; a date-only awareness counts from midnight UTC', () => {
  const i = newIncident('inc-2', { title: 't', severity: 'low' }, 'bob', new Date(AWARE));
  assert.equal(art73Status(i, new Date(AWARE), days), null);
  assert.equal(art73Deadline(['death'], '2026-03-01', days).deadline, '2026-03-11T00:00:00.000Z');
});

test('overdueReports lists unreported serious incidents past their deadline, soonest first', () => {
  const a = { ...serious(['serious-harm-to-health']), id: 'a' };
  const b = { ...serious(['critical-infrastructure']), id: 'b' };
  const c = { ...serious(['death'], AWARE), id: 'c' };
  const d = newIncident('d', { title: 'x', severity: 'low' }, 'x', new Date(AWARE));
  assert.deepEqual(overdueReports([a, b, c, d], plus(AWARE, 2 * DAY), days).map((o) => o.id), []);
  assert.deepEqual(overdueReports([a, b, c, d], plus(AWARE, 2 * DAY + 1), days).map((o) => o.id), ['b']);
  assert.deepEqual(overdueReports([a, b, c, d], plus(AWARE, 16 * DAY), days).map((o) => o.id), ['b', 'a']);
});

test('opening from a decision links the decision and its system; changes add timeline entries', () => {
  const now = new Date('2026-03-02T10:00:00Z');
  const i = newIncident('inc-3', { title: 'Leak', severity: 'high', systems: ['hr-bot'] }, 'alice', now, {
    id: 'dec-1',
    system: 'support-bot',
    user: 'u@example.com',
    action: 'block',
    rules: ['no-pii'],
  });
  assert.deepEqual(i.decisions, ['dec-1']);
  assert.deepEqual(i.systems, ['support-bot', 'hr-bot']);
  assert.equal(i.awareAt, now.toISOString());
  assert.match(i.timeline[0].text, /from decision dec-1 \(block, rules no-pii\) of u@example.com/);
  const later = new Date('2026-03-02T11:00:00Z');
  const c = changeIncident(i, { status: 'investigating', severity: 'critical', serious: { kinds: ['fundamental-rights'], reportedAt: null } }, 'bob', later);
  assert.deepEqual(c.timeline.map((t) => t.kind), ['opened', 'severity', 'serious', 'status']);
  const closed = changeIncident(c, { status: 'closed' }, 'bob', later);
  assert.equal(closed.closedAt, later.toISOString());
  assert.equal(closed.timeline.at(-1)!.kind, 'closed');
  assert.equal(linkIncident(closed, { decisions: ['dec-1'] }, 'bob', later), closed);
  assert.deepEqual(linkIncident(closed, { decisions: ['dec-2'] }, 'bob', later).decisions, ['dec-1', 'dec-2']);
  assert.equal(addNote(closed, 'called the supplier', 'bob', later).timeline.at(-1)!.text, 'called the supplier');
  assert.throws(() => markReported(i, { at: later.toISOString() }, 'bob', later), /serious/);
  const r = markReported(c, { at: later.toISOString(), authority: 'MSA-DE', reference: 'R-1' }, 'bob', later);
  assert.equal(r.serious!.reportedAt, later.toISOString());
  assert.equal(r.serious!.authority, 'MSA-DE');
});

test('incident report in JSON and Markdown shows the deadline and what is overdue', () => {
  const i = serious(['death']);
  const at = plus(AWARE, 11 * DAY);
  const json = incidentReport(i, at, days);
  assert.equal(json.art73!.overdue, true);
  assert.equal(json.incident.id, 'inc-1');
  const md = incidentReportMarkdown({ ...i, description: 'pipe | and *stars*' }, at, days);
  assert.match(md, /^# Incident inc-1: t/);
  assert.match(md, /Deadline: 2026-03-11T09:30:00.000Z \(10 days; Art. 73\(4\)/);
  assert.match(md, /\*\*overdue\*\* by 1d/);
  assert.match(md, /\| Time \| By \| Kind \| Entry \|/);
  const ok = incidentReportMarkdown(i, plus(AWARE, 9 * DAY), days);
  assert.match(ok, /not yet; 1d left/);
});
