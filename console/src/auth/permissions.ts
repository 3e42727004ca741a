// What each admin-API operation lets a person do, in words, for "your role (viewer) cannot …".
// Keys are the server's permission keys (src/server/admin/permissions.ts): "METHOD /api/path".

const DOES: Record<string, string> = {
  'POST /api/kill-switches': 'set kill switches',
  'GET /api/policies/lint': 'see policy lint and test results',
  'POST /api/policies/explain': 'try policies on a sample prompt',
  'PATCH /api/soa/:control': 'edit the Statement of Applicability',
  'POST /api/attestations': 'record attestations',
  'POST /api/compliance/evidence-packs': 'build evidence packs',
  'DELETE /api/risks/:id': 'delete risks',
  'POST /api/kill-switches/resume': 'resume kill switches',
  'GET /api/reviews': 'see the review queue',
  'POST /api/reviews/:id/approve': 'approve held requests',
  'POST /api/reviews/:id/deny': 'deny held requests',
  'GET /api/audit/records': 'read the audit log',
  'GET /api/audit/export': 'export audit records',
  'GET /api/audit/decisions/:id': 'open decisions',
  'GET /api/audit/receipts/:id': 'download receipts',
  'GET /api/overview': 'see the overview',
  'GET /api/accounts': 'see accounts',
  'POST /api/accounts': 'create accounts',
  'PATCH /api/accounts/:user': 'change accounts',
  'GET /api/tokens': 'see API tokens',
  'POST /api/tokens': 'create API tokens',
  'DELETE /api/tokens/:id': 'revoke API tokens',
  'GET /api/keys': 'see Warden keys',
  'POST /api/keys': 'create Warden keys',
  'DELETE /api/keys/:id': 'revoke Warden keys',
  'POST /api/policies/check': 'check policy changes',
  'POST /api/systems': 'add AI systems',
  'PATCH /api/systems/:id': 'change AI systems',
  'DELETE /api/systems/:id': 'remove AI systems',
  'POST /api/suppliers': 'add suppliers',
  'PATCH /api/suppliers/:id': 'change suppliers',
  'DELETE /api/suppliers/:id': 'remove suppliers',
  'POST /api/risks': 'add risks',
  'PATCH /api/risks/:id': 'change risks',
  'POST /api/assessments': 'add impact assessments',
  'POST /api/assessments/:id/approve': 'approve impact assessments',
  'POST /api/incidents': 'open incidents',
  'PATCH /api/incidents/:id': 'change incidents',
};

/** "set kill switches" for "POST /api/kill-switches"; a plain fallback for operations not listed. */
export function whatOpDoes(op: string): string {
  return DOES[op] ?? `use ${op}`;
}

/** Why `roles` may not call `op`, as one sentence a person can read. */
export function whyNot(op: string, roles: readonly string[]): string {
  const who = roles.length ? `your role (${roles.join(', ')})` : 'you';
  return `${who} cannot ${whatOpDoes(op)}`;
}
