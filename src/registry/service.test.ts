import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stateHash } from '../core/admin.js';
import type { AdminRecord } from '../core/types.js';
import { RegistryError } from './errors.js';
import { memoryRegistry, SUPPLIER, SYSTEM } from './testutil.js';

const admin = (recs: unknown[]) => recs as AdminRecord[];

test('every change appends an admin record naming the op, target and hashes of before and after', async () => {
  const { service, records } = memoryRegistry();
  const sup = await service.createSupplier(SUPPLIER);
  const sys = await service.createSystem(SYSTEM);
  const sys2 = await service.updateSystem('support-bot', { lifecycle: 'retired' });
  const sup2 = await service.updateSupplier('openai', { status: 'suspended' });
  const risk = await service.createRisk({ systemId: 'support-bot', title: 'Leaks PII', likelihood: 3, impact: 4, treatment: 'mitigate', controls: ['ISO42001:A.7.4'], policyRules: ['redact-pii'], owner: 'cx', reviewAt: '2026-09-01' });
  const risk2 = await service.updateRisk(risk.id, { residualLikelihood: 1, residualImpact: 4 });
  const ia = await service.createAssessment({ systemId: 'support-bot', title: 'IA', severity: 'medium', affected: [{ group: 'customers' }] });
  const ia2 = await service.decideAssessment(ia.id, 'approved', 'ok');
  const inc = await service.openIncident({ title: 'Wrong refund advice', severity: 'medium' }, { id: 'dec-9', system: 'support-bot' });
  const inc2 = await service.noteIncident(inc.id, 'customer contacted');
  const inc3 = await service.updateIncident(inc.id, { status: 'investigating', serious: { kinds: ['fundamental-rights'] } });
  const inc4 = await service.reportIncident(inc.id, { at: '2026-04-02T00:00:00Z', authority: 'MSA' });
  const inc5 = await service.linkIncident(inc.id, { decisions: ['dec-10'] });
  const inc6 = await service.updateIncident(inc.id, { status: 'closed' });
  const riskGone = await service.removeRisk(risk.id);
  const iaGone = await service.removeAssessment(ia.id);
  const sysGone = await service.removeSystem('support-bot');
  const supGone = await service.removeSupplier('openai');
  const want: Array<[string, string, unknown, unknown]> = [
    ['supplier.create', 'openai', null, sup],
    ['system.create', 'support-bot', null, sys],
    ['system.update', 'support-bot', sys, sys2],
    ['supplier.update', 'openai', sup, sup2],
    ['risk.create', risk.id, null, risk],
    ['risk.update', risk.id, risk, risk2],
    ['assessment.create', ia.id, null, ia],
    ['assessment.approve', ia.id, ia, ia2],
    ['incident.open', inc.id, null, inc],
    ['incident.note', inc.id, inc, inc2],
    ['incident.update', inc.id, inc2, inc3],
    ['incident.report', inc.id, inc3, inc4],
    ['incident.link', inc.id, inc4, inc5],
    ['incident.close', inc.id, inc5, inc6],
    ['risk.delete', risk.id, risk2, null],
    ['assessment.delete', ia.id, ia2, null],
    ['system.delete', 'support-bot', sys2, null],
    ['supplier.delete', 'openai', sup2, null],
  ];
  const got = admin(records);
  assert.equal(got.length, want.length);
  want.forEach(([op, target, before, after], i) => {
    const r = got[i];
    assert.equal(r.kind, 'admin');
    assert.equal(r.op, op, `record ${i}`);
    assert.equal(r.target, target, op);
    assert.equal(r.actor, 'alice@example.com');
    assert.equal(r.instance, 'test');
    assert.equal(r.beforeHash, stateHash(before), `${op} before`);
    assert.equal(r.afterHash, stateHash(after), `${op} after`);
    if (before) assert.notEqual(r.beforeHash, null);
    if (after) assert.notEqual(r.afterHash, null);
  });
  assert.equal(got[8].detail?.decision, 'dec-9');
  assert.deepEqual([riskGone.id, iaGone.id, sysGone.id, supGone.id], [risk.id, ia.id, 'support-bot', 'openai']);
});

test('a change that changes nothing writes no record; a refused change writes nothing', async () => {
  const { service, records, store } = memoryRegistry();
  await service.createSystem(SYSTEM);
  await service.updateSystem('support-bot', { name: SYSTEM.name });
  assert.equal(records.length, 1);
  await assert.rejects(service.createSystem(SYSTEM), (e: RegistryError) => e.kind === 'conflict');
  await assert.rejects(service.updateSystem('support-bot', { lifecycle: 'live' }), (e: RegistryError) => e.kind === 'invalid' && e.problems[0].field === 'lifecycle');
  await assert.rejects(service.updateSystem('support-bot', { id: 'other' }), (e: RegistryError) => e.kind === 'invalid');
  await assert.rejects(service.updateSystem('nope', {}), (e: RegistryError) => e.kind === 'not_found' && e.status === 404);
  await assert.rejects(service.createRisk({ systemId: 'support-bot', title: 'x', likelihood: 6, impact: 1, treatment: 'accept', owner: 'o', reviewAt: '2026-01-01' }), (e: RegistryError) => e.problems[0].field === 'likelihood');
  await assert.rejects(service.createRisk({ systemId: 'ghost', title: 'x', likelihood: 1, impact: 1, treatment: 'accept', owner: 'o', reviewAt: '2026-01-01' }), (e: RegistryError) => e.problems[0].field === 'systemId');
  assert.equal(records.length, 1);
  assert.equal(store.systems.get('support-bot')!.lifecycle, 'production');
});

