// What every admin-API route shares: the dependencies it is given, the caller, errors, and the
// declaration of a route (method, path, schemas, handler) from which Fastify routes and the
// OpenAPI document are both made.
import type { McpCatalog } from '../../mcp/catalog.js';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { adminRecord } from '../../core/admin.js';
import { WardenError } from '../../core/errors.js';
import type { AuditLog } from '../../audit/index.js';
import type { LogStore } from '../../audit/store.js';
import type { NoteSigner } from '../../audit/note.js';
import type { Finding } from '../../core/types.js';
import type { CompiledPolicy, PolicyInput } from '../../policy/index.js';
import type { AdminConfig } from '../../config/admin.js';
import type { Role, Store } from '../../store/types.js';
import type { RegistryService, RiskScale } from '../../registry/index.js';
import { ChangeError } from '../../changes/errors.js';
import { AdminChanges, asChangeError } from '../../changes/service.js';

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
  /** The log's signing key, for evidence-pack manifests (absent: packs cannot be built here). */
  signer?: () => NoteSigner;
  /** The log's retention, as the compliance collectors judge it (default: the log's defaults). */
  retention?: { decisionDays: number; adminDays: number };
  /** Detection and the gateway's view of a system and supplier, for explaining a sample prompt. */
  sample?: SampleDecider;
  /** The MCP servers the gateway fronts (absent: none configured here). */
  mcp?: McpCatalog;
}

/** What `POST /api/policies/explain` needs of the gateway: its detectors and its policy input. */
export interface SampleDecider {
  scan(texts: string[]): Promise<Finding[]>;
  /** The policy input the gateway would build for this caller, system and model, with these findings. */
  input(spec: SampleSpec, findings: Finding[]): PolicyInput;
  /** The AI system a sample names when the caller names none (the first configured). */
  defaultSystem?: string;
}

export interface SampleSpec {
  system: string;
  user: string;
  groups: string[];
  model?: string;
  supplier?: string;
  direction: 'request' | 'response';
}

/** Who is calling, as established by auth.ts. */
export interface AdminPrincipal {
  user: string;
  roles: Role[];
  via: 'session' | 'api-token' | 'oidc';
  /** The token id (sessions and API tokens). */
  tokenId?: string;
  /** Set when the session came in the console's cookie: the CSRF token its changes carry. */
  csrfToken?: string;
}

/** The name written as `actor` in audit records. */
export function actorOf(p: AdminPrincipal): string {
  return p.via === 'oidc' ? `oidc:${p.user}` : `api:${p.user}`;
}

/** An admin-API error: a stable code and, for invalid input, the problems found. */
export { ChangeError as AdminError, notFound } from '../../changes/errors.js';
export { parseInput } from '../../changes/schemas.js';

/** The error body: `{ error: { code, message, problems? } }`. */
export function errorBody(err: WardenError): { error: { code: string; message: string; problems?: unknown[] } } {
  const problems = err instanceof ChangeError && err.problems.length ? err.problems : undefined;
  return { error: { code: err.code, message: err.message, ...(problems ? { problems } : {}) } };
}

/** Maps errors of the modules the API calls to admin errors. */
export function toAdminError(err: unknown): WardenError | undefined {
  const e = asChangeError(err);
  return e instanceof WardenError ? e : undefined;
}

/** One request as a handler sees it: input already checked against the route's schemas. */
export interface AdminCall<B = any, Q = any> {
  principal: AdminPrincipal;
  actor: string;
  params: Record<string, string>;
  query: Q;
  body: B;
  deps: AdminDeps;
  /** Every change, in the caller's name: made, recorded, undone when the log refuses it. */
  changes: AdminChanges;
  /** Records a sign-in or sign-out (auth.ts; every other change goes through `changes`); a log failure becomes 503. */
  record(op: string, target: string, before: unknown, after: unknown, detail?: Record<string, unknown>): Promise<void>;
  /** The same in another actor's name (sign-in has no caller yet). */
  recordAs(actor: string, op: string, target: string, before: unknown, after: unknown, detail?: Record<string, unknown>): Promise<void>;
  /** The registry service acting in the caller's name (`changes.registry`). */
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

/** Builds the per-request call object. */
export function makeCall(deps: AdminDeps, principal: AdminPrincipal, params: Record<string, string>, query: unknown, body: unknown): AdminCall {
  const actor = actorOf(principal);
  let changes: AdminChanges | undefined;
  const changesOf = () =>
    (changes ??= new AdminChanges({
      store: deps.store,
      audit: deps.audit,
      instance: deps.instance,
      actor: { name: actor, via: principal.via },
      log: deps.log,
      riskScale: deps.riskScale,
    }));
  return {
    principal,
    actor,
    params,
    query,
    body,
    deps,
    get changes() {
      return changesOf();
    },
    record: (op, target, before, after, detail) => recordAs(deps, actor, op, target, before, after, detail),
    recordAs: (who, op, target, before, after, detail) => recordAs(deps, who, op, target, before, after, detail),
    registry: () => changesOf().registry,
  };
}

async function recordAs(deps: AdminDeps, who: string, op: string, target: string, before: unknown, after: unknown, detail?: Record<string, unknown>): Promise<void> {
  try {
    await deps.audit.append(adminRecord(deps.instance, who, op, target, before ?? null, after ?? null, detail));
  } catch (err) {
    deps.log.error({ err: (err as Error).message, op }, 'admin change could not be recorded');
    throw new ChangeError('WARDEN_ADMIN_UNAVAILABLE');
  }
}

/** A query field that is a list: `a,b` or repeated. */
export const commaList = z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(z.string()));
