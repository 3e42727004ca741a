// Every change through the admin API is an admin record in the audit log (who, what, hashes of
// the state before and after), durable before the answer; no secret reaches the log. And the
// auditor's read endpoints: checkpoint, public key, search, receipts, export.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestWarden, type TestWarden } from '../helpers/warden.js';
import { openStore } from '../../src/audit/read.js';
import { findRecords } from '../../src/audit/query.js';
import { parseVerifierKey, verifyReceipt } from '../../src/audit/index.js';
import { stateHash } from '../../src/core/admin.js';
import type { AdminRecord } from '../../src/core/types.js';
import type { LogStore } from '../../src/audit/store.js';
import { api, roleTokens } from './helpers.js';
import { accountSchema, killSwitchSchema, newKeySchema, newTokenSchema, reviewSchema, sessionSchema } from '../../src/server/admin/schemas.js';
import type { Role } from '../../src/store/types.js';

const PASSWORD = 'a passphrase nobody guesses';
let t: TestWarden;
let tokens: Record<Role, string>;
let log: LogStore;
const secrets: string[] = [PASSWORD];

before(async () => {
  t = await startTestWarden();
  tokens = roleTokens(t);
  secrets.push(...Object.values(tokens));
  log = openStore(t.dataDir);
});
after(async () => {
  log.close();
  await t.close();
});

/** The newest admin record in the log, read back through the audit module. */
function newestAdmin(): AdminRecord {
  const all = [...findRecords(log, { kind: 'admin' })];
  return all[all.length - 1].record as AdminRecord;
}

