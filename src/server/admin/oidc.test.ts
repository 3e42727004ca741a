import { it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { adminOidcSchema } from '../../config/admin.js';
import { OidcVerifier, rolesFromClaim } from './oidc.js';

it('maps claim values through the mapping, or by role name without one', () => {
  assert.deepEqual(rolesFromClaim(['staff', 'gov'], { gov: 'admin', staff: 'viewer' }).sort(), ['admin', 'viewer']);
  assert.deepEqual(rolesFromClaim(['admin', 'superuser'], undefined), ['admin']);
  assert.deepEqual(rolesFromClaim(['admin'], { gov: 'admin' }), []);
});

it('config needs exactly one of jwks_url and public_key', () => {
  const base = { issuer: 'https://i/', audience: 'a' };
  assert.equal(adminOidcSchema.safeParse(base).success, false);
  assert.equal(adminOidcSchema.safeParse({ ...base, jwks_url: 'https://i/jwks', public_key: 'x' }).success, false);
  assert.equal(adminOidcSchema.safeParse({ ...base, jwks_url: 'https://i/jwks' }).success, true);
  assert.equal(adminOidcSchema.safeParse({ ...base, jwks_url: 'http://idp.example.com/jwks' }).success, false);
  assert.equal(adminOidcSchema.safeParse({ ...base, jwks_url: 'http://127.0.0.1:8081/jwks' }).success, true);
});

it('verifies against a JWKS URL and reads nested role claims and space-separated values', async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const server = createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  try {
    const v = new OidcVerifier(
      adminOidcSchema.parse({ issuer: 'https://idp/', audience: ['warden', 'console'], jwks_url: `http://127.0.0.1:${port}/jwks`, role_claim: 'realm_access.roles' }),
    );
    const sign = (claims: Record<string, unknown>, aud = 'console') =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer('https://idp/').setAudience(aud).setExpirationTime('1m').sign(privateKey);
    const p = await v.verify(await sign({ sub: 'u1', realm_access: { roles: ['auditor', 'offline_access'] } }));
    assert.deepEqual([p.user, p.roles, p.via], ['u1', ['auditor'], 'oidc']);
    const spaced = new OidcVerifier(adminOidcSchema.parse({ issuer: 'https://idp/', audience: 'warden', jwks_url: `http://127.0.0.1:${port}/jwks`, role_claim: 'scope' }));
    assert.deepEqual((await spaced.verify(await sign({ sub: 'u2', scope: 'openid viewer reviewer' }, 'warden'))).roles.sort(), ['reviewer', 'viewer']);
    await assert.rejects(v.verify(await sign({ sub: 'u1', realm_access: { roles: ['admin'] } }, 'other')), (e: { code: string }) => e.code === 'WARDEN_ADMIN_UNAUTHENTICATED');
    await assert.rejects(v.verify(await sign({ realm_access: { roles: ['admin'] } })), /no sub claim/);
    const forever = await new SignJWT({ sub: 'u1', realm_access: { roles: ['admin'] } })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer('https://idp/')
      .setAudience('console')
      .sign(privateKey);
    await assert.rejects(v.verify(forever), /exp claim/);
    // An unsigned token ("alg": "none") is refused.
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","iss":"https://idp/","aud":"console","realm_access":{"roles":["admin"]}}').toString('base64url')}.`;
    await assert.rejects(v.verify(none), (e: { code: string }) => e.code === 'WARDEN_ADMIN_UNAUTHENTICATED');
  } finally {
    server.close();
  }
});
