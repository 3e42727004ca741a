// The compliance module end to end: a seeded scenario (registry, traffic through a real gateway
// with the official SDKs, a hold and its review, a kill switch, a serious incident) gives known
// statuses across frameworks; missing records turn the right requirements into gaps; an evidence
// pack built from it verifies, and a tampered one does not.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { startTestWarden, type TestWarden } from './helpers/warden.js';
import { warden } from './helpers/cli.js';
import { api, roleTokens } from './admin/helpers.js';
import { findRecords } from '../src/audit/query.js';
import { openStore } from '../src/audit/read.js';
import { adminRecord } from '../src/core/admin.js';
import type { AuditRecord } from '../src/core/types.js';
import { generatePrivateKey, parsePrivateKey, parseVerifierKey, verifierKey } from '../src/audit/note.js';
import { RegistryService } from '../src/registry/service.js';
import { ComplianceService } from '../src/compliance/service.js';
import { openCollectorContext } from '../src/compliance/context.js';
import { assessFramework } from '../src/compliance/gap.js';
import { DEFAULTS } from '../src/audit/log.js';
import { verifyPack } from '../src/compliance/verify-pack.js';
import type { FrameworkId, GapReport, Status } from '../src/compliance/types.js';
import pino from 'pino';
import { parseConfig } from '../src/config/load.js';
import { startWarden } from '../src/server/runtime.js';
import { DEMO_SUPPLIER, DEMO_SYSTEM, registerDemo, withDemo } from '../src/server/demo.js';
import { demoKey } from '../src/server/demo-key.js';

let t: TestWarden;
let openai: OpenAI;
let anthropic: Anthropic;
let registry: RegistryService;
let heldDecision = '';
const tmp = mkdtempSync(join(tmpdir(), 'warden-evidence-'));
const period = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() };
const chat = (content: string) => openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content }] });
const settle = () => new Promise((r) => setTimeout(r, 300));

function gap(framework: FrameworkId): GapReport {
  const ctx = openCollectorContext({
    dataDir: t.dataDir,
    store: t.warden.store,
    verifier: parseVerifierKey(t.warden.audit.log.publicKey),
    period,
    retention: DEFAULTS.retention,
  });
  try {
    return assessFramework(framework, ctx);
  } finally {
    ctx.close();
  }
}
const statusOf = (r: GapReport, id: string): Status => {
  const e = r.entries.find((x) => x.id === id);
  assert.ok(e, `${r.framework} has ${id}`);
  return e.status;
};
const expectStatuses = (framework: FrameworkId, want: Record<string, Status>) => {
  const r = gap(framework);
  const got = Object.fromEntries(Object.keys(want).map((id) => [id, statusOf(r, id)]));
  assert.deepEqual(got, want, JSON.stringify(r.entries.filter((e) => e.id in want).map((e) => [e.id, e.evidence.map((x) => `${x.status}: ${x.detail}`)]), null, 1));
  return r;
};

