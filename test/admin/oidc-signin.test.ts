// Browser sign-in with an identity provider (authorization code + PKCE) against an in-process
// mock provider: discovery document, JWKS, an authorize endpoint that sends the browser back with
// a code, and a token endpoint that checks the PKCE verifier against the challenge.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { startTestWarden, type TestWarden } from '../helpers/warden.js';
import { openStore } from '../../src/audit/read.js';
import { findRecords } from '../../src/audit/query.js';

const CLIENT_ID = 'warden-console';
const CLIENT_SECRET = 'shh-client-secret';

interface Grant {
  challenge: string;
  nonce: string;
  redirectUri: string;
  groups: string[];
}

/** A tiny OpenID provider. `next` decides what the person at the provider is: their groups, or a refusal. */
class MockIdp {
  server!: Server;
  issuer = '';
  private key!: CryptoKey;
  private jwk: Record<string, unknown> = {};
  readonly grants = new Map<string, Grant>();
  /** What the token endpoint was sent, per call. */
  readonly tokenCalls: Array<{ form: URLSearchParams; authorization?: string }> = [];
  groups: string[] | 'deny' = ['gov-admins'];
  /** Overrides of the id token's claims (a wrong nonce, audience …). */
  claims: Record<string, unknown> = {};

  async start(): Promise<void> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    this.key = pair.privateKey;
    this.jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.issuer = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  private json(res: import('node:http').ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
    const url = new URL(req.url!, this.issuer);
    if (url.pathname === '/.well-known/openid-configuration')
      return this.json(res, 200, { issuer: this.issuer, authorization_endpoint: `${this.issuer}/authorize`, token_endpoint: `${this.issuer}/token`, jwks_uri: `${this.issuer}/jwks` });
    if (url.pathname === '/jwks') return this.json(res, 200, { keys: [this.jwk] });
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('state', q.get('state')!);
      if (this.groups === 'deny') back.searchParams.set('error', 'access_denied');
      else {
        const code = randomBytes(16).toString('hex');
        this.grants.set(code, { challenge: q.get('code_challenge')!, nonce: q.get('nonce')!, redirectUri: q.get('redirect_uri')!, groups: this.groups });
        back.searchParams.set('code', code);
      }
      res.writeHead(302, { location: back.toString() }).end();
      return;
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', async () => {
        const form = new URLSearchParams(raw);
        this.tokenCalls.push({ form, authorization: req.headers.authorization });
        const grant = this.grants.get(form.get('code') ?? '');
        this.grants.delete(form.get('code') ?? '');
        const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
        if (req.headers.authorization !== basic) return this.json(res, 401, { error: 'invalid_client' });
        if (!grant || form.get('grant_type') !== 'authorization_code' || form.get('redirect_uri') !== grant.redirectUri) return this.json(res, 400, { error: 'invalid_grant' });
        const verifier = form.get('code_verifier') ?? '';
        if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) return this.json(res, 400, { error: 'invalid_grant', error_description: 'PKCE' });
        const idToken = await new SignJWT({ email: 'olga@example.com', groups: grant.groups, nonce: grant.nonce, ...this.claims })
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setIssuer((this.claims.iss as string | undefined) ?? this.issuer)
          .setAudience((this.claims.aud as string | undefined) ?? CLIENT_ID)
          .setSubject('u-123')
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(this.key);
        this.json(res, 200, { access_token: 'at-secret', token_type: 'Bearer', id_token: idToken, expires_in: 300 });
      });
      return;
    }
    res.writeHead(404).end();
  }

  close(): Promise<void> {
    return new Promise((r) => this.server.close(() => r()));
  }
}

const idp = new MockIdp();
let t: TestWarden;
let host: string;

before(async () => {
  await idp.start();
  t = await startTestWarden({
    extraYaml: `
admin:
  oidc:
    issuer: ${idp.issuer}
    client_id: ${CLIENT_ID}
    client_secret: ${CLIENT_SECRET}
    name: Example SSO
    user_claim: email
    role_claim: groups
    role_mapping:
      gov-admins: admin
      internal-audit: auditor
      oversight: reviewer
`,
  });
  host = new URL(t.url).host;
});
after(async () => {
  await t?.close();
  await idp.close();
});

