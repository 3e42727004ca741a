// Sign-in with the company's identity provider: a JWT checked against the issuer, audience and
// the provider's keys (a JWKS URL, one static public key, or the discovery document's jwks_uri),
// roles from a claim. The same check serves bearer tokens and the id tokens of browser sign-in.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { AdminOidcConfig } from '../../config/admin.js';
import type { Role } from '../../store/types.js';
import { AdminError, type AdminPrincipal } from './context.js';
import type { OidcDiscovery } from './oidc-discovery.js';
import { isRole } from './roles.js';

type KeySource = KeyObject | ReturnType<typeof createRemoteJWKSet>;

function staticKey(text: string): KeyObject {
  const t = text.trim();
  return t.startsWith('{') ? createPublicKey({ key: JSON.parse(t), format: 'jwk' }) : createPublicKey(t);
}

/** The value at a dotted path of the claims (`realm_access.roles`). */
function claimAt(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  let v: unknown = payload;
  for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/** Claim values as strings: a list, or one string (space-separated, like `scope`). */
function claimValues(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v === 'string') return v.split(/\s+/).filter(Boolean);
  return [];
}

/** Warden roles from claim values, through the mapping (or by name when there is none). */
export function rolesFromClaim(values: string[], mapping: Record<string, Role> | undefined): Role[] {
  const out = new Set<Role>();
  for (const v of values) {
    const r = mapping ? mapping[v] : isRole(v) ? v : undefined;
    if (r) out.add(r);
  }
  return [...out];
}

const remoteKeys = (url: string) => createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 30_000 });

/** What an id token from browser sign-in must also satisfy. */
export interface IdTokenExpectation {
  /** The client id the token must be issued to. */
  audience: string;
  /** The nonce sent with the authorization request. */
  nonce: string;
}

export class OidcVerifier {
  private key?: KeySource;

  constructor(
    private readonly cfg: AdminOidcConfig,
    private readonly discovery?: OidcDiscovery,
  ) {
    if (cfg.jwks_url) this.key = remoteKeys(cfg.jwks_url);
    else if (cfg.public_key) this.key = staticKey(cfg.public_key);
  }

  /** The keys to check against; from the discovery document when the config names none. */
  private async keys(): Promise<KeySource> {
    if (this.key) return this.key;
    if (!this.discovery) throw new Error('no keys for the identity provider');
    return (this.key = remoteKeys((await this.discovery.get()).jwks_uri));
  }

  /** Checks a JWT; a bad one is 401, a good one without a mapped role 403. With `idToken`, also its audience and nonce. */
  async verify(jwt: string, idToken?: IdTokenExpectation): Promise<AdminPrincipal> {
    let payload: JWTPayload;
    try {
      // A token without an expiry would be good forever: exp is required.
      const audience = idToken?.audience ?? this.cfg.audience ?? this.cfg.client_id!;
      const opts = { issuer: this.cfg.issuer, audience, algorithms: this.cfg.algorithms, clockTolerance: this.cfg.clock_tolerance_s, requiredClaims: idToken ? ['exp', 'nonce'] : ['exp'] };
      const key = await this.keys();
      payload = typeof key === 'function' ? (await jwtVerify(jwt, key, opts)).payload : (await jwtVerify(jwt, key, opts)).payload;
      // A replayed id token from another sign-in carries that sign-in's nonce.
      if (idToken && payload.nonce !== idToken.nonce) throw new joseErrors.JWTClaimValidationFailed('unexpected "nonce" claim value', payload, 'nonce', 'check_failed');
    } catch (err) {
      const why =
        err instanceof joseErrors.JWTExpired
          ? 'the identity token has expired'
          : err instanceof joseErrors.JWTClaimValidationFailed
            ? `the identity token's ${err.claim} claim is not accepted`
            : 'the identity token is not valid';
      throw new AdminError('WARDEN_ADMIN_UNAUTHENTICATED', why);
    }
    const user = claimAt(payload, this.cfg.user_claim);
    if (typeof user !== 'string' || !user) throw new AdminError('WARDEN_ADMIN_UNAUTHENTICATED', `the identity token has no ${this.cfg.user_claim} claim`);
    const roles = rolesFromClaim(claimValues(claimAt(payload, this.cfg.role_claim)), this.cfg.role_mapping);
    if (roles.length === 0) throw new AdminError('WARDEN_ADMIN_FORBIDDEN', `no Warden role is mapped to your ${this.cfg.role_claim}`);
    return { user, roles, via: 'oidc' };
  }
}
