// Which roles may call which admin-API endpoint: the single source the server enforces and
// docs/ADMIN_API.md shows. A route without an entry here cannot be registered.
import type { Role } from '../../store/types.js';

/** `public`: no credentials; `signed-in`: any role. */
export type Access = 'public' | 'signed-in' | readonly Role[];

const ALL: readonly Role[] = ['admin', 'policy-author', 'reviewer', 'auditor', 'viewer'];
/** Read everything (auditor: read everything, export evidence, change nothing). */
const AUDIT: readonly Role[] = ['admin', 'auditor'];
const OVERSIGHT_READ: readonly Role[] = ['admin', 'reviewer', 'auditor'];
const OVERSIGHT: readonly Role[] = ['admin', 'reviewer'];
const AUTHORING: readonly Role[] = ['admin', 'policy-author'];
const ADMIN: readonly Role[] = ['admin'];
/** Policy tools that compute but change nothing (lint, explain a sample): not for viewers. */
const POLICY_TOOLS: readonly Role[] = ['admin', 'policy-author', 'reviewer', 'auditor'];

export const PERMISSIONS: Readonly<Record<string, Access>> = {
  'GET /api/openapi.json': 'public',
  'GET /api/overview': ALL,
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'signed-in',
  'GET /api/auth/me': 'signed-in',
  'GET /api/auth/providers': 'public',
  'GET /api/auth/oidc/start': 'public',
  'GET /api/auth/oidc/callback': 'public',

  'GET /api/accounts': AUDIT,
  'POST /api/accounts': ADMIN,
  'PATCH /api/accounts/:user': ADMIN,
  'GET /api/tokens': AUDIT,
  'POST /api/tokens': ADMIN,
  'DELETE /api/tokens/:id': ADMIN,

  'GET /api/keys': AUDIT,
  'POST /api/keys': ADMIN,
  'DELETE /api/keys/:id': ADMIN,

  'GET /api/reviews': OVERSIGHT_READ,
  'GET /api/reviews/:id': OVERSIGHT_READ,
  'POST /api/reviews/:id/approve': OVERSIGHT,
  'POST /api/reviews/:id/deny': OVERSIGHT,

  'GET /api/kill-switches': ALL,
  'POST /api/kill-switches': OVERSIGHT,
  'POST /api/kill-switches/resume': OVERSIGHT,

  'GET /api/mcp/servers': ALL,
  'GET /api/mcp/servers/:id/tools': ALL,

  'GET /api/policies/current': ALL,
  'GET /api/policies/versions': ALL,
  'GET /api/policies/versions/:version': ALL,
  'POST /api/policies/check': AUTHORING,
  'GET /api/policies/versions/:version/diff/:other': ALL,
  'GET /api/policies/lint': POLICY_TOOLS,
  'POST /api/policies/explain': POLICY_TOOLS,

  'GET /api/systems': ALL,
  'GET /api/systems/export': AUDIT,
  'POST /api/systems/import': ADMIN,
  'GET /api/systems/:id': ALL,
  'POST /api/systems': ADMIN,
  'PATCH /api/systems/:id': ADMIN,
  'DELETE /api/systems/:id': ADMIN,
  'GET /api/suppliers': ALL,
  'GET /api/suppliers/export': AUDIT,
  'POST /api/suppliers/import': ADMIN,
  'GET /api/suppliers/:id': ALL,
  'POST /api/suppliers': ADMIN,
  'PATCH /api/suppliers/:id': ADMIN,
  'DELETE /api/suppliers/:id': ADMIN,
  'GET /api/risks': ALL,
  'GET /api/risks/:id': ALL,
  'POST /api/risks': AUTHORING,
  'PATCH /api/risks/:id': AUTHORING,
  'DELETE /api/risks/:id': AUTHORING,
  'GET /api/assessments': ALL,
  'GET /api/assessments/:id': ALL,
  'POST /api/assessments': AUTHORING,
  'PATCH /api/assessments/:id': AUTHORING,
  'DELETE /api/assessments/:id': AUTHORING,
  'POST /api/assessments/:id/approve': ADMIN,
  'POST /api/assessments/:id/reject': ADMIN,
  'GET /api/incidents': ALL,
  'GET /api/incidents/overdue': ALL,
  'GET /api/incidents/:id': ALL,
  'GET /api/incidents/:id/report': AUDIT,
  'POST /api/incidents': OVERSIGHT,
  'PATCH /api/incidents/:id': OVERSIGHT,
  'POST /api/incidents/:id/notes': OVERSIGHT,
  'POST /api/incidents/:id/links': OVERSIGHT,
  'POST /api/incidents/:id/art73-report': ADMIN,
  'GET /api/discovery': AUDIT,

  'GET /api/soa': ALL,
  'PATCH /api/soa/:control': ADMIN,
  'GET /api/attestations': ALL,
  'POST /api/attestations': ADMIN,
  'POST /api/attestations/:id/revoke': ADMIN,
  'GET /api/compliance/frameworks': ALL,
  'GET /api/compliance/gap': AUDIT,
  'POST /api/compliance/evidence-packs': AUDIT,
  'GET /api/compliance/evidence-packs': AUDIT,
  'GET /api/compliance/evidence-packs/:id': AUDIT,

  'GET /api/audit/checkpoint': AUDIT,
  'GET /api/audit/public-key': AUDIT,
  'GET /api/audit/records': AUDIT,
  'GET /api/audit/receipts/:id': AUDIT,
  'GET /api/audit/decisions/:id': AUDIT,
  'GET /api/audit/export': AUDIT,
};

/** Whether any of `roles` may call the endpoint `key` (`METHOD /api/path`). Unknown endpoints: nobody. */
export function allows(key: string, roles: readonly Role[]): boolean {
  const access = PERMISSIONS[key];
  if (access === undefined) return false;
  if (access === 'public' || access === 'signed-in') return true;
  return roles.some((r) => access.includes(r));
}

/** Every endpoint key any of `roles` may call, in table order (`GET /api/auth/me` answers it as `allowed`). */
export function allowedFor(roles: readonly Role[]): string[] {
  return Object.keys(PERMISSIONS).filter((k) => allows(k, roles));
}
