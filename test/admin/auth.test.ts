// Sign-in to the admin API: passwords, sessions, lockout, revocation, and OIDC tokens from a
// locally generated key pair.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { startTestWarden, type TestWarden } from '../helpers/warden.js';
import { hashPassword } from '../../src/server/admin/passwords.js';
import { api } from './helpers.js';
import { openStore } from '../../src/audit/read.js';
import { findRecords } from '../../src/audit/query.js';

const ISSUER = 'https://login.example.test/';
const PASSWORD = 'correct horse battery staple';

let t: TestWarden;
let admin: string;
let signKey: CryptoKey;
let otherKey: CryptoKey;

before(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  signKey = pair.privateKey;
  otherKey = (await generateKeyPair('ES256')).privateKey;
  const jwk = JSON.stringify(await exportJWK(pair.publicKey));
  t = await startTestWarden({
    extraYaml: `
admin:
  session_minutes: 5
  max_failed_logins: 3
  lockout_minutes: 10
  oidc:
    issuer: ${ISSUER}
    audience: warden-admin
    public_key: '${jwk}'
    user_claim: email
    role_claim: groups
    clock_tolerance_s: 0
    role_mapping:
      gov-admins: admin
      internal-audit: auditor
      oversight: reviewer
`,
  });
  admin = t.warden.store.accounts.createToken({ kind: 'api', user: 'root', role: 'admin', createdBy: 'test', expiresAt: null }).token;
  t.warden.store.accounts.create({ user: 'rita', role: 'reviewer', passwordHash: await hashPassword(PASSWORD) });
});
after(() => t.close());

