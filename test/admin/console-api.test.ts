// The endpoints the console's screens read: overview, the decisions explorer and one decision with
// a receipt the browser checks itself, frameworks and gap reports, evidence packs (zip, verified
// after unzipping), policy explain, version diff, lint. Each answer parses with its route's
// `response` schema; findings never carry text.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { startTestWarden, type TestWarden } from '../helpers/warden.js';
import { api, roleTokens } from './helpers.js';
import type { Role } from '../../src/store/types.js';
import { overviewSchema } from '../../src/server/admin/overview.js';
import { recordPageSchema } from '../../src/server/admin/audit-schemas.js';
import { decisionDetailSchema } from '../../src/server/admin/decision.js';
import { frameworkSchema, gapReportSchema, storedPackSchema } from '../../src/server/admin/evidence.js';
import { explainResultSchema, policyDiffSchema, policyLintSchema } from '../../src/server/admin/policies.js';
import { verifyPack } from '../../src/compliance/verify-pack.js';
import { z } from 'zod';

const EMAIL = 'jane.roe@example.org';
const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';

let t: TestWarden;
let tokens: Record<Role, string>;
const decisions: { redacted?: string; blocked?: string; plain?: string } = {};

async function chat(content: string, model = 'gpt-4o-mini'): Promise<string> {
  const r = await fetch(`${t.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model, messages: [{ role: 'user', content }] }),
  });
  await r.text();
  return r.headers.get('x-warden-decision-id')!;
}

before(async () => {
  t = await startTestWarden();
  tokens = roleTokens(t);
  decisions.plain = await chat('hello there');
  decisions.redacted = await chat(`write to ${EMAIL} about the invoice`);
  decisions.blocked = await chat(`deploy with ${AWS_KEY} please`);
  const claude = await fetch(`${t.url}/v1/messages`, {
    method: 'POST',
    headers: { 'x-api-key': t.key, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user', content: 'hello' }] }),
  });
  assert.equal(claude.status, 200, await claude.text());
  // The completion of the last answer is deferred a few ms; let it land.
  await new Promise((r) => setTimeout(r, 100));
});
after(() => t.close());

describe('overview', () => {
  it('counts decisions by action, top rules, findings, holds, kill switches and the log size; every role may read it', async () => {
    await api(t, 'POST', '/api/kill-switches', tokens.reviewer, { scope: 'model', target: 'gpt-3', reason: 'drill' });
    for (const role of ['viewer', 'admin', 'auditor'] as const) {
      const r = await api(t, 'GET', '/api/overview?since=24h', tokens[role]);
      assert.equal(r.status, 200, r.text);
      const o = overviewSchema.parse(r.body);
      assert.equal(o.bucket, 'hour');
      assert.ok(o.decisions.length === 24 || o.decisions.length === 25, `${o.decisions.length} buckets`);
      assert.ok(o.totals.block >= 1 && o.totals.redact >= 1 && o.totals.allow >= 2, JSON.stringify(o.totals));
      assert.equal(o.decisions.reduce((n, b) => n + b.total, 0), Object.values(o.totals).reduce((a, b) => a + b, 0));
      assert.ok(o.topRules.some((x) => x.id === 'secrets-to-supplier'));
      assert.ok(o.findings.length >= 2);
      assert.equal(o.holds.waiting, 0);
      assert.ok(o.holds.slaSeconds > 0 && o.holds.slaSeconds % 60 === 0);
      assert.ok(o.killSwitches.some((k) => k.target === 'gpt-3'));
      assert.ok(o.log.size >= 8);
    }
    const week = overviewSchema.parse((await api(t, 'GET', '/api/overview?since=7d', tokens.viewer)).body);
    assert.equal(week.bucket, 'day');
    assert.ok(week.decisions.length === 7 || week.decisions.length === 8);
    const bad = await api(t, 'GET', '/api/overview?since=1y', tokens.viewer);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'WARDEN_ADMIN_INVALID');
  });
});

describe('decisions explorer', () => {
  it('filters by supplier, finding type, rule and action, newest first, in pages', async () => {
    const page = async (q: string) => {
      const r = await api(t, 'GET', `/api/audit/records?${q}`, tokens.auditor);
      assert.equal(r.status, 200, r.text);
      return recordPageSchema.parse(r.body);
    };
    const anthropic = await page('supplier=anthropic&kind=decision');
    assert.equal(anthropic.records.length, 1);
    assert.equal((anthropic.records[0].record as { supplier: string }).supplier, 'anthropic');
    const blocked = await page('rule=secrets-to-supplier&action=block');
    assert.deepEqual(blocked.records.map((r) => r.record!.id), [decisions.blocked]);
    const types = (await page('id=' + decisions.blocked)).records.flatMap((r) => (r.record as { findings: Array<{ type: string }> }).findings.map((f) => f.type));
    assert.ok(types.length > 0);
    const byFinding = await page(`finding=${types[0]}`);
    assert.ok(byFinding.records.some((r) => r.record!.id === decisions.blocked));
    assert.ok(byFinding.records.every((r) => (r.record as { findings: Array<{ type: string }> }).findings.some((f) => f.type === types[0])));

    // Newest first, two at a time, until the end: the same records as one page, in the same order.
    const all = await page('kind=decision&order=newest-first&limit=1000');
    const paged: number[] = [];
    let after = -1;
    for (;;) {
      const p = await page(`kind=decision&order=newest-first&limit=2${after >= 0 ? `&after=${after}` : ''}`);
      paged.push(...p.records.map((r) => r.index));
      if (p.next === null) break;
      after = p.next;
    }
    assert.deepEqual(paged, all.records.map((r) => r.index));
    assert.ok(paged[0] > paged[paged.length - 1]);
  });

  it('the export takes the same filters', async () => {
    const r = await fetch(`${t.url}/api/audit/export?supplier=anthropic&kind=decision`, { headers: { authorization: `Bearer ${tokens.auditor}` } });
    assert.equal(r.status, 200);
    const lines = (await r.text()).trim().split('\n');
    assert.equal(lines.length, 1);
    assert.equal(JSON.parse(lines[0]).supplier, 'anthropic');
  });
});

describe('one decision', () => {
  it('has its records, the rules with descriptions, findings without text, and a receipt the browser can check by hand', async () => {
    const r = await api(t, 'GET', `/api/audit/decisions/${decisions.redacted}`, tokens.auditor);
    assert.equal(r.status, 200, r.text);
    const d = decisionDetailSchema.parse(r.body);
    assert.ok(!r.text.includes(EMAIL), 'the answer never carries the text');
    assert.ok(!r.text.includes('jane.roe'));
    assert.deepEqual(d.records.map((x) => x.record.kind).sort(), ['completion', 'decision']);
    assert.equal(d.policy?.version, t.warden.policy.current().version);
    assert.equal(d.policy?.kept, true);
    const rule = d.rules.find((x) => x.id === 'personal-data-to-public-supplier');
    assert.ok(rule && rule.description && rule.file === 'personal-data.yaml', JSON.stringify(d.rules));
    assert.ok(d.findings.length > 0 && d.findings.every((f) => f.count > 0 && f.offsets.length > 0));
    assert.ok(d.receipt, d.receiptError ?? '');

    // What a browser does with the answer, with nothing but node:crypto and the steps it was given.
    // The base64 key may itself hold '+': split off the name and the key id only.
    const [name, idHex, ...rest] = d.verification.publicKey.split('+');
    const b64 = rest.join('+');
    assert.equal(d.verification.keyName, name);
    const raw = Buffer.from(b64, 'base64');
    assert.equal(raw[0], 0x01);
    const pub = raw.subarray(1);
    const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
    assert.equal(sha(Buffer.from(name), Buffer.from([0x0a, 0x01]), pub).subarray(0, 4).toString('hex'), idHex);
    const key = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), pub]), format: 'der', type: 'spki' });
    for (const e of d.receipt!.entries) {
      const split = e.proof.indexOf('\n\n');
      const head = e.proof.slice(0, split).split('\n');
      assert.equal(head[0], 'c2sp.org/tlog-proof@v1');
      const index = Number(head[1].replace('index ', ''));
      assert.equal(index, e.index);
      const proof = head.slice(2).map((h) => Buffer.from(h, 'base64'));
      const note = e.proof.slice(split + 2);
      const cut = note.lastIndexOf('\n\n');
      const text = note.slice(0, cut + 1);
      const sigLine = note.slice(cut + 2, -1).split('\n').find((l) => l.startsWith(`\u2014 ${name} `))!;
      const sig = Buffer.from(sigLine.split(' ')[2], 'base64');
      assert.equal(sig.subarray(0, 4).toString('hex'), idHex);
      assert.ok(edVerify(null, Buffer.from(text), key, sig.subarray(4)), 'checkpoint signature');
      const [origin, sizeLine, rootLine] = text.split('\n');
      assert.equal(origin, d.verification.origin);
      const size = Number(sizeLine);
      // RFC 9162 §2.1.3.2, written out.
      let fn = index;
      let sn = size - 1;
      let h = sha(Buffer.from([0x00]), Buffer.from(e.leaf, 'utf8'));
      for (const p of proof) {
        if (fn % 2 === 1 || fn === sn) {
          h = sha(Buffer.from([0x01]), p, h);
          while (fn % 2 === 0 && fn !== 0) {
            fn /= 2;
            sn = Math.floor(sn / 2);
          }
        } else h = sha(Buffer.from([0x01]), h, p);
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
      assert.equal(sn, 0);
      assert.equal(h.toString('base64'), rootLine, 'the proof leads to the signed root');
      assert.equal(JSON.parse(e.leaf).id, decisions.redacted);
    }
  });

  it('404 for an unknown id; a viewer may not read decisions', async () => {
    assert.equal((await api(t, 'GET', '/api/audit/decisions/nope', tokens.admin)).status, 404);
    assert.equal((await api(t, 'GET', `/api/audit/decisions/${decisions.plain}`, tokens.viewer)).status, 403);
  });
});

describe('compliance', () => {
  it('lists frameworks with coverage and gives a gap report with evidence references', async () => {
    const f = await api(t, 'GET', '/api/compliance/frameworks', tokens.viewer);
    assert.equal(f.status, 200, f.text);
    const list = z.array(frameworkSchema).parse(f.body);
    const iso = list.find((x) => x.id === 'iso42001')!;
    assert.ok(iso.requirements > 30);
    assert.equal(Object.values(iso.coverage).reduce((a, b) => a + b, 0), iso.requirements);
    const g = await api(t, 'GET', '/api/compliance/gap?framework=iso42001', tokens.auditor);
    assert.equal(g.status, 200, g.text);
    const report = gapReportSchema.parse(g.body);
    assert.equal(report.entries.length, iso.requirements);
    assert.ok(report.entries.some((e) => e.evidence.some((ev) => ev.decisions?.length)), 'decisions the UI can open');
    assert.equal((await api(t, 'GET', '/api/compliance/gap?framework=nope', tokens.auditor)).status, 400);
    assert.equal((await api(t, 'GET', '/api/compliance/gap?framework=iso42001', tokens.viewer)).status, 403);
  });

  it('an auditor builds an evidence pack; it is recorded, listed, downloaded as a zip that verifies after unzipping', async () => {
    assert.equal((await api(t, 'POST', '/api/compliance/evidence-packs', tokens.viewer, { framework: 'iso42001' })).status, 403);
    assert.equal((await api(t, 'POST', '/api/compliance/evidence-packs', tokens['policy-author'], { framework: 'iso42001' })).status, 403);
    const made = await api(t, 'POST', '/api/compliance/evidence-packs', tokens.auditor, { framework: 'iso42001', from: '2020-01-01' });
    assert.equal(made.status, 201, made.text);
    const pack = storedPackSchema.parse(made.body);
    assert.equal(pack.from, '2020-01-01T00:00:00.000Z');
    assert.equal(pack.createdBy, 'api:auditor-bot');
    assert.ok(pack.receipts > 0);

    const rec = await api(t, 'GET', `/api/audit/records?kind=admin&order=newest-first`, tokens.auditor);
    const made1 = rec.body.records.filter((x: any) => x.record.op === 'evidence.pack');
    assert.equal(made1.length, 1);
    assert.equal(made1[0].record.target, pack.id);
    assert.equal(made1[0].record.actor, 'api:auditor-bot');
    assert.equal(made1[0].record.detail.sha256, pack.sha256);

    const listed = await api(t, 'GET', '/api/compliance/evidence-packs', tokens.admin);
    assert.deepEqual(z.array(storedPackSchema).parse(listed.body)[0], pack);

    const dl = await fetch(`${t.url}/api/compliance/evidence-packs/${pack.id}`, { headers: { authorization: `Bearer ${tokens.auditor}` } });
    assert.equal(dl.status, 200);
    assert.equal(dl.headers.get('content-type'), 'application/zip');
    assert.match(dl.headers.get('content-disposition')!, /^attachment; filename="warden-evidence-iso42001-[0-9A-Z]+\.zip"$/);
    const zip = Buffer.from(await dl.arrayBuffer());
    assert.equal(zip.length, pack.bytes);
    assert.equal(createHash('sha256').update(zip).digest('hex'), pack.sha256);
    const dir = mkdtempSync(join(tmpdir(), 'warden-unzip-'));
    try {
      const files = unzipSync(zip);
      assert.equal(Object.keys(files).length, pack.files);
      for (const [name, data] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), data);
      }
      const v = verifyPack(dir, t.warden.audit.log.publicKey);
      assert.ok(v.ok, v.problems.join('\n'));
      assert.equal(v.receipts, pack.receipts);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.equal((await api(t, 'GET', '/api/compliance/evidence-packs/01HZZZZZZZZZZZZZZZZZZZZZZZ', tokens.auditor)).status, 404);
    assert.equal((await api(t, 'GET', '/api/compliance/evidence-packs/..%2F..%2Faudit', tokens.auditor)).status, 404);
  });
});

describe('policies', () => {
  it('explains a sample prompt with the detectors and the policy in force, never echoing its text', async () => {
    const r = await api(t, 'POST', '/api/policies/explain', tokens['policy-author'], { prompt: `mail ${EMAIL} the key ${AWS_KEY}`, system: 'app', model: 'gpt-4o' });
    assert.equal(r.status, 200, r.text);
    const x = explainResultSchema.parse(r.body);
    assert.ok(!r.text.includes(EMAIL) && !r.text.includes(AWS_KEY), 'no text in the answer');
    assert.equal(x.decision.action, 'block');
    assert.equal(x.input.supplier.id, 'openai');
    assert.equal(x.input.user, 'policy-author-bot');
    assert.ok(x.findings.length >= 2);
    const secrets = x.rules.find((e) => e.id === 'secrets-to-supplier')!;
    assert.equal(secrets.matched, true);
    assert.ok(x.rules.some((e) => !e.matched));
    assert.ok(x.rules.every((e) => e.checks.length > 0));
    // Nothing was written to the audit log for it.
    const log = await api(t, 'GET', '/api/audit/records?since=1m&kind=admin', tokens.auditor);
    assert.ok(!log.text.includes('explain'));
    assert.equal((await api(t, 'POST', '/api/policies/explain', tokens.viewer, { prompt: 'x' })).status, 403);
    const bad = await api(t, 'POST', '/api/policies/explain', tokens.admin, { prompt: 'x', extra: 1 });
    assert.equal(bad.status, 400);
  });

  it('diffs two versions', async () => {
    const cur = t.warden.store.policyVersions.get(t.warden.policy.current().version)!;
    const files = cur.files.map((f) => (f.name === 'secrets.yaml' ? { ...f, content: f.content.replace('action: block', 'action: hold') } : f));
    files.push({ name: 'zz-extra.yaml', content: 'rules: []\n' });
    const { sourceFromFiles } = await import('../../src/policy/index.js');
    const next = sourceFromFiles(files);
    t.warden.store.policyVersions.save({ version: next.version, loadedAt: new Date().toISOString(), loadedBy: 'test', files: next.files });
    const r = await api(t, 'GET', `/api/policies/versions/${cur.version}/diff/${next.version}`, tokens.viewer);
    assert.equal(r.status, 200, r.text);
    const d = policyDiffSchema.parse(r.body);
    assert.equal(d.from.loadedBy, cur.loadedBy);
    assert.equal(d.to.loadedBy, 'test');
    assert.deepEqual(d.files.filter((f) => f.change !== 'same'), [
      { name: 'secrets.yaml', change: 'changed' },
      { name: 'zz-extra.yaml', change: 'added' },
    ]);
    assert.match(d.diff, /^--- a\/secrets.yaml\n\+\+\+ b\/secrets.yaml\n@@ /m);
    assert.match(d.diff, /^-    action: block\n\+    action: hold$/m);
    assert.match(d.diff, /^--- \/dev\/null\n\+\+\+ b\/zz-extra.yaml\n@@ -0,0 \+1 @@\n\+rules: \[\]$/m);
    assert.equal((await api(t, 'GET', `/api/policies/versions/${cur.version}/diff/sha256:none`, tokens.viewer)).status, 404);
  });

  it('lints the policy in force and runs its tests', async () => {
    const r = await api(t, 'GET', '/api/policies/lint', tokens.reviewer);
    assert.equal(r.status, 200, r.text);
    const l = policyLintSchema.parse(r.body);
    assert.deepEqual(l.lint.errors, []);
    assert.equal(l.lint.version, t.warden.policy.current().version);
    assert.ok(l.tests && l.tests.passed > 0 && l.tests.failed === 0, JSON.stringify(l.tests?.results.filter((x) => !x.passed)));
    assert.equal((await api(t, 'GET', '/api/policies/lint', tokens.viewer)).status, 403);
  });
});