before(async () => {
  t = await startTestWarden();
  openai = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.key, maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: t.url, apiKey: t.key, maxRetries: 0 });
  registry = new RegistryService(t.warden.store.registry, t.warden.audit.log, 'qa@example.com', 'test');
  await registry.createSupplier({ id: 'openai', name: 'OpenAI', status: 'approved', dpa: true, nextReviewAt: '2099-01-01' });
  await registry.createSystem({
    id: 'app',
    name: 'Support assistant',
    purpose: 'Answers customer questions',
    owner: 'cx@example.com',
    lifecycle: 'production',
    role: 'deployer',
    euAiActClass: 'limited',
    dataCategories: ['personal'],
    suppliers: ['openai', 'anthropic'],
    models: ['gpt-4o', 'claude-sonnet-4-6'],
    oversight: ['privacy office reviews held requests'],
  });
  await registry.createRisk({ id: 'r-leak', systemId: 'app', title: 'Customer data reaches a supplier', likelihood: 3, impact: 4, treatment: 'mitigate', owner: 'cx@example.com', reviewAt: '2099-01-01' });
  const a = await registry.createAssessment({ id: 'ia-app', systemId: 'app', title: 'Support assistant impact', severity: 'medium', affected: [{ group: 'customers' }] });
  await registry.decideAssessment(a.id, 'approved');
  t.warden.gateway.deps.live.refresh(true);
  await settle();

  // Traffic: plain questions, one with personal data (tokenised), one with health data (held).
  for (let i = 0; i < 3; i++) await chat(`What are your opening hours? (${i})`);
  await chat('Please email alice.smith@example.com about her order');
  await assert.rejects(chat('Summarise the chart for patient MRN: 48213377 seen today'), (err: any) => {
    heldDecision = err.headers.get('x-warden-decision-id');
    return err.code === 'WARDEN_POLICY_HELD';
  });
  const review = t.warden.store.reviews.list().find((r) => r.decisionId === heldDecision)!;
  const decided = t.warden.store.reviews.decide(review.id, 'approved', 'privacy@example.com', 'needed for the case')!;
  await t.warden.audit.log.append(adminRecord('test', 'privacy@example.com', 'review.approve', review.id, decided.before, decided.after) as AuditRecord);

  // The kill switch exercised: set and resumed.
  const kill = t.warden.store.killSwitches.set('system', 'app', 'quarterly stop drill', 'ops@example.com');
  await t.warden.audit.log.append(adminRecord('test', 'ops@example.com', 'kill.set', 'system:app', null, kill.record) as AuditRecord);
  const resumed = t.warden.store.killSwitches.resume('system', 'app', 'ops@example.com')!;
  await t.warden.audit.log.append(adminRecord('test', 'ops@example.com', 'kill.resume', 'system:app', resumed.before, resumed.after) as AuditRecord);

  // A serious incident from the held decision, reported in time.
  const incident = await registry.openIncident(
    { title: 'Health data sent by the support assistant', severity: 'high', serious: { kinds: ['fundamental-rights'] } },
    { id: heldDecision, system: 'app' },
  );
  await registry.reportIncident(incident.id, { authority: 'national authority', reference: 'REF-1' });

  // Statement of Applicability and an attestation.
  const compliance = new ComplianceService(t.warden.store.compliance, t.warden.audit.log, 'ciso@example.com', 'test');
  await compliance.setSoa('A.6.2.8', { applicable: true, justification: 'The gateway logs every AI call', implementation: 'implemented', evidence: ['iso42001:A.6.2.8'] });
  await compliance.setSoa('A.7.2', { applicable: false, justification: 'We deploy bought models and develop none' });
  await compliance.attest(
    { framework: 'iso42001', requirement: '5.2', owner: 'ciso@example.com', expiresAt: '2099-12-31' },
    { name: 'ai-policy.pdf', content: Buffer.from('%PDF-1.7 our AI policy, approved by the board') },
  );
  await t.warden.audit.log.checkpoint();
});