const without = (o: Record<string, unknown>, ...keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

/** Checks the record the last change wrote: op, target, actor, and the hashes of before and after. */
function expectRecord(op: string, target: string, before: unknown, after: unknown, actor = 'api:admin-bot') {
  const rec = newestAdmin();
  assert.equal(rec.op, op);
  assert.equal(rec.target, target);
  assert.equal(rec.actor, actor);
  assert.equal(rec.beforeHash, stateHash(before), `${op} beforeHash`);
  assert.equal(rec.afterHash, stateHash(after), `${op} afterHash`);
}

describe('admin records', () => {
  it('accounts, sessions and tokens', async () => {
    const created = await api(t, 'POST', '/api/accounts', tokens.admin, { user: 'ann', role: 'viewer', password: PASSWORD });
    assert.equal(created.status, 201);
    expectRecord('account.create', 'ann', null, created.body);
    // Answers have exactly the shape the OpenAPI document gives.
    accountSchema.strict().parse(created.body);
    const changed = await api(t, 'PATCH', '/api/accounts/ann', tokens.admin, { role: 'auditor' });
    expectRecord('account.update', 'ann', created.body, changed.body);
    assert.deepEqual(newestAdmin().detail, { fields: ['role'], actorVia: 'api-token' });

    const login = await api(t, 'POST', '/api/auth/login', undefined, { user: 'ann', password: PASSWORD });
    secrets.push(login.body.token);
    sessionSchema.strict().parse(login.body);
    const session = t.warden.store.accounts.getToken(login.body.tokenId)!;
    expectRecord('session.create', session.id, null, session, 'api:ann');
    await api(t, 'POST', '/api/auth/logout', login.body.token);
    expectRecord('session.revoke', session.id, session, t.warden.store.accounts.getToken(session.id), 'api:ann');

    const tok = await api(t, 'POST', '/api/tokens', tokens.admin, { user: 'ci', role: 'viewer', expiresInDays: 30 });
    secrets.push(tok.body.token);
    newTokenSchema.strict().parse(tok.body);
    const tokRec = without(tok.body, 'token');
    expectRecord('token.create', tok.body.id, null, tokRec);
    const revoked = await api(t, 'DELETE', `/api/tokens/${tok.body.id}`, tokens.admin);
    expectRecord('token.revoke', tok.body.id, tokRec, revoked.body);
  });

  it('Warden keys and kill switches', async () => {
    const key = await api(t, 'POST', '/api/keys', tokens.admin, { user: 'svc@example.com', system: 'narrow', groups: ['batch'] });
    assert.equal(key.status, 201);
    secrets.push(key.body.key);
    newKeySchema.strict().parse(key.body);
    const keyRec = without(key.body, 'key');
    expectRecord('key.create', key.body.id, null, keyRec);
    // The gateway knows the new key at once.
    const chat = await fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key.body.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.notEqual(chat.status, 401);
    const revoked = await api(t, 'DELETE', `/api/keys/${key.body.id}`, tokens.admin);
    expectRecord('key.revoke', key.body.id, keyRec, revoked.body);

    const narrowKey = t.makeKey('narrow');
    const set = await api(t, 'POST', '/api/kill-switches', tokens.reviewer, { scope: 'system', target: 'narrow', reason: 'drill' });
    assert.equal(set.status, 201);
    expectRecord('kill.set', 'system:narrow', null, set.body, 'api:reviewer-bot');
    killSwitchSchema.strict().parse(set.body);
    // In force on this gateway as soon as the API has answered, without waiting for the poll.
    const stopped = await fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${narrowKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(stopped.status, 403);
    assert.equal(((await stopped.json()) as { error: { code: string } }).error.code, 'WARDEN_SUSPENDED');
    const again = await api(t, 'POST', '/api/kill-switches', tokens.reviewer, { scope: 'system', target: 'narrow', reason: 'drill' });
    assert.equal(again.status, 409);
    const resumed = await api(t, 'POST', '/api/kill-switches/resume', tokens.reviewer, { scope: 'system', target: 'narrow', reason: 'drill over' });
    expectRecord('kill.resume', 'system:narrow', set.body, resumed.body, 'api:reviewer-bot');
    assert.deepEqual(newestAdmin().detail, { reason: 'drill over', actorVia: 'api-token' });
  });

  it('review decisions', async () => {
    const now = Date.now();
    const open = (id: string) =>
      t.warden.store.reviews.create({
        id,
        decisionId: `d-${id}`,
        fingerprint: `fp-${id}`,
        user: 'alice@example.com',
        system: 'app',
        supplier: 'openai',
        model: 'gpt-4o',
        rules: ['hold-health'],
        findings: [{ type: 'PHI', count: 1 }],
        excerpt: 'patient [PHI] …',
        reviewers: [],
        validityMs: 600_000,
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + 3_600_000).toISOString(),
      });
    open('rv-1');
    open('rv-2');
    const before1 = without((await api(t, 'GET', '/api/reviews/rv-1', tokens.reviewer)).body, 'waiting');
    const approved = await api(t, 'POST', '/api/reviews/rv-1/approve', tokens.reviewer, { reason: 'clinical need' });
    assert.equal(approved.status, 200);
    expectRecord('review.approve', 'rv-1', before1, without(approved.body, 'waiting'), 'api:reviewer-bot');
    assert.equal(approved.body.decidedBy, 'api:reviewer-bot');
    reviewSchema.parse(approved.body);
    const before2 = without((await api(t, 'GET', '/api/reviews/rv-2', tokens.reviewer)).body, 'waiting');
    const denied = await api(t, 'POST', '/api/reviews/rv-2/deny', tokens.admin, { reason: 'no need' });
    expectRecord('review.deny', 'rv-2', before2, without(denied.body, 'waiting'));
    assert.equal((await api(t, 'POST', '/api/reviews/rv-2/approve', tokens.admin, { reason: 'changed my mind' })).status, 409);
    assert.equal((await api(t, 'POST', '/api/reviews/rv-1/approve', tokens.admin, {})).status, 400);
  });

  it('registry records through the registry service', async () => {
    const sup = await api(t, 'POST', '/api/suppliers', tokens.admin, { id: 'acme-ai', name: 'Acme AI', status: 'approved', nextReviewAt: '2027-06-30' });
    assert.equal(sup.status, 201, sup.text);
    expectRecord('supplier.create', 'acme-ai', null, sup.body);
    const sys = await api(t, 'POST', '/api/systems', tokens.admin, {
      id: 'hr-bot',
      name: 'HR assistant',
      purpose: 'answers HR policy questions',
      owner: 'hr@example.com',
      lifecycle: 'development',
      role: 'deployer',
      euAiActClass: 'limited',
      suppliers: ['acme-ai'],
    });
    assert.equal(sys.status, 201, sys.text);
    expectRecord('system.create', 'hr-bot', null, sys.body);
    const upd = await api(t, 'PATCH', '/api/systems/hr-bot', tokens.admin, { notes: 'pilot in Q3' });
    expectRecord('system.update', 'hr-bot', sys.body, upd.body);
    const bad = await api(t, 'POST', '/api/systems', tokens.admin, { id: 'x', name: 'x' });
    assert.equal(bad.status, 400);
    assert.ok(bad.body.error.problems.some((p: { field: string }) => p.field === 'purpose'));
    const risk = await api(t, 'POST', '/api/risks', tokens['policy-author'], {
      systemId: 'hr-bot',
      title: 'wrong answers about leave',
      likelihood: 3,
      impact: 2,
      treatment: 'mitigate',
      owner: 'hr@example.com',
      reviewAt: '2027-01-31',
    });
    assert.equal(risk.status, 201, risk.text);
    expectRecord('risk.create', risk.body.id, null, risk.body, 'api:policy-author-bot');
    const inc = await api(t, 'POST', '/api/incidents', tokens.reviewer, { title: 'leaked salary band', severity: 'high', systems: ['hr-bot'] });
    assert.equal(inc.status, 201, inc.text);
    expectRecord('incident.open', inc.body.id, null, inc.body, 'api:reviewer-bot');
    const noted = await api(t, 'POST', `/api/incidents/${inc.body.id}/notes`, tokens.reviewer, { text: 'contained' });
    expectRecord('incident.note', inc.body.id, inc.body, noted.body, 'api:reviewer-bot');
    const report = await api(t, 'GET', `/api/incidents/${inc.body.id}/report`, tokens.auditor);
    assert.equal(report.status, 200);
    assert.match(report.headers.get('content-type')!, /markdown/);
    assert.match(report.text, /leaked salary band/);
    const exp = await api(t, 'GET', '/api/systems/export?format=csv', tokens.auditor);
    assert.match(exp.text, /hr-bot/);
  });

  it('imports the supplier register all or nothing, with line-level problems', async () => {
    const bad = 'suppliers:\n  - id: s-one\n    name: One\n    nextReviewAt: 2027-01-31\n  - id: s-two\n    name: Two\n    nextReviewAt: someday\n';
    const refused = await api(t, 'POST', '/api/suppliers/import', tokens.admin, { format: 'yaml', content: bad, file: 'suppliers.yaml' });
    assert.equal(refused.status, 400, refused.text);
    assert.ok(refused.body.error.problems.some((p: { line?: number; field: string }) => p.line === 7 && p.field === 'nextReviewAt'), refused.text);
    assert.equal((await api(t, 'GET', '/api/suppliers/s-one', tokens.admin)).status, 404);
    const good = bad.replace('someday', '2027-02-28');
    const dry = await api(t, 'POST', '/api/suppliers/import', tokens.admin, { format: 'yaml', content: good, dryRun: true });
    assert.deepEqual([dry.body.created, dry.body.dryRun], [['s-one', 's-two'], true]);
    assert.equal((await api(t, 'GET', '/api/suppliers/s-one', tokens.admin)).status, 404);
    const done = await api(t, 'POST', '/api/suppliers/import', tokens.admin, { format: 'yaml', content: good, file: 'suppliers.yaml' });
    assert.deepEqual(done.body.created, ['s-one', 's-two']);
    const rec = newestAdmin();
    assert.deepEqual([rec.op, rec.target, rec.detail], ['supplier.create', 's-two', { import: 'suppliers.yaml', actorVia: 'api-token' }]);
    assert.equal((await api(t, 'POST', '/api/suppliers/import', tokens.auditor, { format: 'yaml', content: good })).status, 403);
  });

  it('no secret reaches the audit log', () => {
    const leaves = log.leafRange(0, log.size()).map((r) => r.leaf ?? '').join('\n');
    for (const s of secrets) assert.ok(!leaves.includes(s), 'a secret is in the audit log');
    assert.ok(!leaves.includes('scrypt$'));
  });
});

describe('audit read endpoints', () => {
  it('receipt of a decision checks out with the served public key', async () => {
    const r = await fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }),
    });
    await r.text();
    const id = r.headers.get('x-warden-decision-id')!;
    const key = await api(t, 'GET', '/api/audit/public-key', tokens.auditor);
    const receipt = await api(t, 'GET', `/api/audit/receipts/${id}`, tokens.auditor);
    assert.equal(receipt.status, 200, receipt.text);
    const entries = verifyReceipt(receipt.body, parseVerifierKey(key.body.key));
    assert.equal(entries[0].record.id, id);
    const cp = await api(t, 'GET', '/api/audit/checkpoint', tokens.auditor);
    assert.equal(cp.status, 200);
    assert.ok(cp.body.size > 0 && cp.body.note.includes('\n\n'));
    assert.equal((await api(t, 'GET', '/api/audit/receipts/no-such-record', tokens.auditor)).status, 404);
  });

  it('search filters and pages; export streams the exact leaves', async () => {
    const page1 = await api(t, 'GET', '/api/audit/records?kind=admin&user=api:admin-bot&limit=2', tokens.auditor);
    assert.equal(page1.body.records.length, 2);
    assert.ok(page1.body.records.every((r: { record: AdminRecord }) => r.record.actor === 'api:admin-bot'));
    const page2 = await api(t, 'GET', `/api/audit/records?kind=admin&user=api:admin-bot&limit=2&after=${page1.body.next}`, tokens.auditor);
    assert.ok(page2.body.records[0].index > page1.body.records[1].index);
    // Newest first: the same records from the other end, paging downwards.
    const all = [...findRecords(log, { kind: 'admin', user: 'api:admin-bot' })].map((f) => f.index);
    const new1 = await api(t, 'GET', '/api/audit/records?kind=admin&user=api:admin-bot&limit=2&order=newest-first', tokens.auditor);
    assert.deepEqual(new1.body.records.map((r: { index: number }) => r.index), all.slice(-2).reverse());
    if (all.length > 2) {
      const new2 = await api(t, 'GET', `/api/audit/records?kind=admin&user=api:admin-bot&limit=2&order=newest-first&after=${new1.body.next}`, tokens.auditor);
      assert.ok(new2.body.records[0].index < new1.body.records[1].index);
    }
    assert.equal((await api(t, 'GET', '/api/audit/records?since=yesterday-ish', tokens.auditor)).status, 400);
    const exp = await api(t, 'GET', '/api/audit/export?kind=admin', tokens.auditor);
    assert.equal(exp.status, 200);
    assert.match(exp.headers.get('content-type')!, /ndjson/);
    const lines = exp.text.trim().split('\n');
    const leaves = [...findRecords(log, { kind: 'admin' })].map((f) => f.row.leaf);
    assert.deepEqual(lines, leaves);
  });
});
