// Every GET route that declares a `response` schema answers exactly that shape: the body parses,
// and parsing drops nothing (a field the schema does not name would be missing from the console's
// generated types). Run against a store with one record of each kind.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestWarden, type TestWarden } from '../helpers/warden.js';
import { api, roleTokens } from './helpers.js';
import type { Role } from '../../src/store/types.js';
import type { AdminRoute } from '../../src/server/admin/context.js';
import { accountRoutes } from '../../src/server/admin/accounts.js';
import { auditRoutes } from '../../src/server/admin/audit.js';
import { complianceRoutes } from '../../src/server/admin/compliance.js';
import { evidenceRoutes } from '../../src/server/admin/evidence.js';
import { keyRoutes } from '../../src/server/admin/keys.js';
import { killRoutes } from '../../src/server/admin/kill.js';
import { overviewRoutes } from '../../src/server/admin/overview.js';
import { policyRoutes } from '../../src/server/admin/policies.js';
import { registryRoutes } from '../../src/server/admin/registry.js';
import { reviewRoutes } from '../../src/server/admin/reviews.js';

let t: TestWarden;
let tokens: Record<Role, string>;
const params: Record<string, string> = {};

async function created(path: string, body: unknown, role: Role = 'admin'): Promise<any> {
  const r = await api(t, 'POST', path, tokens[role], body);
  assert.ok(r.status === 201 || r.status === 200, `${path}: ${r.status} ${r.text}`);
  return r.body;
}

before(async () => {
  t = await startTestWarden();
  tokens = roleTokens(t);
  const chat = await fetch(`${t.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'mail jane@example.org' }] }),
  });
  await chat.text();
  const decision = chat.headers.get('x-warden-decision-id')!;
  await created('/api/suppliers', { id: 'acme-ai', name: 'Acme AI', status: 'approved', nextReviewAt: '2027-06-30' });
  await created('/api/systems', { id: 'hr-bot', name: 'HR', purpose: 'answers HR questions', owner: 'hr@example.com', lifecycle: 'development', role: 'deployer', euAiActClass: 'limited', suppliers: ['acme-ai'] });
  const risk = await created('/api/risks', { systemId: 'hr-bot', title: 'wrong answers', likelihood: 3, impact: 2, treatment: 'mitigate', owner: 'hr@example.com', reviewAt: '2027-01-31' });
  const assessment = await created('/api/assessments', { systemId: 'hr-bot', title: 'HR impact', severity: 'medium' });
  const incident = await created('/api/incidents', { title: 'leak', severity: 'high', fromDecision: decision }, 'reviewer');
  await created('/api/incidents', { title: 'harm', severity: 'critical', serious: { kinds: ['death'] }, awareAt: '2020-01-01' }, 'reviewer');
  await created('/api/kill-switches', { scope: 'model', target: 'gpt-3', reason: 'drill' }, 'reviewer');
  await created('/api/attestations', { framework: 'iso42001', requirement: '5.2', owner: 'ciso@example.com', expiresAt: '2099-01-01', document: { name: 'p.pdf', content: Buffer.from('doc').toString('base64') } });
  const soa = await api(t, 'PATCH', '/api/soa/A.2.2', tokens.admin, { applicable: true, justification: 'we have a policy', implementation: 'implemented' });
  assert.equal(soa.status, 200, soa.text);
  await created('/api/keys', { user: 'svc@example.com', system: 'app' });
  const review = t.warden.store.reviews.create({
    id: 'rv_test',
    decisionId: decision,
    fingerprint: 'f'.repeat(64),
    reviewers: ['reviewers'],
    validityMs: 3_600_000,
    user: 'alice@example.com',
    system: 'app',
    supplier: 'openai',
    model: 'gpt-4o-mini',
    rules: ['r'],
    findings: [{ type: 'EMAIL', count: 1 }],
    excerpt: 'mail [EMAIL]',
    createdAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  } as never);
  await created('/api/accounts', { user: 'rita', role: 'reviewer', password: 'a long enough passphrase 42' });
  // Shadow AI: a key for a system the inventory does not know.
  const shadow = await fetch(`${t.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.makeKey('shadow-bot')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
  });
  await shadow.text();
  await created('/api/compliance/evidence-packs', { framework: 'soc2' }, 'auditor');
  await t.warden.audit.log.checkpoint();
  const version = t.warden.policy.current().version;
  Object.assign(params, {
    '/reviews/:id': review.id,
    '/systems/:id': 'hr-bot',
    '/suppliers/:id': 'acme-ai',
    '/risks/:id': risk.id,
    '/assessments/:id': assessment.id,
    '/incidents/:id': incident.id,
    '/policies/versions/:version': version,
    '/policies/versions/:version/diff/:other': `${version}/diff/${version}`,
    '/audit/receipts/:id': decision,
    '/audit/decisions/:id': decision,
  });
  await new Promise((r) => setTimeout(r, 100));
});
after(() => t.close());

/** Objects with their keys sorted, arrays kept in order: for comparing what parsing kept. */
const sorted = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sorted(x)])) : v;

const routes: AdminRoute[] = [...accountRoutes(), ...keyRoutes(), ...reviewRoutes(), ...killRoutes(), ...policyRoutes(), ...registryRoutes(), ...auditRoutes(), ...complianceRoutes(), ...evidenceRoutes(), ...overviewRoutes()];

it('every route the console reads declares its answer', () => {
  const reads = routes.filter((r) => r.method === 'GET' && !r.produces).map((r) => r.path);
  const without = routes.filter((r) => r.method === 'GET' && !r.produces && !r.response).map((r) => r.path);
  assert.ok(reads.length > 30);
  assert.deepEqual(without, [], `GET routes without a response schema: ${without.join(', ')}`);
});

for (const r of routes.filter((x) => x.method === 'GET' && x.response)) {
  it(`GET /api${r.path} answers its response schema`, async () => {
    let path = r.path;
    if (path.includes(':')) {
      assert.ok(params[r.path], `no seeded id for ${r.path}`);
      path = r.path.replace(/\/:[^/]+(\/diff\/:other)?$/, '/' + params[r.path]);
    }
    const query = r.path === '/compliance/gap' ? '?framework=iso42001' : r.path === '/audit/records' ? '?limit=1000' : '';
    const res = await api(t, 'GET', `/api${path}${query}`, tokens.admin);
    assert.equal(res.status, 200, `${path}: ${res.text.slice(0, 300)}`);
    const parsed = r.response!.safeParse(res.body);
    assert.ok(parsed.success, `${r.path}: ${parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))}`);
    assert.deepEqual(sorted(parsed.data), sorted(res.body), `${r.path}: the schema drops fields the answer has`);
    if (Array.isArray(res.body)) assert.ok(res.body.length > 0, `${r.path}: seed something so the shape is checked`);
  });
}
