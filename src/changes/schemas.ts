// The inputs of admin changes, checked once here for the admin API (which also shows them in its
// OpenAPI document) and the CLI alike.
import { z } from 'zod';
import { ROLES } from '../store/accounts.js';
import { KILL_SCOPES } from '../store/types.js';
import { passwordProblems } from '../server/admin/passwords.js';
import { issueMessage } from '../registry/errors.js';
import { ChangeError } from './errors.js';

const userName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@+-]{0,199}$/, 'letters, digits and . _ @ + - (1-200)');
const role = z.enum(ROLES);
const password = z.string().superRefine((p, ctx) => {
  for (const m of passwordProblems(p)) ctx.addIssue({ code: 'custom', message: `password needs ${m}` });
});
/** Why a change was made: operator prose, recorded in clear. */
const reason = z.string().trim().max(2000);

export const keyCreateSchema = z
  .object({
    user: z.string().min(1).max(200),
    system: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'an AI system id'),
    groups: z.array(z.string().min(1).max(100)).max(100).default([]),
  })
  .strict();

export const accountCreateSchema = z.object({ user: userName, role, password: password.optional() }).strict();
export const accountPatchSchema = z
  .object({ role: role.optional(), disabled: z.boolean().optional(), password: password.optional() })
  .strict()
  .refine((o) => Object.keys(o).length > 0, 'name at least one of role, disabled, password');
export const tokenCreateSchema = z
  .object({
    user: userName,
    role,
    name: z.string().max(200).optional(),
    /** Days until the token expires; omit for no expiry. */
    expiresInDays: z.number().int().positive().max(3650).optional(),
  })
  .strict();

const targetFields = {
  scope: z.enum(KILL_SCOPES),
  /** The system, supplier, model or user id; omitted (or `*`) for `all`. */
  target: z.string().min(1).max(200).optional(),
};
function checkTarget(o: { scope: string; target?: string }, ctx: z.RefinementCtx) {
  if (o.scope === 'all' && o.target && o.target !== '*') ctx.addIssue({ code: 'custom', path: ['target'], message: '`all` takes no target' });
  if (o.scope !== 'all' && !o.target) ctx.addIssue({ code: 'custom', path: ['target'], message: `name the ${o.scope}` });
  if (o.scope === 'mcp-tool' && o.target && !/^[^/]+\/.+$/.test(o.target)) ctx.addIssue({ code: 'custom', path: ['target'], message: 'an MCP tool is named <server>/<tool>' });
}
export const killSetSchema = z.object({ ...targetFields, reason: reason.min(1, 'say why traffic stops') }).strict().superRefine(checkTarget);
export const killResumeSchema = z.object({ ...targetFields, reason: reason.optional() }).strict().superRefine(checkTarget);
export const reviewDecisionSchema = z.object({ reason: reason.min(1, 'say why') }).strict();

/** Parses input against a schema, or throws WARDEN_ADMIN_INVALID naming each problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(input ?? {}, { reportInput: true });
  if (r.success) return r.data;
  throw new ChangeError(
    'WARDEN_ADMIN_INVALID',
    `invalid ${what}`,
    r.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: issueMessage(i) })),
  );
}