/** A browser: keeps cookies per name, follows nothing by itself. */
class Browser {
  cookies = new Map<string, string>();
  async get(url: string): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const r = await fetch(url, { headers, redirect: 'manual' });
    for (const c of r.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split('; ');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (attrs.includes('Max-Age=0')) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return r;
  }
}

/** Runs the flow from /api/auth/oidc/start to the callback's answer. */
async function signIn(b: Browser, next?: string): Promise<{ start: Response; authorize: URL; callback: Response }> {
  const start = await b.get(`${t.url}/api/auth/oidc/start${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  assert.equal(start.status, 302);
  const authorize = new URL(start.headers.get('location')!);
  const atIdp = await b.get(authorize.toString());
  const back = atIdp.headers.get('location')!;
  const callback = await b.get(back);
  return { start, authorize, callback };
}

describe('OIDC browser sign-in', () => {
  it('the providers endpoint offers password and the identity provider', async () => {
    const r = await fetch(`${t.url}/api/auth/providers`);
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { password: true, oidc: { enabled: true, name: 'Example SSO', start: '/api/auth/oidc/start' } });
  });

  it('signs in with the code flow and PKCE, and the session acts with the mapped roles', async () => {
    idp.groups = ['gov-admins', 'internal-audit', 'unmapped'];
    const b = new Browser();
    const { start, authorize, callback } = await signIn(b, '/console/reviews?status=pending');
    const q = authorize.searchParams;
    assert.equal(`${authorize.origin}${authorize.pathname}`, `${idp.issuer}/authorize`);
    assert.equal(q.get('response_type'), 'code');
    assert.equal(q.get('client_id'), CLIENT_ID);
    assert.equal(q.get('redirect_uri'), `http://${host}/api/auth/oidc/callback`);
    assert.equal(q.get('scope'), 'openid profile email');
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.match(q.get('code_challenge')!, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(q.get('state')!.length >= 43 && q.get('nonce')!.length >= 43);
    assert.ok(!authorize.toString().includes(CLIENT_SECRET));
    const flowCookie = start.headers.getSetCookie().find((c) => c.startsWith('warden_oidc='))!;
    for (const attr of ['HttpOnly', 'SameSite=Lax', 'Path=/api/auth/oidc', 'Max-Age=600']) assert.ok(flowCookie.includes(attr), flowCookie);

    assert.equal(callback.status, 302);
    assert.equal(callback.headers.get('location'), '/console/reviews?status=pending');
    assert.equal(callback.headers.get('referrer-policy'), 'no-referrer');
    const session = callback.headers.getSetCookie().find((c) => c.startsWith('warden_session='))!;
    assert.match(session, /^warden_session=wds_s_[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict$/);
    assert.ok(!b.cookies.has('warden_oidc'), 'the flow cookie is cleared');
    // The token endpoint got the verifier and the secret (Basic), never in a URL.
    const call = idp.tokenCalls.at(-1)!;
    assert.match(call.form.get('code_verifier')!, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(call.form.get('client_secret'), null);

    const me = await b.get(`${t.url}/api/auth/me`);
    const body = await me.json();
    assert.equal(me.status, 200);
    assert.deepEqual([body.user, body.roles, body.via, body.actor], ['olga@example.com', ['admin', 'auditor'], 'oidc', 'oidc:olga@example.com']);
    assert.ok(body.csrfToken && body.allowed.includes('POST /api/accounts'));
    // The session is a token record carrying its roles, with no local account behind it.
    const rec = t.warden.store.accounts.getToken(body.tokenId)!;
    assert.deepEqual([rec.kind, rec.user, rec.role, rec.roles, rec.createdBy], ['session', 'olga@example.com', 'admin', ['admin', 'auditor'], 'oidc:olga@example.com']);
    assert.equal(t.warden.store.accounts.get('olga@example.com'), undefined);
    // Changes need the CSRF header like any cookie session, and are recorded in the identity's name.
    const kill = await fetch(`${t.url}/api/kill-switches`, {
      method: 'POST',
      headers: { cookie: `warden_session=${b.cookies.get('warden_session')}`, 'content-type': 'application/json', 'x-warden-csrf': body.csrfToken },
      body: JSON.stringify({ scope: 'model', target: 'claude-sonnet-4-6', reason: 'oidc test' }),
    });
    assert.equal(kill.status, 201);
    assert.equal((await kill.json()).setBy, 'oidc:olga@example.com');
    const log = openStore(t.dataDir);
    try {
      const ops = [...findRecords(log, { kind: 'admin' })].map((f) => f.record as { op: string; actor: string; target: string });
      assert.ok(ops.some((r) => r.op === 'session.create' && r.actor === 'oidc:olga@example.com' && r.target === body.tokenId));
    } finally {
      log.close();
    }
    // Sign-out ends it.
    const out = await fetch(`${t.url}/api/auth/logout`, { method: 'POST', headers: { cookie: `warden_session=${b.cookies.get('warden_session')}`, 'x-warden-csrf': body.csrfToken } });
    assert.equal(out.status, 200);
    assert.ok(t.warden.store.accounts.getToken(body.tokenId)!.revokedAt);
    await fetch(`${t.url}/api/kill-switches/resume`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.warden.store.accounts.createToken({ kind: 'api', user: 'root', role: 'admin', createdBy: 'test', expiresAt: null }).token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'model', target: 'claude-sonnet-4-6', reason: 'done' }),
    });
  });

  it('a state is good once, only in the browser that started it, and `next` stays inside the console', async () => {
    idp.groups = ['oversight'];
    const b = new Browser();
    const start = await b.get(`${t.url}/api/auth/oidc/start?next=${encodeURIComponent('//evil.example/x')}`);
    const atIdp = await b.get(start.headers.get('location')!);
    const back = atIdp.headers.get('location')!;
    // Another browser (no flow cookie) with the same callback URL: refused, and the state is spent.
    const other = await new Browser().get(back);
    assert.equal(other.status, 302);
    assert.equal(other.headers.get('location'), '/console/signin?error=oidc_state');
    assert.equal(other.headers.getSetCookie().some((c) => c.startsWith('warden_session=')), false);
    const replay = await b.get(back);
    assert.equal(replay.headers.get('location'), '/console/signin?error=oidc_state');
    // A fresh flow with a bad `next` lands on the console's home.
    const ok = await signIn(new Browser(), 'https://evil.example/');
    assert.equal(ok.callback.headers.get('location'), '/console/');
    for (const bad of ['/console/../api/x', '/consolex', '/console/\\evil', '/console//evil.example'])
      assert.equal((await signIn(new Browser(), bad)).callback.headers.get('location'), '/console/', bad);
  });

  it('a refusal at the provider, no mapped role, or a bad id token goes back to sign-in with a code', async () => {
    idp.groups = 'deny';
    assert.equal((await signIn(new Browser())).callback.headers.get('location'), '/console/signin?error=oidc_denied');
    idp.groups = ['nobody-we-know'];
    assert.equal((await signIn(new Browser())).callback.headers.get('location'), '/console/signin?error=oidc_no_role');
    idp.groups = ['gov-admins'];
    for (const claims of [{ nonce: 'another-sign-in' }, { aud: 'someone-else' }, { iss: 'https://other.example' }]) {
      idp.claims = claims;
      const r = await signIn(new Browser());
      assert.equal(r.callback.headers.get('location'), '/console/signin?error=oidc_token', JSON.stringify(claims));
      assert.equal(r.callback.headers.getSetCookie().some((c) => c.startsWith('warden_session=')), false);
    }
    idp.claims = {};
    // A forged code never gets a session.
    const b = new Browser();
    const start = await b.get(`${t.url}/api/auth/oidc/start`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const forged = await b.get(`${t.url}/api/auth/oidc/callback?code=forged&state=${state}`);
    assert.equal(forged.headers.get('location'), '/console/signin?error=oidc_exchange');
  });

  it('without client_id there is no browser sign-in', async () => {
    const t2 = await startTestWarden();
    try {
      assert.deepEqual(await (await fetch(`${t2.url}/api/auth/providers`)).json(), { password: true, oidc: { enabled: false } });
      const r = await fetch(`${t2.url}/api/auth/oidc/start`, { redirect: 'manual' });
      assert.equal(r.status, 404);
      assert.equal((await r.json()).error.code, 'WARDEN_ADMIN_NOT_FOUND');
    } finally {
      await t2.close();
    }
  });
});