after(async () => {
  await t.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('gap assessment over a seeded scenario', () => {
  it('ISO/IEC 42001: logging, suppliers, risk, impact, SoA, monitoring, documentation, incidents met; attested 5.2 met; SoA exclusion not applicable', () => {
    const r = expectStatuses('iso42001', {
      'A.6.2.8': 'met',
      'A.10.3': 'met',
      '6.1.2': 'met',
      '6.1.4': 'met',
      '6.1.3': 'partial',
      '9.1': 'met',
      '7.5': 'met',
      '10.2': 'met',
      'A.9.2': 'met',
      '5.2': 'met',
      '5.3': 'manual',
      'A.7.2': 'not-applicable',
    });
    // The held decision is sampled as evidence of oversight, and A.9.3 is evidenced by the rules that fired.
    assert.ok(r.entries.find((e) => e.id === 'A.9.2')!.evidence.some((e) => e.decisions?.includes(heldDecision)));
    // A.9.3: the default pack's acting rules each name their controls, and rules naming A.9.3 fired (tokenisation).
    assert.equal(statusOf(r, 'A.9.3'), 'met');
    assert.ok(r.entries.find((e) => e.id === 'A.9.3')!.evidence.some((e) => e.check.startsWith('Policy rules naming iso42001:A.9.3')));
    assert.ok(r.entries.find((e) => e.id === '4.1')!.related!.includes('nist-ai-rmf:GOVERN-1.1'));
  });

  it('NIST AI RMF, EU AI Act, NAIC, SOC 2 and HIPAA from the same records', () => {
    expectStatuses('nist-ai-rmf', { 'MANAGE-2.4': 'met', 'GOVERN-6.1': 'met', 'MEASURE-2.4': 'met', 'MANAGE-4.3': 'met', 'GOVERN-2.2': 'manual' });
    // Art. 19 and 26(6) want six months of logs; the default retention (184 days) covers that.
    expectStatuses('eu-ai-act', { 'art-12': 'met', 'art-14': 'met', 'art-73': 'met', 'art-9': 'met', 'art-19': 'met', 'art-17': 'manual' });
    expectStatuses('naic', { 'AIS-4.due-diligence': 'met', 'AIS-3.inventory': 'met', 'AIS-3.oversight': 'met' });
    expectStatuses('soc2', { 'CC7.2': 'met', 'CC8.1': 'met', 'CC9.2': 'met', 'CC6.1': 'met', 'CC7.4': 'met' });
    expectStatuses('hipaa', { '164.312(b)': 'met', '164.316(b)(2)(i)': 'met', '164.316(b)(1)': 'met' });
  });

  it('a supplier seen in traffic but not in the register, and a production system without a risk assessment, are gaps', async () => {
    const msg = await anthropic.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: 'Hello there' }] });
    assert.ok(msg.content.length > 0);
    await registry.removeRisk('r-leak');
    const iso = expectStatuses('iso42001', { 'A.10.3': 'gap', '6.1.2': 'gap', '8.2': 'gap', 'A.6.2.8': 'met' });
    assert.match(iso.entries.find((e) => e.id === 'A.10.3')!.evidence[0].detail, /anthropic .* not in the supplier register/);
    expectStatuses('eu-ai-act', { 'art-9': 'gap', 'art-14': 'met' });
    expectStatuses('soc2', { 'CC9.2': 'gap' });
    expectStatuses('naic', { 'AIS-4.due-diligence': 'gap', 'AIS-1.proportionate': 'gap' });
  });

  it('warden gap --json gives one entry per requirement with id, title, status and evidence', () => {
    const r = warden(['gap', '--framework', 'soc2', '--data', t.dataDir, '--from', period.from, '--to', period.to, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as GapReport;
    assert.equal(report.entries.length, 17);
    for (const e of report.entries) assert.ok(e.id && e.title && e.status && Array.isArray(e.evidence));
    assert.equal(report.entries.find((e) => e.id === 'CC9.2')!.status, 'gap');
    // An auditor with only the public key: the log verifies against it, and not against another key.
    const withKey = (key: string) => JSON.parse(warden(['gap', '--framework', 'soc2', '--data', t.dataDir, '--key', key, '--json']).stdout) as GapReport;
    assert.equal(statusOf(withKey(t.warden.audit.log.publicKey), 'CC7.2'), 'met');
    const other = verifierKey(parsePrivateKey(generatePrivateKey('warden-audit')));
    const forged = withKey(other).entries.find((e) => e.id === 'CC7.2')!;
    assert.equal(forged.status, 'gap');
    assert.match(forged.evidence[0].detail, /NOT SOUND/);
    const bad = warden(['gap', '--framework', 'iso27001', '--data', t.dataDir]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--framework must be one of/);
  });
});

