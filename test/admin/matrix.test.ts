// Role × endpoint: each role can call exactly the endpoints it may, over real HTTP. The expected
// table below is written out on its own; permissions.ts is what the server enforces. A change to
// one without the other fails here.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestWarden, type TestWarden } from '../helpers/warden.js';
import { PERMISSIONS } from '../../src/server/admin/permissions.js';
import { ROLE_LIST, api, fastifyApiRoutes, roleTokens } from './helpers.js';
import type { Role } from '../../src/store/types.js';

// Columns: admin, policy-author, reviewer, auditor, viewer. `y` may, `-` may not.
// `public`: no credentials needed; every other endpoint answers 401 without them.
const EXPECTED: Record<string, string> = {
  'GET /api/openapi.json': 'public',
  'GET /api/overview': 'yyyyy',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'yyyyy',
  'GET /api/auth/me': 'yyyyy',
  'GET /api/auth/providers': 'public',
  'GET /api/auth/oidc/start': 'public',
  'GET /api/auth/oidc/callback': 'public',
  'GET /api/accounts': 'y--y-',
  'POST /api/accounts': 'y----',
  'PATCH /api/accounts/:user': 'y----',
  'GET /api/tokens': 'y--y-',
  'POST /api/tokens': 'y----',
  'DELETE /api/tokens/:id': 'y----',
  'GET /api/keys': 'y--y-',
  'POST /api/keys': 'y----',
  'DELETE /api/keys/:id': 'y----',
  'GET /api/reviews': 'y-yy-',
  'GET /api/reviews/:id': 'y-yy-',
  'POST /api/reviews/:id/approve': 'y-y--',
  'POST /api/reviews/:id/deny': 'y-y--',
  'GET /api/kill-switches': 'yyyyy',
  'POST /api/kill-switches': 'y-y--',
  'POST /api/kill-switches/resume': 'y-y--',
  'GET /api/mcp/servers': 'yyyyy',
  'GET /api/mcp/servers/:id/tools': 'yyyyy',
  'GET /api/policies/current': 'yyyyy',
  'GET /api/policies/versions': 'yyyyy',
  'GET /api/policies/versions/:version': 'yyyyy',
  'POST /api/policies/check': 'yy---',
  'GET /api/policies/versions/:version/diff/:other': 'yyyyy',
  'GET /api/policies/lint': 'yyyy-',
  'POST /api/policies/explain': 'yyyy-',
  'GET /api/systems': 'yyyyy',
  'GET /api/systems/export': 'y--y-',
  'POST /api/systems/import': 'y----',
  'GET /api/systems/:id': 'yyyyy',
  'POST /api/systems': 'y----',
  'PATCH /api/systems/:id': 'y----',
  'DELETE /api/systems/:id': 'y----',
  'GET /api/suppliers': 'yyyyy',
  'GET /api/suppliers/export': 'y--y-',
  'POST /api/suppliers/import': 'y----',
  'GET /api/suppliers/:id': 'yyyyy',
  'POST /api/suppliers': 'y----',
  'PATCH /api/suppliers/:id': 'y----',
  'DELETE /api/suppliers/:id': 'y----',
  'GET /api/risks': 'yyyyy',
  'GET /api/risks/:id': 'yyyyy',
  'POST /api/risks': 'yy---',
  'PATCH /api/risks/:id': 'yy---',
  'DELETE /api/risks/:id': 'yy---',
  'GET /api/assessments': 'yyyyy',
  'GET /api/assessments/:id': 'yyyyy',
  'POST /api/assessments': 'yy---',
  'PATCH /api/assessments/:id': 'yy---',
  'DELETE /api/assessments/:id': 'yy---',
  'POST /api/assessments/:id/approve': 'y----',
  'POST /api/assessments/:id/reject': 'y----',
  'GET /api/incidents': 'yyyyy',
  'GET /api/incidents/overdue': 'yyyyy',
  'GET /api/incidents/:id': 'yyyyy',
  'GET /api/incidents/:id/report': 'y--y-',
  'POST /api/incidents': 'y-y--',
  'PATCH /api/incidents/:id': 'y-y--',
  'POST /api/incidents/:id/notes': 'y-y--',
  'POST /api/incidents/:id/links': 'y-y--',
  'POST /api/incidents/:id/art73-report': 'y----',
  'GET /api/discovery': 'y--y-',
  'GET /api/soa': 'yyyyy',
  'PATCH /api/soa/:control': 'y----',
  'GET /api/attestations': 'yyyyy',
  'POST /api/attestations': 'y----',
  'POST /api/attestations/:id/revoke': 'y----',
  'GET /api/compliance/frameworks': 'yyyyy',
  'GET /api/compliance/gap': 'y--y-',
  'POST /api/compliance/evidence-packs': 'y--y-',
  'GET /api/compliance/evidence-packs': 'y--y-',
  'GET /api/compliance/evidence-packs/:id': 'y--y-',
  'GET /api/audit/checkpoint': 'y--y-',
  'GET /api/audit/public-key': 'y--y-',
  'GET /api/audit/records': 'y--y-',
  'GET /api/audit/receipts/:id': 'y--y-',
  'GET /api/audit/decisions/:id': 'y--y-',
  'GET /api/audit/export': 'y--y-',
};

