// The console's sign-in: a session in an HttpOnly cookie, the CSRF header its changes need, the
// same-origin check, sign-out, and what `GET /api/auth/me` tells the console.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestWarden, type TestWarden } from '../helpers/warden.js';
import { hashPassword } from '../../src/server/admin/passwords.js';
import { allowedFor } from '../../src/server/admin/permissions.js';
import { meSchema } from '../../src/server/admin/schemas.js';

const PASSWORD = 'correct horse battery staple';
const HOST = '127.0.0.1:8080';

let t: TestWarden;

before(async () => {
  t = await startTestWarden({ extraYaml: 'admin:\n  session_minutes: 7\n' });
  const hash = await hashPassword(PASSWORD);
  t.warden.store.accounts.create({ user: 'rita', role: 'reviewer', passwordHash: hash });
  t.warden.store.accounts.create({ user: 'vic', role: 'viewer', passwordHash: hash });
});
after(() => t.close());

interface Reply {
  status: number;
  body: any;
  headers: Record<string, string | string[] | number | undefined>;
}

async function req(method: string, url: string, o: { headers?: Record<string, string>; body?: unknown } = {}): Promise<Reply> {
  const r = await t.warden.app.inject({
    method: method as 'GET',
    url,
    headers: { host: HOST, ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}), ...o.headers },
    payload: o.body === undefined ? undefined : JSON.stringify(o.body),
  });
  let body: unknown;
  try {
    body = r.json();
  } catch {
    body = r.body;
  }
  return { status: r.statusCode, body, headers: r.headers };
}

function setCookies(r: Reply): string[] {
  const v = r.headers['set-cookie'];
  return v === undefined ? [] : Array.isArray(v) ? v : [String(v)];
}

/** Signs in with cookie: true; returns the Cookie header to send and the answer. */
async function cookieLogin(user: string, headers: Record<string, string> = {}): Promise<{ cookie: string; login: Reply }> {
  const login = await req('POST', '/api/auth/login', { body: { user, password: PASSWORD, cookie: true }, headers });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  const set = setCookies(login).find((c) => c.startsWith('warden_session='))!;
  return { cookie: set.split(';')[0], login };
}