describe('SoA and attestations through the admin API', () => {
  it('an admin edits the SoA and attests; each change is an admin record; others are refused', async () => {
    const tokens = roleTokens(t);
    const put = await api(t, 'PATCH', '/api/soa/A.8.3', tokens.admin, { applicable: true, justification: 'Incidents go to the authority', implementation: 'partial' });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.body.updatedBy, 'api:admin-bot');
    assert.equal((await api(t, 'PATCH', '/api/soa/A.8.3', tokens.auditor, { applicable: false })).status, 403);
    assert.equal((await api(t, 'PATCH', '/api/soa/A.99', tokens.admin, { applicable: true, justification: 'x' })).status, 404);
    const soa = await api(t, 'GET', '/api/soa', tokens.viewer);
    assert.equal(soa.body.length, 38);
    assert.equal(soa.body.find((e: any) => e.control === 'A.8.3').entry.implementation, 'partial');
    const doc = Buffer.from('Training register 2026');
    const att = await api(t, 'POST', '/api/attestations', tokens.admin, {
      framework: 'nist-ai-rmf', requirement: 'GOVERN-2.2', owner: 'hr@example.com', expiresAt: '2099-01-01', document: { name: 'training.csv', content: doc.toString('base64') },
    });
    assert.equal(att.status, 201, att.text);
    assert.equal(att.body.sha256, '' + (await import('node:crypto')).createHash('sha256').update(doc).digest('hex'));
    assert.equal(statusOf(gap('nist-ai-rmf'), 'GOVERN-2.2'), 'met');
    assert.equal((await api(t, 'POST', `/api/attestations/${att.body.id}/revoke`, tokens.admin, {})).status, 200);
    assert.equal(statusOf(gap('nist-ai-rmf'), 'GOVERN-2.2'), 'manual');
    const log = openStore(t.dataDir);
    try {
      const ops = [...findRecords(log, { kind: 'admin' })].map((r) => (r.record as any).op);
      for (const op of ['soa.set', 'attestation.create', 'attestation.revoke']) assert.ok(ops.includes(op), op);
    } finally {
      log.close();
    }
  });
});

