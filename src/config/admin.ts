import { z } from 'zod';

// The `admin:` section of warden.yaml: the admin API, its sign-in and the company's identity provider.
// docs/CONFIG.md and docs/ADMIN_API.md document every key.

const ROLE_NAMES = ['admin', 'policy-author', 'reviewer', 'auditor', 'viewer'] as const;

export const adminOidcSchema = z
  .object({
    /** The identity provider's issuer (the `iss` claim must equal it). */
    issuer: z.string().min(1),
    /** The `aud` the tokens must carry (one or several accepted values). */
    audience: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
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
  })
  .strict()
  .superRefine((o, ctx) => {
    if (!!o.jwks_url === !!o.public_key) ctx.addIssue({ code: 'custom', path: ['jwks_url'], message: 'give exactly one of jwks_url and public_key' });
    // Keys fetched in the clear could be swapped by anyone on the path, and with them every sign-in.
    if (o.jwks_url) {
      const u = new URL(o.jwks_url);
      if (u.protocol !== 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(u.hostname))
        ctx.addIssue({ code: 'custom', path: ['jwks_url'], message: 'the JWKS URL must use https (plain http only for localhost)' });
    }
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
    oidc: adminOidcSchema.optional(),
  })
  .strict();

export type AdminConfig = z.infer<typeof adminConfigSchema>;
export type AdminOidcConfig = z.infer<typeof adminOidcSchema>;

/** The defaults when warden.yaml has no `admin:` section. */
export function adminDefaults(): AdminConfig {
  return adminConfigSchema.parse({});
}
