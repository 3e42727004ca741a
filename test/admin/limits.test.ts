// The admin API's own limits and error format: a 5 MiB attestation fits although the gateway's
// body_limit is 1 MB here; an over-long id, an unknown route and bad JSON are Warden admin errors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startTestWarden, type TestWarden } from '../helpers/warden.js';
import { api, roleTokens } from './helpers.js';

let t: TestWarden;
let admin: string;
before(async () => {
  t = await startTestWarden(); // server.body_limit: 1mb
  admin = roleTokens(t).admin;
});
after(() => t.close());

const MiB = 1024 * 1024;
const attestation = (content: Buffer) => ({
  framework: 'iso42001',
  requirement: '5.2',
  owner: 'ciso@example.com',
  expiresAt: '2099-01-01',
  document: { name: 'policy.pdf', content: content.toString('base64') },
});

describe('admin API limits and errors', () => {
  it('takes an attestation document of 5 MiB (base64 in JSON) and keeps its SHA-256', async () => {
    const doc = Buffer.alloc(5 * MiB, 7);
    const r = await api(t, 'POST', '/api/attestations', admin, attestation(doc));
    assert.equal(r.status, 201, r.text.slice(0, 500));
    assert.equal(r.body.sha256, createHash('sha256').update(doc).digest('hex'));
  });

  it('refuses a document over 5 MiB by its field, and a body over the admin limit with 413', async () => {
    const over = await api(t, 'POST', '/api/attestations', admin, attestation(Buffer.alloc(5 * MiB + 3, 7)));
    assert.equal(over.status, 400);
    assert.equal(over.body.error.code, 'WARDEN_ADMIN_INVALID');
    assert.equal(over.body.error.problems[0].field, 'document.content');
    const huge = await api(t, 'POST', '/api/attestations', admin, attestation(Buffer.alloc(7 * MiB, 7)));
    assert.equal(huge.status, 413);
    assert.equal(huge.body.error.code, 'WARDEN_BODY_TOO_LARGE');
  });

  it('answers a 5,000-character URL with 414 in the admin error format', async () => {
    for (const path of [`/api/systems/${'a'.repeat(5000)}`, `/api/reviews/${'x'.repeat(5000)}/approve`]) {
      const r = await api(t, 'GET', path, admin);
      assert.equal(r.status, 414, path.slice(0, 30));
      assert.equal(r.body.error.code, 'WARDEN_ADMIN_URL_TOO_LONG');
      assert.equal(r.headers.get('cache-control'), 'no-store');
      assert.ok(r.text.length < 500, 'the path is not echoed back');
    }
    const post = await api(t, 'POST', `/api/reviews/${'x'.repeat(5000)}/approve`, admin, { reason: 'x' });
    assert.equal(post.body.error.code, 'WARDEN_ADMIN_URL_TOO_LONG');
  });

  it('answers unknown routes and bad JSON in the admin error format', async () => {
    const none = await api(t, 'GET', '/api/nothing/here', admin);
    assert.deepEqual([none.status, none.body.error.code], [404, 'WARDEN_ADMIN_NOT_FOUND']);
    const anon = await api(t, 'DELETE', '/api/nothing');
    assert.deepEqual([anon.status, anon.body.error.code], [404, 'WARDEN_ADMIN_NOT_FOUND']);
    const big = await api(t, 'POST', '/api/nothing', undefined, { pad: 'x'.repeat(2 * MiB) });
    assert.deepEqual([big.status, big.body.error.code], [404, 'WARDEN_ADMIN_NOT_FOUND'], 'an unknown route reads no body');
    const bad = await fetch(`${t.url}/api/kill-switches`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: '{"scope":' });
    const body = (await bad.json()) as { error: { code: string; message: string } };
    assert.equal(bad.status, 400);
    assert.equal(body.error.code, 'WARDEN_INVALID_JSON');
    assert.equal(typeof body.error.message, 'string');
  });

  it('the gateway keeps its own body limit', async () => {
    const r = await fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'a'.repeat(2 * MiB) }] }),
    });
    assert.equal(r.status, 413);
  });
});