describe('evidence pack', () => {
  let pack = '';
  before(() => {
    pack = join(tmp, 'pack');
    const r = warden(['evidence', 'pack', '--framework', 'iso42001', '--from', period.from, '--to', period.to, '--out', pack, '--data', t.dataDir, '--json']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout).receipts > 0);
  });

  it('holds the report, charts, SoA, checkpoint, key, receipts, policy versions and registry, and verifies', () => {
    const html = readFileSync(join(pack, 'index.html'), 'utf8');
    assert.match(html, /<svg[^>]*aria-label="Decisions by action per day"/);
    assert.match(html, /aria-label="Violations by type per day"/);
    assert.match(html, /A\.7\.2<\/code><\/td><td>[^<]*<\/td><td>no<\/td>/, 'the SoA shows the exclusion');
    assert.ok(!/<script|https?:\/\/(?!www\.w3\.org\/2000\/svg)/.test(html), 'no script, nothing fetched');
    assert.ok(readFileSync(join(pack, `receipts/${heldDecision}.json`), 'utf8').includes(heldDecision));
    for (const f of ['checkpoint.note', 'public-key.txt', 'soa.json', 'policies/versions.json', 'registry/systems.json', 'registry/incidents.json', 'attestations/attestations.json', 'MANIFEST'])
      assert.ok(readFileSync(join(pack, f)).length > 0, f);
    const key = readFileSync(join(pack, 'public-key.txt'), 'utf8').trim();
    assert.equal(key, t.warden.audit.log.publicKey);
    const r = warden(['evidence', 'verify', pack, '--key', key]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^sound: \d+ files .* \d+ receipts/);
  });

  const tampered = (name: string, change: (dir: string) => void) => {
    const dir = join(tmp, name);
    cpSync(pack, dir, { recursive: true });
    change(dir);
    return verifyPack(dir, t.warden.audit.log.publicKey);
  };

  it('an edited report, an edited receipt, a removed file, an added file and a changed manifest are each named', () => {
    const report = tampered('report', (d) => writeFileSync(join(d, 'index.html'), readFileSync(join(d, 'index.html'), 'utf8').replace('>gap<', '>met<')));
    assert.deepEqual(report.problems, ['changed: index.html']);

    const receipt = tampered('receipt', (d) => {
      const f = join(d, 'receipts', `${heldDecision}.json`);
      writeFileSync(f, readFileSync(f, 'utf8').replace('\\"action\\":\\"hold\\"', '\\"action\\":\\"allow\\"'));
    });
    assert.ok(receipt.problems.includes(`changed: receipts/${heldDecision}.json`), receipt.problems.join('\n'));
    assert.ok(receipt.problems.some((p) => p.startsWith(`receipts/${heldDecision}.json: receipt does not verify`)), receipt.problems.join('\n'));

    const removed = tampered('removed', (d) => unlinkSync(join(d, 'registry', 'risks.json')));
    assert.deepEqual(removed.problems, ['removed: registry/risks.json']);

    const added = tampered('added', (d) => writeFileSync(join(d, 'registry', 'extra.json'), '[]'));
    assert.deepEqual(added.problems, ['added: registry/extra.json']);

    const manifest = tampered('manifest', (d) => {
      const f = join(d, 'MANIFEST');
      writeFileSync(f, readFileSync(f, 'utf8').replace(/^[0-9a-f]{64}(?=  index\.html$)/m, '0'.repeat(64)));
    });
    assert.equal(manifest.problems.length, 1);
    assert.match(manifest.problems[0], /^MANIFEST: changed or not signed/);

    const otherKey = tampered('key', () => {});
    assert.ok(otherKey.ok);
    const wrong = verifyPack(join(tmp, 'key'), 'other+00000000+AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    assert.ok(!wrong.ok);
  });

  it('warden evidence verify exits 1 and names what changed', () => {
    const dir = join(tmp, 'cli');
    cpSync(pack, dir, { recursive: true });
    appendFileSync(join(dir, 'soa.json'), ' ');
    unlinkSync(join(dir, 'policies', 'versions.json'));
    const r = warden(['evidence', 'verify', dir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /NOT SOUND/);
    assert.match(r.stderr, /changed: soa\.json/);
    assert.match(r.stderr, /removed: policies\/versions\.json/);
  });
});

describe('demo mode fills the inventory', () => {
  it('two demo starts on one data folder register demo-assistant and the demo supplier once; gap no longer says the inventory is empty', async () => {
    const dataDir = join(tmp, 'demo');
    // What `warden start --demo` does: the demo config, the gateway, the registry entries, the key.
    const start = async () => {
      const w = await startWarden({ config: withDemo(parseConfig('log_level: silent', 'test')), dataDir, port: 0, host: '127.0.0.1', log: pino({ level: 'silent' }) });
      const created = await registerDemo(w);
      const key = await demoKey(w);
      return { w, created, key };
    };
    const first = await start();
    assert.deepEqual(first.created, [`supplier:${DEMO_SUPPLIER}`, `system:${DEMO_SYSTEM}`]);
    const client = new OpenAI({ baseURL: `${first.w.url}/v1`, apiKey: first.key, maxRetries: 0 });
    await client.chat.completions.create({ model: 'demo-1', messages: [{ role: 'user', content: 'Hello' }] });
    await first.w.audit.log.checkpoint();
    await first.w.close();
    const second = await start();
    try {
      assert.deepEqual(second.created, [], 'the second start changes nothing');
      assert.deepEqual(second.w.store.registry.systems.list().map((s) => s.id), [DEMO_SYSTEM]);
      assert.deepEqual(second.w.store.registry.suppliers.list().map((s) => s.id), [DEMO_SUPPLIER]);
      const log = openStore(dataDir);
      try {
        const ops = [...findRecords(log, { kind: 'admin' })].map((r) => r.record as any).filter((r) => r.op === 'system.create' || r.op === 'supplier.create');
        assert.deepEqual(ops.map((r) => `${r.op} ${r.target} by ${r.actor}`), [`supplier.create ${DEMO_SUPPLIER} by warden start --demo`, `system.create ${DEMO_SYSTEM} by warden start --demo`]);
      } finally {
        log.close();
      }
    } finally {
      await second.w.close();
    }
    const r = warden(['gap', '--framework', 'iso42001', '--data', dataDir]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stdout, /the inventory is empty/);
    assert.doesNotMatch(r.stdout, /no system in the inventory affects people/);
    assert.match(r.stdout, /^A\.4\.2\s+met/m);
    // The demo system handles personal data and nobody assessed it: a real gap, named.
    assert.match(r.stdout, /^A\.5\.2\s+gap/m);
    assert.match(r.stdout, /no impact assessment: demo-assistant/);
    assert.match(r.stdout, /expects: Data-provenance records/);
  });
});
