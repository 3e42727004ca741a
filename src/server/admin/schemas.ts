// Shapes of the records the admin API answers with, for the OpenAPI document. The store's
// TypeScript types are the source; these describe them to clients.
import { z } from 'zod';
import { KILL_SCOPES } from '../../store/types.js';
import { ROLES } from '../../store/accounts.js';

const time = z.string().describe('ISO 8601 time');
const maybeTime = time.nullable();

export const accountSchema = z.object({
  user: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  createdAt: time,
  updatedAt: time,
  passwordSetAt: maybeTime,
});

export const tokenSchema = z.object({
  id: z.string(),
  kind: z.enum(['api', 'session']),
  user: z.string(),
  role: z.enum(ROLES),
  name: z.string().nullable(),
  createdAt: time,
  createdBy: z.string(),
  expiresAt: maybeTime,
  revokedAt: maybeTime,
  roles: z.array(z.enum(ROLES)).optional().describe('only on a session from the identity provider: the roles it acts with'),
});
export const newTokenSchema = tokenSchema.extend({ token: z.string().describe('the secret; shown in this answer only') });

export const keySchema = z.object({ id: z.string(), user: z.string(), groups: z.array(z.string()), system: z.string(), createdAt: time, revokedAt: maybeTime });
export const newKeySchema = keySchema.extend({ key: z.string().describe('the secret; shown in this answer only') });

export const killSwitchSchema = z.object({
  id: z.string(),
  scope: z.enum(KILL_SCOPES),
  target: z.string(),
  reason: z.string(),
  setBy: z.string(),
  setAt: time,
  resumedBy: z.string().nullable(),
  resumedAt: maybeTime,
});

export const reviewSchema = z.object({
  id: z.string(),
  decisionId: z.string(),
  fingerprint: z.string().describe('keyed hash of caller, system, model and content: a resend of the same request matches it'),
  user: z.string(),
  system: z.string(),
  supplier: z.string(),
  model: z.string(),
  rules: z.array(z.string()),
  findings: z.array(z.object({ type: z.string(), count: z.number().int() })),
  excerpt: z.string().describe('the request text with findings masked, shortened'),
  reviewers: z.array(z.string()).describe('who the holding rule names as reviewers'),
  validityMs: z.number().int().describe('how long an approval stays usable'),
  status: z.enum(['pending', 'approved', 'denied', 'expired']),
  createdAt: time,
  expiresAt: time,
  decidedAt: maybeTime,
  decidedBy: z.string().nullable(),
  reason: z.string().nullable(),
  validUntil: maybeTime,
  usedAt: maybeTime,
  waiting: z.object({ minutes: z.number().int(), slaMinutes: z.number().int(), overSla: z.boolean() }),
});

export const sessionSchema = z.object({
  token: z.string().optional().describe('the session token (wds_…), shown once; absent with cookie: true'),
  tokenId: z.string(),
  user: z.string(),
  role: z.enum(ROLES),
  roles: z.array(z.enum(ROLES)),
  expiresAt: time,
  csrfToken: z.string().optional().describe('with cookie: true: the x-warden-csrf header value for changes'),
});

export const meSchema = z.object({
  user: z.string(),
  roles: z.array(z.enum(ROLES)),
  via: z.enum(['session', 'api-token', 'oidc']),
  actor: z.string().describe('the name audit records give the caller'),
  tokenId: z.string().optional(),
  allowed: z.array(z.string()).describe('permission keys ("POST /api/kill-switches") the caller may call'),
  csrfToken: z.string().optional().describe('signed in with the console cookie: the x-warden-csrf header value for changes'),
});

export const providersSchema = z.object({
  password: z.boolean().describe('sign-in with a local account and password (POST /api/auth/login)'),
  oidc: z.object({
    enabled: z.boolean(),
    name: z.string().optional().describe("the identity provider's name for the button"),
    start: z.string().optional().describe('where the browser goes to sign in (GET, top-level navigation)'),
  }),
});

export const policyVersionSchema = z.object({ version: z.string(), loadedAt: time, loadedBy: z.string() });