/**
 * The auditor reads everything and changes nothing: no write endpoint is open to it. Three POSTs
 * change no record: its own sign-out, explaining a sample prompt, and building an evidence pack
 * (exporting evidence is what an auditor is for; the pack is recorded in the audit log).
 */
const AUDITOR_POSTS = new Set(['POST /api/auth/logout', 'POST /api/policies/explain', 'POST /api/compliance/evidence-packs']);
const WRITES = (k: string) => !k.startsWith('GET ') && !AUDITOR_POSTS.has(k);

let t: TestWarden;
let tokens: Record<Role, string>;
before(async () => {
  t = await startTestWarden();
  tokens = roleTokens(t);
});
after(() => t.close());

/** A concrete request for an endpoint: path parameters name nothing, bodies are empty objects. */
function request(key: string): { method: string; path: string; body?: unknown } {
  const [method, pattern] = key.split(' ');
  const path = pattern.replace(/:[A-Za-z_]+/g, 'zz-none');
  return { method, path, body: method === 'POST' || method === 'PATCH' ? {} : undefined };
}

describe('role matrix', () => {
  it('the expected table, permissions.ts and the served routes name the same endpoints', () => {
    assert.deepEqual(Object.keys(PERMISSIONS).sort(), Object.keys(EXPECTED).sort());
    assert.deepEqual([...fastifyApiRoutes(t)].sort(), Object.keys(EXPECTED).sort());
  });

  it('the auditor and the admin may read everything', () => {
    for (const [k, v] of Object.entries(EXPECTED)) if (k.startsWith('GET ') && v !== 'public') assert.ok(v[0] === 'y' && v[3] === 'y', k);
  });

  it('the auditor may call no endpoint that changes anything but its own sign-out', () => {
    for (const [k, v] of Object.entries(EXPECTED)) if (WRITES(k) && v !== 'public') assert.equal(v[3], '-', k);
  });

  for (const key of Object.keys(EXPECTED)) {
    it(key, async () => {
      const want = EXPECTED[key];
      const { method, path, body } = request(key);
      const anon = await api(t, method, path, undefined, body);
      if (want === 'public') assert.ok(anon.status !== 401 && anon.status !== 403, `${key} without credentials: ${anon.status}`);
      else {
        assert.equal(anon.status, 401, `${key} without credentials`);
        assert.equal(anon.body.error.code, 'WARDEN_ADMIN_UNAUTHENTICATED');
        const bogus = await api(t, method, path, 'wda_t_000000000000_forged', body);
        assert.equal(bogus.status, 401, `${key} with a forged token`);
      }
      for (const [i, role] of ROLE_LIST.entries()) {
        const r = await api(t, method, path, tokens[role], body);
        const may = want === 'public' || want[i] === 'y';
        // Allowed: whatever the (empty) input earns, but never a refusal and never a server error.
        if (may) assert.ok(r.status !== 401 && r.status !== 403 && r.status < 500, `${role} should be allowed ${key}, got ${r.status} ${r.text.slice(0, 200)}`);
        else {
          assert.equal(r.status, 403, `${role} should be refused ${key}, got ${r.status} ${r.text.slice(0, 200)}`);
          assert.equal(r.body.error.code, 'WARDEN_ADMIN_FORBIDDEN');
        }
      }
    });
  }
});
