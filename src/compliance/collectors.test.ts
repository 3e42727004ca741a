// Collectors and the gap assessment on hand-made records: the statuses each check gives at its
// edges (late and missing reviews, overdue Art. 73 reports, missing Art. 27 elements, expired
// attestations, retention below the minimum).
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../store/sqlite.js';
import type { CollectorContext } from './collectors/index.js';
import { COLLECTORS, worst } from './collectors/index.js';
import { assessFramework } from './gap.js';
import { periodOf } from './context.js';
import type { LogFacts } from './facts.js';
import { stackedBars } from './svg.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-collectors-'));
const store = openSqliteStore(dir);
after(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const now = new Date();
const period = { from: new Date(now.getTime() - 86_400_000).toISOString(), to: new Date(now.getTime() + 60_000).toISOString() };
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const facts = (): LogFacts => ({
  period, decisions: 0, completions: 0, admin: 0, completionsWithoutDecision: [], byAction: {}, actionsByDay: {}, violationsByDay: {}, violations: 0, samples: {},
  suppliers: new Map(), systems: new Map(), policyVersions: new Map(), withoutPrincipal: [], keyIds: new Map(), controls: new Map(), adminOps: new Map(), decisionIds: new Set(), use: new Map(), lastPolicyVersion: null,
});
const ctx = (over: Partial<CollectorContext> = {}): CollectorContext => ({
  store, log: { leavesById: () => [] } as never, facts: facts(), period, now, retention: { decisionDays: 180, adminDays: 2190 },
  verify: () => ({ ok: true, size: 0, checkpoints: 1, expired: 0 }), verifier: { name: 'test' } as never, adminHistory: () => [], ...over,
});
const review = (id: string, createdAt: string) =>
  store.reviews.create({ id, decisionId: `d-${id}`, fingerprint: id, user: 'u', system: 's', supplier: 'openai', model: 'm', rules: [], findings: [], excerpt: '', reviewers: [], validityMs: 1, createdAt, expiresAt: new Date(now.getTime() + 86_400_000).toISOString() });

describe('collectors', () => {
  it('worst: gap over partial over manual over met; not-applicable only when all are', () => {
    assert.equal(worst(['met', 'partial', 'not-applicable']), 'partial');
    assert.equal(worst(['met', 'gap']), 'gap');
    assert.equal(worst(['not-applicable', 'not-applicable']), 'not-applicable');
    assert.equal(worst(['not-applicable', 'met']), 'met');
    assert.equal(worst([]), 'manual');
  });

  it('human oversight: a hold left past the SLA is a gap, a late one partial; no kill switch is partial', () => {
    review('r1', ago(3 * 3_600_000));
    let ev = COLLECTORS['human-oversight'](ctx(), {});
    assert.equal(ev[0].status, 'gap');
    assert.equal(ev[1].status, 'partial');
    review('r2', ago(3 * 3_600_000));
    store.reviews.decide('r2', 'approved', 'rev', 'ok');
    review('r3', ago(60_000));
    store.reviews.decide('r3', 'approved', 'rev', 'ok');
    ev = COLLECTORS['human-oversight'](ctx(), {});
    assert.equal(ev[0].status, 'partial');
    assert.deepEqual(ev[0].counts, { holds: 3, onTime: 1, late: 1, unreviewed: 1 });
    assert.equal(COLLECTORS['human-oversight'](ctx({ reviewSlaMinutes: 24 * 60 }), {})[0].status, 'met', 'with a day to answer, r2 was in time and r1 may still wait');
  });

  it('event logging: holds whose decision is not in the log, and retention below the minimum, are gaps', () => {
    const ev = COLLECTORS['event-logging'](ctx(), { minRetentionDays: 183, minAdminRetentionDays: 2190 });
    assert.deepEqual(ev.map((e) => e.status), ['met', 'not-applicable', 'gap', 'gap', 'met']);
    assert.match(ev[2].detail, /reviews without a logged decision: (r\d, ){2}r\d$/);
    assert.match(ev[3].detail, /decision_days is 180, below the 183 required/);
  });

  it('incidents: a serious incident past its Art. 73 deadline unreported is a gap', () => {
    const t = ago(20 * 86_400_000);
    store.registry.incidents.create({ id: 'inc-1', title: 'x', description: '', severity: 'high', status: 'open', systems: [], decisions: [], openedAt: t, openedBy: 'a', awareAt: t, serious: { kinds: ['serious-harm-to-health'], reportedAt: null }, timeline: [], updatedAt: t });
    const ev = COLLECTORS.incidents(ctx(), {});
    assert.equal(ev[0].status, 'gap');
    assert.match(ev[0].detail, /inc-1: NOT reported, deadline passed/);
  });

  it('impact assessment: a high-risk system without the Art. 27 elements is partial; without any assessment a gap', () => {
    const t = now.toISOString();
    store.registry.systems.create({ id: 'hr', name: 'HR', purpose: 'screen CVs', owner: 'o', lifecycle: 'production', role: 'deployer', euAiActClass: 'high-risk', annexIIIArea: 'employment', dataCategories: ['personal'], suppliers: [], models: [], tools: null, oversight: [], reviewCadenceDays: 365, createdAt: t, updatedAt: t } as never);
    assert.equal(COLLECTORS['impact-assessment'](ctx(), {})[0].status, 'gap');
    store.registry.assessments.create({ id: 'ia', systemId: 'hr', title: 'x', affected: [], harms: [], severity: 'high', mitigations: [], approval: { status: 'approved' }, createdAt: t, updatedAt: t } as never);
    const ev = COLLECTORS['impact-assessment'](ctx(), {})[0];
    assert.equal(ev.status, 'partial');
    assert.match(ev.detail, /high-risk without the Art\. 27 elements: hr/);
  });

  it('an expired attestation turns a manual requirement into a gap; a valid one into met', () => {
    store.compliance.attestationCreate(
      { id: 'a1', framework: 'hipaa', requirement: '164.316(b)(2)(iii)', owner: 'o', document: 'd', sha256: '00', expiresAt: ago(1000), createdAt: ago(2000), createdBy: 'c', revokedAt: null },
      Buffer.from('x'),
    );
    const status = () => assessFramework('hipaa', ctx()).entries.find((e) => e.id === '164.316(b)(2)(iii)')!.status;
    assert.equal(status(), 'gap');
    store.compliance.attestationCreate(
      { id: 'a2', framework: 'hipaa', requirement: '164.316(b)(2)(iii)', owner: 'o', document: 'd', sha256: '01', expiresAt: '2099-01-01', createdAt: ago(2000), createdBy: 'c', revokedAt: null },
      Buffer.from('y'),
    );
    assert.equal(status(), 'met');
  });

  it('periods: a date as --to covers that day; --from must come first', () => {
    assert.deepEqual(periodOf('2026-01-01', '2026-03-31'), { from: '2026-01-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
    assert.throws(() => periodOf('2026-02-01', '2026-01-01'), /not before/);
    assert.throws(() => periodOf('soon', undefined), /not a date/);
  });

  it('charts escape their labels and draw nothing without data', () => {
    const svg = stackedBars('A <b>', { '2026-01-01': { '<x>': 2, allow: 1 } });
    assert.ok(!svg.includes('<x>') && svg.includes('&lt;x&gt;'));
    assert.match(stackedBars('t', {}), /no data in the period/);
  });
});

describe('compliance service', () => {
  it('a change the audit log refuses is not kept (SoA entry, attestation, revocation)', async () => {
    const { ComplianceService } = await import('./service.js');
    const refuse = { append: async () => Promise.reject(new Error('disk full')) };
    const records: unknown[] = [];
    const accept = { append: async (r: unknown) => void records.push(r) };
    const doc = { name: 'd.txt', content: Buffer.from('d') };
    const failing = new ComplianceService(store.compliance, refuse, 'a', 'test');
    await assert.rejects(failing.setSoa('A.4.2', { applicable: true, justification: 'j' }), /disk full/);
    assert.equal(store.compliance.soaGet('A.4.2'), undefined);
    await assert.rejects(failing.attest({ framework: 'soc2', requirement: 'CC6.4', owner: 'o', expiresAt: '2099-01-01' }, doc), /disk full/);
    assert.equal(store.compliance.attestations({ requirement: 'CC6.4' }).length, 0);
    const ok = new ComplianceService(store.compliance, accept, 'a', 'test');
    const att = await ok.attest({ framework: 'soc2', requirement: 'CC6.4', owner: 'o', expiresAt: '2099-01-01' }, doc);
    await assert.rejects(failing.revokeAttestation(att.id), /disk full/);
    assert.equal(store.compliance.attestationGet(att.id)!.revokedAt, null);
    assert.equal(records.length, 1);
    await assert.rejects(ok.setSoa('A.4.2', { applicable: true }), /needs applicability and a justification/);
    await assert.rejects(ok.attest({ framework: 'soc2', requirement: 'CC99', owner: 'o', expiresAt: '2099-01-01' }, doc), /no requirement CC99/);
    await assert.rejects(ok.attest({ framework: 'soc2', requirement: 'CC6.4', owner: 'o', expiresAt: '2001-01-01' }, doc), /not in the future/);
  });
});
