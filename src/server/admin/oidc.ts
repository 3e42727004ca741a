// Sign-in with the company's identity provider: a JWT checked against the issuer, audience and
// the provider's keys (a JWKS URL or one static public key), roles from a claim.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { AdminOidcConfig } from '../../config/admin.js';
import type { Role } from '../../store/types.js';
import { AdminError, type AdminPrincipal } from './context.js';
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

export class OidcVerifier {
  private readonly key: KeySource;

  constructor(private readonly cfg: AdminOidcConfig) {
    this.key = cfg.jwks_url ? createRemoteJWKSet(new URL(cfg.jwks_url), { timeoutDuration: 5000, cooldownDuration: 30_000 }) : staticKey(cfg.public_key!);
  }

  /** Checks a JWT; a bad one is 401, a good one without a mapped role 403. */
  async verify(jwt: string): Promise<AdminPrincipal> {
    let payload: JWTPayload;
    try {
      // A token without an expiry would be good forever: exp is required.
      const opts = { issuer: this.cfg.issuer, audience: this.cfg.audience, algorithms: this.cfg.algorithms, clockTolerance: this.cfg.clock_tolerance_s, requiredClaims: ['exp'] };
      payload =
        typeof this.key === 'function' ? (await jwtVerify(jwt, this.key, opts)).payload : (await jwtVerify(jwt, this.key, opts)).payload;
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