describe('local accounts', () => {
  it('signs in, acts with the account role, signs out', async () => {
    const login = await api(t, 'POST', '/api/auth/login', undefined, { user: 'rita', password: PASSWORD });
    assert.equal(login.status, 200);
    assert.match(login.body.token, /^wds_/);
    assert.equal(login.body.role, 'reviewer');
    const lifetime = Date.parse(login.body.expiresAt) - Date.now();
    assert.ok(lifetime > 4 * 60_000 && lifetime <= 5 * 60_000, `session lifetime ${lifetime}`);
    const me = await api(t, 'GET', '/api/auth/me', login.body.token);
    assert.deepEqual([me.body.user, me.body.roles, me.body.via], ['rita', ['reviewer'], 'session']);
    assert.equal((await api(t, 'GET', '/api/accounts', login.body.token)).status, 403);
    assert.equal((await api(t, 'GET', '/api/reviews', login.body.token)).status, 200);
    // A role change applies to a running session at once.
    assert.equal((await api(t, 'PATCH', '/api/accounts/rita', admin, { role: 'auditor' })).status, 200);
    assert.equal((await api(t, 'GET', '/api/accounts', login.body.token)).status, 200);
    await api(t, 'PATCH', '/api/accounts/rita', admin, { role: 'reviewer' });
    assert.equal((await api(t, 'POST', '/api/auth/logout', login.body.token)).status, 200);
    assert.equal((await api(t, 'GET', '/api/auth/me', login.body.token)).status, 401);
    // The session token is stored hashed, not as itself.
    const stored = t.warden.store.accounts.listTokens({ kind: 'session' });
    assert.ok(stored.length > 0 && !JSON.stringify(stored).includes(login.body.token));
  });

  it('a wrong password and an unknown user get the same answer', async () => {
    const wrong = await api(t, 'POST', '/api/auth/login', undefined, { user: 'rita', password: 'not the password' });
    const unknown = await api(t, 'POST', '/api/auth/login', undefined, { user: 'nobody', password: 'not the password' });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, unknown.body);
    assert.equal(wrong.body.error.code, 'WARDEN_ADMIN_LOGIN_FAILED');
    assert.ok(!wrong.text.includes('not the password'));
    // A good sign-in clears the count.
    assert.equal((await api(t, 'POST', '/api/auth/login', undefined, { user: 'rita', password: PASSWORD })).status, 200);
    assert.equal(t.warden.store.accounts.credentials('rita')!.failedLogins, 0);
  });

  it('locks an account after too many failures, even for the right password, until a new password', async () => {
    t.warden.store.accounts.create({ user: 'lou', role: 'viewer', passwordHash: await hashPassword(PASSWORD) });
    for (let i = 0; i < 3; i++) assert.equal((await api(t, 'POST', '/api/auth/login', undefined, { user: 'lou', password: `guess ${i}` })).status, 401);
    assert.ok(t.warden.store.accounts.credentials('lou')!.lockedUntil);
    const log = openStore(t.dataDir);
    try {
      const locks = [...findRecords(log, { kind: 'admin' })].filter((f) => (f.record as { op?: string }).op === 'account.lock');
      assert.deepEqual(locks.map((f) => [(f.record as { target: string }).target, (f.record as { actor: string }).actor]), [['lou', 'warden']]);
    } finally {
      log.close();
    }
    assert.equal((await api(t, 'POST', '/api/auth/login', undefined, { user: 'lou', password: PASSWORD })).status, 401);
    const before = (await api(t, 'POST', '/api/auth/login', undefined, { user: 'rita', password: PASSWORD })).body.token;
    assert.equal((await api(t, 'PATCH', '/api/accounts/rita', admin, { password: PASSWORD })).status, 200);
    assert.equal((await api(t, 'GET', '/api/auth/me', before)).status, 401, 'a new password ends the sessions');
    assert.equal((await api(t, 'PATCH', '/api/accounts/lou', admin, { password: 'a brand new passphrase' })).status, 200);
    assert.equal((await api(t, 'POST', '/api/auth/login', undefined, { user: 'lou', password: 'a brand new passphrase' })).status, 200);
  });

  it('a disabled account cannot sign in, and its sessions and tokens stop working', async () => {
    t.warden.store.accounts.create({ user: 'dan', role: 'auditor', passwordHash: await hashPassword(PASSWORD) });
    const session = (await api(t, 'POST', '/api/auth/login', undefined, { user: 'dan', password: PASSWORD })).body.token;
    const token = (await api(t, 'POST', '/api/tokens', admin, { user: 'dan', role: 'auditor' })).body.token;
    assert.equal((await api(t, 'GET', '/api/auth/me', token)).status, 200);
    assert.equal((await api(t, 'PATCH', '/api/accounts/dan', admin, { disabled: true })).status, 200);
    assert.equal((await api(t, 'GET', '/api/auth/me', session)).status, 401);
    assert.equal((await api(t, 'GET', '/api/auth/me', token)).status, 401);
    const login = await api(t, 'POST', '/api/auth/login', undefined, { user: 'dan', password: PASSWORD });
    assert.equal(login.status, 401);
    assert.equal(login.body.error.code, 'WARDEN_ADMIN_LOGIN_FAILED');
    // Re-enabling brings the API token back; the ended session stays ended.
    await api(t, 'PATCH', '/api/accounts/dan', admin, { disabled: false });
    assert.equal((await api(t, 'GET', '/api/auth/me', token)).status, 200);
    assert.equal((await api(t, 'GET', '/api/auth/me', session)).status, 401);
  });

  it('a revoked API token stops working on the next request', async () => {
    const made = await api(t, 'POST', '/api/tokens', admin, { user: 'ci', role: 'viewer', name: 'dashboard' });
    assert.equal(made.status, 201);
    assert.equal((await api(t, 'GET', '/api/systems', made.body.token)).status, 200);
    const listed = await api(t, 'GET', '/api/tokens', admin);
    assert.ok(listed.body.some((x: { id: string }) => x.id === made.body.id));
    assert.ok(!listed.text.includes(made.body.token));
    assert.equal((await api(t, 'DELETE', `/api/tokens/${made.body.id}`, admin)).status, 200);
    const after = await api(t, 'GET', '/api/systems', made.body.token);
    assert.equal(after.status, 401);
    assert.equal(after.body.error.code, 'WARDEN_ADMIN_UNAUTHENTICATED');
    assert.equal((await api(t, 'DELETE', `/api/tokens/${made.body.id}`, admin)).status, 409);
  });

  it('keeps the last enabled admin account', async () => {
    t.warden.store.accounts.create({ user: 'boss', role: 'admin', passwordHash: null });
    const r = await api(t, 'PATCH', '/api/accounts/boss', admin, { disabled: true });
    assert.equal(r.status, 409);
    assert.match(r.body.error.message, /last enabled admin/);
    assert.equal((await api(t, 'PATCH', '/api/accounts/boss', admin, { role: 'viewer' })).status, 409);
    t.warden.store.accounts.create({ user: 'deputy', role: 'admin', passwordHash: null });
    assert.equal((await api(t, 'PATCH', '/api/accounts/boss', admin, { role: 'viewer' })).status, 200);
  });

  it('refuses weak passwords and unknown roles with field problems', async () => {
    const r = await api(t, 'POST', '/api/accounts', admin, { user: 'weak', role: 'owner', password: 'short' });
    assert.equal(r.status, 400);
    assert.equal(r.body.error.code, 'WARDEN_ADMIN_INVALID');
    assert.deepEqual(r.body.error.problems.map((p: { field: string }) => p.field).sort(), ['password', 'role']);
    assert.ok(!r.text.includes('short"'));
  });
});