test('null removes an optional field; high-risk needs an Annex III area; a used supplier cannot be removed', async () => {
  const { service } = memoryRegistry();
  await service.createSupplier(SUPPLIER);
  await service.createSystem({ ...SYSTEM, euAiActClass: 'high-risk', annexIIIArea: 'employment', notes: 'x' });
  const s = await service.updateSystem('support-bot', { euAiActClass: 'limited', annexIIIArea: null, notes: null, tools: null });
  assert.equal(s.annexIIIArea, undefined);
  assert.equal(s.notes, undefined);
  await assert.rejects(service.updateSystem('support-bot', { euAiActClass: 'high-risk' }), (e: RegistryError) => e.problems[0].field === 'annexIIIArea');
  await assert.rejects(service.removeSupplier('openai'), (e: RegistryError) => e.kind === 'conflict');
});

test('an approved assessment of a high-risk system needs every Art. 27 element', async () => {
  const { service } = memoryRegistry();
  await service.createSystem({ ...SYSTEM, id: 'cv', euAiActClass: 'high-risk', annexIIIArea: 'employment' });
  const ia = await service.createAssessment({ systemId: 'cv', title: 'FRIA', severity: 'high', fria: { processDescription: 'screening' } });
  await assert.rejects(service.decideAssessment(ia.id, 'approved'), (e: RegistryError) => e.problems.length === 6 && e.problems[0].field === 'fria.periodAndFrequency');
  await service.updateAssessment(ia.id, {
    fria: {
      processDescription: 'screening of applications',
      periodAndFrequency: 'daily, from 2026-05',
      affectedCategories: ['applicants'],
      specificRisks: ['indirect discrimination'],
      humanOversight: 'recruiter reviews every rejection',
      measuresIfRisksMaterialise: 'suspend ranking; manual review',
      governanceAndComplaints: 'HR complaints desk',
    },
  });
  const ok = await service.decideAssessment(ia.id, 'approved');
  assert.equal(ok.approval.status, 'approved');
  assert.equal(ok.approval.by, 'alice@example.com');
});

const BAD_YAML = `systems:
  - id: new-bot
    name: New bot
    purpose: x
    owner: o
    lifecycle: production
    role: deployer
    euAiActClass: minimal
  - id: support-bot
    name: Changed
    purpose: x
    owner: o
    lifecycle: sometime
    role: deployer
    euAiActClass: minimal
`;

test('importing a malformed inventory gives line-level errors and changes nothing', async () => {
  const { service, records, store } = memoryRegistry();
  await service.createSystem(SYSTEM);
  const before = store.systems.list();
  await assert.rejects(service.importRecords('systems', BAD_YAML, 'yaml', 'inventory.yaml'), (e: RegistryError) => {
    assert.equal(e.kind, 'invalid');
    assert.deepEqual(e.problems, [{ file: 'inventory.yaml', line: 13, field: 'lifecycle', message: e.problems[0].message }]);
    return true;
  });
  assert.deepEqual(store.systems.list(), before);
  assert.equal(records.length, 1);
  const csv = 'id,name,purpose,owner,lifecycle,role,euAiActClass\nnew-bot,New,x,o,production,deployer,minimal\nsupport-bot,Changed,x,o,production,deployer,unknown\n';
  await assert.rejects(service.importRecords('systems', csv, 'csv', 'inv.csv'), (e: RegistryError) => e.problems[0].line === 3 && e.problems[0].field === 'euAiActClass');
  assert.deepEqual(store.systems.list(), before);
  assert.equal(records.length, 1);
});

test('a valid import creates and replaces in one transaction with one admin record per change', async () => {
  const { service, records, store } = memoryRegistry();
  await service.createSystem(SYSTEM);
  const good = BAD_YAML.replace('sometime', 'validation');
  const dry = await service.importRecords('systems', good, 'yaml', 'inv.yaml', { dryRun: true });
  assert.deepEqual([dry.created, dry.updated], [['new-bot'], ['support-bot']]);
  assert.equal(store.systems.list().length, 1);
  const s = await service.importRecords('systems', good, 'yaml', 'inv.yaml');
  assert.deepEqual([s.created, s.updated, s.unchanged], [['new-bot'], ['support-bot'], []]);
  assert.equal(store.systems.get('support-bot')!.name, 'Changed');
  assert.equal(store.systems.get('support-bot')!.createdAt, '2026-04-01T12:00:00.000Z');
  const ops = admin(records).slice(1).map((r) => [r.op, r.target, r.detail?.import]);
  assert.deepEqual(ops, [
    ['system.create', 'new-bot', 'inv.yaml'],
    ['system.update', 'support-bot', 'inv.yaml'],
  ]);
  const again = await service.importRecords('systems', good, 'yaml', 'inv.yaml');
  assert.deepEqual(again.unchanged, ['new-bot', 'support-bot']);
  assert.equal(records.length, 3);
  // Round trip through the export.
  const exported = service.exportRecords('systems', 'csv');
  const back = await service.importRecords('systems', exported, 'csv', 'x.csv');
  assert.deepEqual(back.unchanged, ['new-bot', 'support-bot']);
});

