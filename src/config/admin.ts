import { z } from 'zod';

// The `admin:` section of warden.yaml: the admin API, its sign-in and the company's identity provider.
// docs/CONFIG.md and docs/ADMIN_API.md document every key.

const ROLE_NAMES = ['admin', 'policy-author', 'reviewer', 'auditor', 'viewer'] as const;

/** https, or plain http to this machine only. */
function secureUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || (u.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname));
  } catch {
    return false;
  }
}

export const adminOidcSchema = z
  .object({
    /** The identity provider's issuer (the `iss` claim must equal it). */
    issuer: z.string().min(1),
    /** The `aud` bearer tokens must carry (one or several accepted values); default: client_id. */
    audience: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    /** The provider's JWKS URL (keys are fetched and cached; rotation is followed). */
    jwks_url: z.string().url().optional(),
    /** Or one static public key: PEM (SPKI) or a JWK as JSON text. */
    public_key: z.string().min(1).optional(),
    /** Accepted signature algorithms. */
    algorithms: z.array(z.string().min(1)).default(['RS256', 'ES256', 'EdDSA']),
    /** The claim naming the user in audit records. */
    user_claim: z.string().min(1).default('sub'),
    /** The claim (dotted path, e.g. realm_access.roles) holding the user's groups or roles. */
    role_claim: z.string().min(1).default('roles'),
    /** Claim value -> Warden role. Without it, claim values that are Warden role names count as those roles. */
    role_mapping: z.record(z.string(), z.enum(ROLE_NAMES)).optional(),
    /** Allowed clock difference, in seconds, for exp and nbf. */
    clock_tolerance_s: z.number().int().nonnegative().default(30),
    // Browser sign-in (authorization code flow with PKCE), on when client_id is set.
    /** The client id Warden is registered under at the provider; id tokens must name it in `aud`. */
    client_id: z.string().min(1).optional(),
    /** The client secret, for a confidential client (`${ENV}` keeps it out of the file). */
    client_secret: z.string().min(1).optional(),
    /** How the secret is sent to the token endpoint. */
    client_auth: z.enum(['client_secret_basic', 'client_secret_post']).default('client_secret_basic'),
    /** The provider's authorization endpoint; default: from `${issuer}/.well-known/openid-configuration`. */
    authorization_endpoint: z.string().url().optional(),
    /** The provider's token endpoint; default: from the discovery document. */
    token_endpoint: z.string().url().optional(),
    /** Scopes asked for. */
    scopes: z.array(z.string().min(1)).default(['openid', 'profile', 'email']),
    /** Where the provider sends the browser back; default: `<request origin>/api/auth/oidc/callback`. */
    redirect_uri: z.string().url().optional(),
    /** The provider's name on the console's sign-in button. */
    name: z.string().min(1).max(60).optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    // With browser sign-in the keys may come from the discovery document instead.
    if (o.jwks_url && o.public_key) ctx.addIssue({ code: 'custom', path: ['jwks_url'], message: 'give only one of jwks_url and public_key' });
    if (!o.jwks_url && !o.public_key && !o.client_id)
      ctx.addIssue({ code: 'custom', path: ['jwks_url'], message: 'give one of jwks_url and public_key (or client_id, to find the keys in the discovery document)' });
    if (!o.audience && !o.client_id) ctx.addIssue({ code: 'custom', path: ['audience'], message: 'give audience, or client_id (the default audience)' });
    if (o.client_secret && !o.client_id) ctx.addIssue({ code: 'custom', path: ['client_secret'], message: 'client_secret needs client_id' });
    for (const k of ['authorization_endpoint', 'token_endpoint'] as const) {
      const v = o[k];
      if (v && !secureUrl(v)) ctx.addIssue({ code: 'custom', path: [k], message: `${k} must use https (plain http only for localhost)` });
    }
    // Keys fetched in the clear could be swapped by anyone on the path, and with them every sign-in.
    if (o.jwks_url && !secureUrl(o.jwks_url))
      ctx.addIssue({ code: 'custom', path: ['jwks_url'], message: 'the JWKS URL must use https (plain http only for localhost)' });
    // Discovery fetches the endpoints and keys from the issuer's address.
    if (o.client_id && !(o.authorization_endpoint && o.token_endpoint && (o.jwks_url || o.public_key)) && !secureUrl(o.issuer))
      ctx.addIssue({ code: 'custom', path: ['issuer'], message: 'discovery needs an https issuer (plain http only for localhost); or give the endpoints and keys' });
  });

export const adminConfigSchema = z
  .object({
    /** Serve the admin API under /api. */
    enabled: z.boolean().default(true),
    /** Lifetime of a session token from POST /api/auth/login, in minutes. */
    session_minutes: z.number().int().positive().max(24 * 60).default(60),
    /** Consecutive failed sign-ins after which an account is locked. */
    max_failed_logins: z.number().int().positive().default(5),
    /** How long a locked account stays locked, in minutes. */
    lockout_minutes: z.number().int().positive().default(15),
    /** Mark the console's session cookie Secure (sent over https only); never for localhost. */
    cookie_secure: z.boolean().default(true),
    oidc: adminOidcSchema.optional(),
  })
  .strict();

export type AdminConfig = z.infer<typeof adminConfigSchema>;
export type AdminOidcConfig = z.infer<typeof adminOidcSchema>;

/** The defaults when warden.yaml has no `admin:` section. */
export function adminDefaults(): AdminConfig {
  return adminConfigSchema.parse({});
}
