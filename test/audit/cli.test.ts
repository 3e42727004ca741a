// `warden audit …` end to end, in process: verify, prove / verify-receipt, export, search, tamper.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from '../helpers/cli.js';
import { openAuditLog } from '../../src/audit/index.js';
import { sampleAdmin, sampleDecision } from '../../src/audit/testutil.js';
import { referenceRoot } from '../../src/audit/reference.js';
import { LogStore } from '../../src/audit/store.js';

let dir: string;
let decisionId: string;

const run = (...args: string[]) => runMain(['audit', ...args]);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-audit-cli-'));
  const log = await openAuditLog({ dataDir: dir, instance: 'gw', synchronous: 'NORMAL', origin: 'audit.example.com/warden' });
  for (let i = 0; i < 30; i++) await log.append(i % 9 === 4 ? sampleAdmin(i) : sampleDecision(i));
  const d = sampleDecision(1, { action: 'block', rules: [{ id: 'secrets.aws', action: 'block', mode: 'enforce', controls: ['ISO42001:A.6.2.6'] }] });
  decisionId = d.id;
  await log.append(d);
  for (let i = 30; i < 40; i++) await log.append(sampleDecision(i));
  await log.append({ ...d, kind: 'completion', direction: 'response', action: 'allow', rules: [], outcome: { status: 403 } });
  await log.close();
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('pubkey prints a vkey and verify says sound', async () => {
  const pk = await run('pubkey', '--data', dir);
  assert.equal(pk.code, 0);
  assert.match(pk.out, /^warden-audit\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*\n$/);
  const v = await run('verify', '--data', dir, '--key', pk.out.trim());
  assert.equal(v.code, 0, v.err);
  assert.match(v.out, /^sound: 42 leaves/);
  const cp = await run('checkpoint', '--data', dir);
  assert.match(cp.out, /^audit\.example\.com\/warden\n42\n[A-Za-z0-9+/]{43}=\n\n\u2014 warden-audit /);
});

test('prove writes a receipt for the decision and its completion that verifies offline; a changed leaf does not', async () => {
  const vkey = (await run('pubkey', '--data', dir)).out.trim();
  const file = join(dir, 'receipt.json');
  const p = await run('prove', decisionId, '--data', dir, '--out', file);
  assert.equal(p.code, 0, p.err);
  const receipt = JSON.parse(readFileSync(file, 'utf8'));
  assert.deepEqual(receipt.entries.map((e: { kind: string }) => e.kind), ['decision', 'completion']);
  assert.match(receipt.entries[0].proof, /^c2sp\.org\/tlog-proof@v1\nindex 30\n/);
  const ok = await run('verify-receipt', file, '--key', vkey);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /valid: decision record .* at index 30 .*block/);
  receipt.entries[0].leaf = receipt.entries[0].leaf.replace('"block"', '"allow"');
  writeFileSync(file, JSON.stringify(receipt));
  const bad = await run('verify-receipt', file, '--key', vkey);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /NOT valid: entry 0: the leaf is not in the signed tree/);
  const other = await run('verify-receipt', file, '--key', 'someone+00000000+AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
  assert.equal(other.code, 1);
});

test('export jsonl lines are exactly the leaves: their tree root is the checkpoint root', async () => {
  const ex = await run('export', '--data', dir, '--format', 'jsonl');
  assert.equal(ex.code, 0, ex.err);
  const lines = ex.out.split('\n').slice(0, -1);
  assert.equal(lines.length, 42);
  const cp = (await run('checkpoint', '--data', dir)).out.split('\n');
  assert.equal(referenceRoot(lines.map((l) => Buffer.from(l, 'utf8'))).toString('base64'), cp[2]);
});

test('export csv, ocsf and cef', async () => {
  const csv = (await run('export', '--data', dir, '--format', 'csv')).out.split('\n');
  assert.match(csv[0], /^index,id,kind,time,/);
  assert.equal(csv.length, 44);
  const ocsf = (await run('export', '--data', dir, '--format', 'ocsf', '--id', decisionId)).out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(ocsf[0].class_uid, 6003);
  assert.equal(ocsf[0].disposition_id, 2);
  assert.equal(ocsf[0].disposition, 'Blocked');
  assert.equal(ocsf[0].metadata.uid, decisionId);
  const cef = (await run('export', '--data', dir, '--format', 'cef', '--action', 'block')).out.trim().split('\n');
  assert.ok(cef.length >= 1);
  for (const l of cef) assert.match(l, /^CEF:0\|Warden\|Warden\|[^|]+\|decision\.block\|AI request block( \(monitor\))?\|7\|rt=\d+ externalId=/);
  const bad = await run('export', '--data', dir, '--format', 'xml');
  assert.equal(bad.code, 1);
});

test('search filters by action, rule, finding, supplier, kind and time', async () => {
  const s = await run('search', '--data', dir, '--rule', 'secrets.aws', '--json');
  const found = s.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(found.length, 1);
  assert.equal(found[0].record.id, decisionId);
  const admins = (await run('search', '--data', dir, '--kind', 'admin', '--json')).out.trim().split('\n');
  assert.ok(admins.length >= 3);
  const none = await run('search', '--data', dir, '--until', '2000-01-01T00:00:00Z', '--json');
  assert.equal(none.out, '');
  const recent = (await run('search', '--data', dir, '--since', '1h', '--limit', '5', '--json')).out.trim().split('\n');
  assert.equal(recent.length, 5);
  const emails = (await run('search', '--data', dir, '--finding', 'email', '--json')).out.trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(emails.length > 0 && emails.every((r) => r.record.findings.some((f: { type: string }) => f.type === 'email')));
  assert.equal((await run('search', '--data', dir, '--supplier', 'anthropic', '--json')).out, '');
  assert.ok((await run('search', '--data', dir, '--supplier', 'openai', '--kind', 'decision', '--json')).out.trim().split('\n').length >= 30);
  const t = await run('tail', '--data', dir, '-n', '3');
  assert.equal(t.out.trim().split('\n').length, 3);
});

test('verify exits 1 naming the first altered leaf', async () => {
  const w = new LogStore(join(dir, 'audit.db'));
  const body = w.leafAt(7)!.leaf!;
  w.db.prepare('UPDATE leaves SET body = ? WHERE idx = 7').run(Buffer.from(body.replace('"gw-1"', '"gw-2"')));
  w.close();
  try {
    const v = await run('verify', '--data', dir, '--quiet');
    assert.equal(v.code, 1);
    assert.match(v.err, /NOT SOUND: leaf 7: /);
  } finally {
    const w2 = new LogStore(join(dir, 'audit.db'));
    w2.db.prepare('UPDATE leaves SET body = ? WHERE idx = 7').run(Buffer.from(body));
    w2.close();
  }
});