test('discovery candidates count per system, key and user and say when the system is registered', async () => {
  const { service, store } = memoryRegistry();
  store.recordDiscoveryCandidate({ systemId: 'ghost', keyId: 'k1', user: 'u1', at: new Date('2026-04-01T10:00:00Z') });
  store.recordDiscoveryCandidate({ systemId: 'ghost', keyId: 'k1', user: 'u1', at: new Date('2026-04-01T11:00:00Z') });
  const c = store.recordDiscoveryCandidate({ systemId: 'support-bot', keyId: 'k2', user: 'u2', at: new Date('2026-04-01T09:00:00Z') });
  assert.deepEqual(c, { systemId: 'support-bot', keyId: 'k2', user: 'u2', firstSeen: '2026-04-01T09:00:00.000Z', lastSeen: '2026-04-01T09:00:00.000Z', count: 1 });
  await service.createSystem(SYSTEM);
  assert.deepEqual(
    service.discoveryCandidates().map((x) => [x.systemId, x.count, x.firstSeen, x.lastSeen, x.registered]),
    [
      ['ghost', 2, '2026-04-01T10:00:00.000Z', '2026-04-01T11:00:00.000Z', false],
      ['support-bot', 1, '2026-04-01T09:00:00.000Z', '2026-04-01T09:00:00.000Z', true],
    ],
  );
  assert.equal(store.clearDiscoveryCandidates('ghost'), 1);
});

test('overdue reports and incident lookups by system and decision', async () => {
  let now = new Date('2026-04-01T12:00:00Z');
  const { service } = memoryRegistry(() => now);
  const a = await service.openIncident({ title: 'Outage', severity: 'critical', systems: [], serious: { kinds: ['critical-infrastructure'] } }, { id: 'dec-1', system: 'grid-bot' });
  await service.openIncident({ title: 'Minor', severity: 'low', decisions: ['dec-2'] });
  assert.deepEqual(service.listIncidents({ decisionId: 'dec-1' }).map((i) => i.id), [a.id]);
  assert.deepEqual(service.listIncidents({ systemId: 'grid-bot' }).map((i) => i.id), [a.id]);
  assert.equal(service.listIncidents({ status: 'open' }).length, 2);
  assert.deepEqual(service.overdueReports(new Date('2026-04-03T12:00:00Z')), []);
  assert.deepEqual(service.overdueReports(new Date('2026-04-03T12:00:01Z')).map((o) => o.id), [a.id]);
  now = new Date('2026-04-05T00:00:00Z');
  assert.match(service.incidentReport(a.id, 'markdown'), /\*\*overdue\*\*/);
  assert.equal(JSON.parse(service.incidentReport(a.id, 'json')).art73.overdue, true);
  await assert.rejects(service.reportIncident((await service.openIncident({ title: 'x', severity: 'low' })).id, {}), (e: RegistryError) => e.kind === 'invalid');
});

test('when the audit log refuses the record, the change is undone (fail closed)', async () => {
  const { service, store } = memoryRegistry();
  await service.createSupplier(SUPPLIER);
  await service.createSystem(SYSTEM);
  const failing = new (service.constructor as typeof import('./service.js').RegistryService)(
    store,
    { append: async () => Promise.reject(new Error('disk full')) },
    'bob',
    'test',
  );
  const snapshot = () => JSON.stringify([store.systems.list(), store.suppliers.list(), store.incidents.list()]);
  const before = snapshot();
  await assert.rejects(failing.createSystem({ ...SYSTEM, id: 'other' }), /disk full/);
  await assert.rejects(failing.updateSystem('support-bot', { lifecycle: 'retired' }), /disk full/);
  await assert.rejects(failing.updateSupplier('openai', { status: 'suspended' }), /disk full/);
  await assert.rejects(failing.openIncident({ title: 't', severity: 'low' }), /disk full/);
  await assert.rejects(failing.importRecords('systems', 'systems:\n  - { id: x, name: X, purpose: p, owner: o, lifecycle: idea, role: deployer, euAiActClass: minimal }\n', 'yaml', 'f.yaml'), /disk full/);
  assert.equal(snapshot(), before);
  await service.removeSystem('support-bot');
  await assert.rejects(failing.removeSupplier('openai'), /disk full/);
  assert.ok(store.suppliers.get('openai'));
});