describe('OIDC', () => {
  const jwt = (claims: Record<string, unknown>, o: { key?: CryptoKey; aud?: string; iss?: string; exp?: number | string } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(o.iss ?? ISSUER)
      .setAudience(o.aud ?? 'warden-admin')
      .setIssuedAt()
      .setExpirationTime(o.exp ?? '5m')
      .sign(o.key ?? signKey);

  it('accepts a valid token and maps its groups to roles', async () => {
    const token = await jwt({ sub: 'u-1', email: 'ann@example.com', groups: ['staff', 'internal-audit'] });
    const me = await api(t, 'GET', '/api/auth/me', token);
    assert.equal(me.status, 200);
    assert.deepEqual([me.body.user, me.body.roles, me.body.via, me.body.actor], ['ann@example.com', ['auditor'], 'oidc', 'oidc:ann@example.com']);
    assert.equal((await api(t, 'GET', '/api/audit/records?limit=1', token)).status, 200);
    assert.equal((await api(t, 'POST', '/api/keys', token, { user: 'x', system: 'app' })).status, 403);
  });

  it('unions the roles of several mapped groups', async () => {
    const token = await jwt({ email: 'bo@example.com', groups: ['oversight', 'internal-audit'] });
    const me = await api(t, 'GET', '/api/auth/me', token);
    assert.deepEqual(me.body.roles.sort(), ['auditor', 'reviewer']);
  });

  it('refuses an expired token, a wrong audience, a wrong issuer and a foreign key', async () => {
    const cases = [
      await jwt({ email: 'a@example.com', groups: ['gov-admins'] }, { exp: Math.floor(Date.now() / 1000) - 60 }),
      await jwt({ email: 'a@example.com', groups: ['gov-admins'] }, { aud: 'another-app' }),
      await jwt({ email: 'a@example.com', groups: ['gov-admins'] }, { iss: 'https://evil.example/' }),
      await jwt({ email: 'a@example.com', groups: ['gov-admins'] }, { key: otherKey }),
    ];
    const messages = [];
    for (const token of cases) {
      const r = await api(t, 'GET', '/api/auth/me', token);
      assert.equal(r.status, 401);
      assert.equal(r.body.error.code, 'WARDEN_ADMIN_UNAUTHENTICATED');
      messages.push(r.body.error.message);
    }
    assert.match(messages[0], /expired/);
    assert.match(messages[1], /aud/);
    assert.match(messages[2], /iss/);
  });

  it('a token whose groups map to no role is refused with 403', async () => {
    const r = await api(t, 'GET', '/api/auth/me', await jwt({ email: 'c@example.com', groups: ['staff'] }));
    assert.equal(r.status, 403);
    assert.equal(r.body.error.code, 'WARDEN_ADMIN_FORBIDDEN');
  });

  it('changes through OIDC are recorded in the name of the identity', async () => {
    const token = await jwt({ email: 'root@example.com', groups: ['gov-admins'] });
    const r = await api(t, 'POST', '/api/kill-switches', token, { scope: 'model', target: 'gpt-4o-mini', reason: 'drill' });
    assert.equal(r.status, 201);
    assert.equal(r.body.setBy, 'oidc:root@example.com');
    await api(t, 'POST', '/api/kill-switches/resume', token, { scope: 'model', target: 'gpt-4o-mini' });
  });
});
