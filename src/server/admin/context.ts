// What every admin-API route shares: the dependencies it is given, the caller, errors, and the
// declaration of a route (method, path, schemas, handler) from which Fastify routes and the
// OpenAPI document are both made.
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { adminRecord } from '../../core/admin.js';
import { WardenError, type ErrorCode } from '../../core/errors.js';
import type { AuditRecord } from '../../core/types.js';
import type { AuditLog } from '../../audit/index.js';
import type { LogStore } from '../../audit/store.js';
import type { CompiledPolicy } from '../../policy/index.js';
import type { AdminConfig } from '../../config/admin.js';
import type { Role, Store } from '../../store/types.js';
import { RegistryError, RegistryService, type RegistryProblem, type RiskScale } from '../../registry/index.js';
import { issueMessage } from '../../registry/errors.js';

export interface AdminDeps {
  config: AdminConfig;
  store: Store;
  audit: Pick<AuditLog, 'append' | 'checkpoint' | 'publicKey'>;
  policy: { current(): CompiledPolicy };
  /** Makes a change visible to the gateway at once (keys, kill switches, registry). */
  refreshLive?: () => void;
  instance: string;
  dataDir: string;
  log: Logger;
  /** Review waiting-time SLA, minutes. */
  reviewSlaMinutes: number;
  riskScale?: RiskScale;
  /** The audit log's store for reading (opened read-only on first use). */
  auditStore(): LogStore;
}

/** Who is calling, as established by auth.ts. */
export interface AdminPrincipal {
  user: string;
  roles: Role[];
  via: 'session' | 'api-token' | 'oidc';
  /** The token id (sessions and API tokens). */
  tokenId?: string;
}

/** The name written as `actor` in audit records. */
export function actorOf(p: AdminPrincipal): string {
  return p.via === 'oidc' ? `oidc:${p.user}` : `api:${p.user}`;
}

/** An admin-API error: a stable code and, for invalid input, the problems found. */
export class AdminError extends WardenError {
  constructor(
    code: ErrorCode,
    message?: string,
    readonly problems: Array<{ field: string; message: string; line?: number }> = [],
  ) {
    super(code, message);
  }
}

/** The error body: `{ error: { code, message, problems? } }`. */
export function errorBody(err: WardenError): { error: { code: string; message: string; problems?: unknown[] } } {
  const problems = err instanceof AdminError && err.problems.length ? err.problems : undefined;
  return { error: { code: err.code, message: err.message, ...(problems ? { problems } : {}) } };
}

/** Maps errors of the modules the API calls to admin errors. */
export function toAdminError(err: unknown): WardenError | undefined {
  if (err instanceof WardenError) return err;
  if (err instanceof RegistryError) {
    const code = err.kind === 'invalid' ? 'WARDEN_ADMIN_INVALID' : err.kind === 'not_found' ? 'WARDEN_ADMIN_NOT_FOUND' : 'WARDEN_ADMIN_CONFLICT';
    return new AdminError(code, err.message, err.problems.map((p: RegistryProblem) => ({ field: p.field, message: p.message, ...(p.line ? { line: p.line } : {}) })));
  }
  return undefined;
}

/** One request as a handler sees it: input already checked against the route's schemas. */
export interface AdminCall<B = any, Q = any> {
  principal: AdminPrincipal;
  actor: string;
  params: Record<string, string>;
  query: Q;
  body: B;
  deps: AdminDeps;
  /** Appends an admin record and waits until it is durable; a log failure becomes 503. */
  record(op: string, target: string, before: unknown, after: unknown, detail?: Record<string, unknown>): Promise<void>;
  /** The same in another actor's name (sign-in has no caller yet). */
  recordAs(actor: string, op: string, target: string, before: unknown, after: unknown, detail?: Record<string, unknown>): Promise<void>;
  /** The registry service acting in the caller's name. */
  registry(): RegistryService;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface AdminRoute {
  method: HttpMethod;
  /** Path under /api, Fastify syntax (`/systems/:id`). */
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  query?: z.ZodType;
  /** The JSON answer's shape, for the OpenAPI document. */
  response?: z.ZodType;
  /** Success status (default 200). */
  status?: number;
  /** Media type of the answer when it is not JSON (exports). */
  produces?: string;
  /** No credentials needed (sign-in, the OpenAPI document). */
  public?: boolean;
  handler(call: AdminCall, reply: FastifyReply): unknown;
}

/** Typed route declaration. */
export function route<B = unknown, Q = unknown>(r: Omit<AdminRoute, 'handler'> & { handler(call: AdminCall<B, Q>, reply: FastifyReply): unknown }): AdminRoute {
  return r as AdminRoute;
}

/** Parses input against a schema, or throws WARDEN_ADMIN_INVALID naming each problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(input ?? {}, { reportInput: true });
  if (r.success) return r.data;
  throw new AdminError(
    'WARDEN_ADMIN_INVALID',
    `invalid ${what}`,
    r.error.issues.map((i) => ({ field: i.path.map(String).join('.'), message: issueMessage(i) })),
  );
}

/** Builds the per-request call object. */
export function makeCall(deps: AdminDeps, principal: AdminPrincipal, params: Record<string, string>, query: unknown, body: unknown): AdminCall {
  const actor = actorOf(principal);
  // The registry records through the same fail-closed path as every other change.
  const sink = { append: (rec: AuditRecord) => appendOrFail(deps, rec) };
  let registry: RegistryService | undefined;
  return {
    principal,
    actor,
    params,
    query,
    body,
    deps,
    record: async (op, target, before, after, detail) => {
      await appendOrFail(deps, adminRecord(deps.instance, actor, op, target, before ?? null, after ?? null, detail));
    },
    recordAs: async (who, op, target, before, after, detail) => {
      await appendOrFail(deps, adminRecord(deps.instance, who, op, target, before ?? null, after ?? null, detail));
    },
    registry: () => (registry ??= new RegistryService(deps.store.registry, sink, actor, deps.instance, { riskScale: deps.riskScale })),
  };
}

async function appendOrFail(deps: AdminDeps, rec: AuditRecord): Promise<{ index: number }> {
  try {
    return await deps.audit.append(rec);
  } catch (err) {
    deps.log.error({ err: (err as Error).message, op: (rec as { op?: string }).op }, 'admin change could not be recorded');
    throw new AdminError('WARDEN_ADMIN_UNAVAILABLE');
  }
}

/** A 404 for a record that does not exist. */
export function notFound(what: string): AdminError {
  return new AdminError('WARDEN_ADMIN_NOT_FOUND', `no ${what}`);
}

/** A query field that is a list: `a,b` or repeated. */
export const commaList = z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(z.string()));