describe('cookie sessions', () => {
  it('sign-in with cookie: true sets an HttpOnly SameSite=Strict cookie and answers no token', async () => {
    const { cookie, login } = await cookieLogin('rita');
    assert.equal(login.body.token, undefined);
    assert.deepEqual([login.body.user, login.body.role, login.body.roles], ['rita', 'reviewer', ['reviewer']]);
    assert.match(login.body.csrfToken, /^[A-Za-z0-9_-]{43}$/);
    assert.match(login.body.tokenId, /^s_/);
    const set = setCookies(login)[0];
    assert.match(cookie, /^warden_session=wds_s_/);
    assert.ok(!JSON.stringify(login.body).includes(cookie.slice('warden_session='.length)), 'the secret is only in the cookie');
    for (const attr of ['HttpOnly', 'SameSite=Strict', 'Path=/']) assert.ok(set.includes(attr), `${attr} in ${set}`);
    // Localhost: plain http, so not Secure.
    assert.ok(!set.includes('Secure'), set);
    const maxAge = Number(/Max-Age=(\d+)/.exec(set)![1]);
    assert.ok(maxAge > 6 * 60 && maxAge <= 7 * 60, `Max-Age ${maxAge}`);
    assert.equal(login.headers['cache-control'], 'no-store');
  });

  it('the cookie is Secure when the console is reached by another host name', async () => {
    const { login } = await cookieLogin('rita', { host: 'warden.example.com' });
    assert.match(setCookies(login)[0], /; Secure$/);
    for (const host of ['localhost:8080', '[::1]:8080']) assert.ok(!setCookies((await cookieLogin('rita', { host })).login)[0].includes('Secure'), host);
  });

  it('me answers the caller, the CSRF token and the permission keys of its role, in its declared shape', async () => {
    const { cookie, login } = await cookieLogin('rita');
    const me = await req('GET', '/api/auth/me', { headers: { cookie } });
    assert.equal(me.status, 200);
    assert.deepEqual(meSchema.strict().parse(me.body), me.body);
    assert.deepEqual([me.body.user, me.body.roles, me.body.via, me.body.actor], ['rita', ['reviewer'], 'session', 'api:rita']);
    assert.equal(me.body.csrfToken, login.body.csrfToken);
    assert.deepEqual(me.body.allowed, allowedFor(['reviewer']));
    assert.ok(me.body.allowed.includes('POST /api/kill-switches'));
    assert.ok(!me.body.allowed.includes('POST /api/accounts'));
    // A viewer's list is shorter, and a bearer caller gets no CSRF token.
    const viewer = (await req('POST', '/api/auth/login', { body: { user: 'vic', password: PASSWORD } })).body.token;
    const vme = await req('GET', '/api/auth/me', { headers: { authorization: `Bearer ${viewer}` } });
    assert.equal(vme.body.csrfToken, undefined);
    assert.ok(!vme.body.allowed.includes('POST /api/kill-switches'));
    assert.ok(vme.body.allowed.includes('GET /api/kill-switches'));
  });

  it('a change with the cookie needs the CSRF header of its own session', async () => {
    const { cookie, login } = await cookieLogin('rita');
    const other = await cookieLogin('rita');
    const kill = { scope: 'model', target: 'gpt-4o-mini', reason: 'csrf test' };
    for (const csrf of [undefined, '', 'x'.repeat(43), other.login.body.csrfToken]) {
      const r = await req('POST', '/api/kill-switches', { body: kill, headers: { cookie, ...(csrf !== undefined ? { 'x-warden-csrf': csrf } : {}) } });
      assert.equal(r.status, 403, `csrf ${csrf}`);
      assert.equal(r.body.error.code, 'WARDEN_ADMIN_CSRF');
    }
    assert.equal(t.warden.store.killSwitches.active().length, 0, 'nothing was changed');
    const ok = await req('POST', '/api/kill-switches', { body: kill, headers: { cookie, 'x-warden-csrf': login.body.csrfToken, origin: `http://${HOST}` } });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.setBy, 'api:rita');
    // Reads need no CSRF header.
    assert.equal((await req('GET', '/api/kill-switches', { headers: { cookie } })).status, 200);
    const resume = await req('POST', '/api/kill-switches/resume', { body: { scope: 'model', target: 'gpt-4o-mini', reason: 'done' }, headers: { cookie, 'x-warden-csrf': login.body.csrfToken } });
    assert.equal(resume.status, 200, JSON.stringify(resume.body));
  });

  it('a change with the cookie from another origin is refused, even with the CSRF header', async () => {
    const { cookie, login } = await cookieLogin('rita');
    for (const origin of ['https://evil.example', 'null', `http://${HOST.replace('8080', '8081')}`]) {
      const r = await req('POST', '/api/auth/logout', { headers: { cookie, 'x-warden-csrf': login.body.csrfToken, origin } });
      assert.equal(r.status, 403, origin);
      assert.equal(r.body.error.code, 'WARDEN_ADMIN_CSRF');
    }
    // So is a cookie sign-in posted from another site's page.
    const cross = await req('POST', '/api/auth/login', { body: { user: 'rita', password: PASSWORD, cookie: true }, headers: { origin: 'https://evil.example' } });
    assert.equal(cross.status, 403);
    assert.equal(setCookies(cross).length, 0);
  });

  it('a bearer token needs no CSRF header, and a cookie is not read when Authorization is present', async () => {
    const { cookie } = await cookieLogin('rita');
    const viewer = (await req('POST', '/api/auth/login', { body: { user: 'vic', password: PASSWORD } })).body.token;
    const me = await req('GET', '/api/auth/me', { headers: { cookie, authorization: `Bearer ${viewer}` } });
    assert.equal(me.body.user, 'vic');
    const out = await req('POST', '/api/auth/logout', { headers: { authorization: `Bearer ${viewer}` } });
    assert.equal(out.status, 200);
    assert.equal(setCookies(out).length, 0, 'a bearer sign-out sets no cookie');
    // A bad bearer credential is not rescued by a good cookie.
    assert.equal((await req('GET', '/api/auth/me', { headers: { cookie, authorization: 'Bearer wds_nope' } })).status, 401);
  });

  it('only a session token is accepted from the cookie', async () => {
    const api = t.warden.store.accounts.createToken({ kind: 'api', user: 'svc', role: 'admin', createdBy: 'test', expiresAt: null }).token;
    assert.equal((await req('GET', '/api/auth/me', { headers: { authorization: `Bearer ${api}` } })).status, 200);
    for (const cookie of [`warden_session=${api}`, 'warden_session=', 'warden_session=wds_s_0_nope', 'other=1'])
      assert.equal((await req('GET', '/api/auth/me', { headers: { cookie } })).status, 401, cookie);
  });

  it('sign-out clears the cookie and ends the session', async () => {
    const { cookie, login } = await cookieLogin('rita');
    const out = await req('POST', '/api/auth/logout', { headers: { cookie, 'x-warden-csrf': login.body.csrfToken } });
    assert.equal(out.status, 200);
    assert.deepEqual(out.body, { ok: true });
    const cleared = setCookies(out).find((c) => c.startsWith('warden_session='))!;
    assert.match(cleared, /^warden_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict$/);
    assert.equal((await req('GET', '/api/auth/me', { headers: { cookie } })).status, 401);
    assert.ok(t.warden.store.accounts.getToken(login.body.tokenId)!.revokedAt);
  });

  it('admin.cookie_secure: false leaves Secure off for every host', async () => {
    const t2 = await startTestWarden({ extraYaml: 'admin:\n  cookie_secure: false\n' });
    try {
      t2.warden.store.accounts.create({ user: 'ana', role: 'admin', passwordHash: await hashPassword(PASSWORD) });
      const r = await t2.warden.app.inject({ method: 'POST', url: '/api/auth/login', headers: { host: 'warden.example.com', 'content-type': 'application/json' }, payload: { user: 'ana', password: PASSWORD, cookie: true } });
      assert.equal(r.statusCode, 200);
      assert.ok(!String(r.headers['set-cookie']).includes('Secure'));
    } finally {
      await t2.close();
    }
  });
});

describe('the console beside the admin API', () => {
  it('is served under /console with its security headers, not as a gateway route', async () => {
    const r = await req('GET', '/console/');
    // 200 with a built console, 503 with the way to build it otherwise.
    assert.ok([200, 503].includes(r.status), String(r.status));
    assert.match(String(r.headers['content-security-policy']), /^default-src 'self'; script-src 'self'/);
    assert.equal(r.headers['x-frame-options'], 'DENY');
    assert.equal(r.headers['x-warden-decision-id'], undefined);
    const redirect = await req('GET', '/console');
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.location, '/console/');
  });

  it('is not served when the admin API is off', async () => {
    const t2 = await startTestWarden({ extraYaml: 'admin:\n  enabled: false\n' });
    try {
      const r = await t2.warden.app.inject({ method: 'GET', url: '/console/' });
      assert.equal(r.statusCode, 404);
      assert.equal(r.headers['content-security-policy'], undefined);
    } finally {
      await t2.close();
    }
  });
});
