// Statement of Applicability and attestations: read, and change through ComplianceService, each
// change an admin record in the audit log.
import { z } from 'zod';
import { ComplianceError, ComplianceService, attestationInputSchema, soaInputSchema } from '../../compliance/service.js';
import { loadCatalog } from '../../compliance/catalog.js';
import { AdminError, route, type AdminCall, type AdminRoute } from './context.js';
import type { AuditRecord } from '../../core/types.js';

const MAX_DOCUMENT = 5 * 1024 * 1024;

export const attestationBody = attestationInputSchema.extend({
  document: z.object({ name: z.string().trim().min(1).max(200), content: z.base64().max(Math.ceil((MAX_DOCUMENT * 4) / 3)) }).strict(),
});

function service(call: AdminCall): ComplianceService {
  // The log write goes through the same audit handle as every other admin change.
  const sink = {
    append: async (rec: AuditRecord) => {
      try {
        return await call.deps.audit.append(rec);
      } catch (err) {
        call.deps.log.error({ err: (err as Error).message, op: (rec as { op?: string }).op }, 'admin change could not be recorded');
        throw new AdminError('WARDEN_ADMIN_UNAVAILABLE');
      }
    },
  };
  return new ComplianceService(call.deps.store.compliance, sink, call.actor, call.deps.instance);
}

async function mapped<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ComplianceError) throw new AdminError(/^no |is not an ISO|has no requirement/.test(err.message) ? 'WARDEN_ADMIN_NOT_FOUND' : 'WARDEN_ADMIN_INVALID', err.message);
    throw err;
  }
}

export function complianceRoutes(): AdminRoute[] {
  return [
    route({
      method: 'GET',
      path: '/soa',
      tag: 'compliance',
      summary: 'Statement of Applicability: every ISO/IEC 42001 Annex A control with its entry (null when undecided)',
      handler: (call) => {
        const entries = new Map(call.deps.store.compliance.soaList().map((e) => [e.control, e]));
        return loadCatalog('iso42001')
          .requirements.filter((r) => r.kind === 'annexA')
          .map((r) => ({ control: r.id, title: r.title, entry: entries.get(r.id) ?? null }));
      },
    }),
    route<z.infer<typeof soaInputSchema>>({
      method: 'PATCH',
      path: '/soa/:control',
      tag: 'compliance',
      summary: 'Set applicability, justification, implementation or evidence links of one Annex A control',
      body: soaInputSchema,
      handler: (call) => mapped(() => service(call).setSoa(call.params.control, call.body)),
    }),
    route({
      method: 'GET',
      path: '/attestations',
      tag: 'compliance',
      summary: 'Attestations of requirements no record can show',
      handler: (call) => call.deps.store.compliance.attestations(),
    }),
    route<z.infer<typeof attestationBody>>({
      method: 'POST',
      path: '/attestations',
      tag: 'compliance',
      summary: 'Attest a requirement with a document (base64; kept with its SHA-256), an owner and an expiry',
      body: attestationBody,
      status: 201,
      handler: (call) => {
        const { document, ...input } = call.body;
        return mapped(() => service(call).attest(input, { name: document.name, content: Buffer.from(document.content, 'base64') }));
      },
    }),
    route({
      method: 'POST',
      path: '/attestations/:id/revoke',
      tag: 'compliance',
      summary: 'Withdraw an attestation',
      handler: (call) => mapped(() => service(call).revokeAttestation(call.params.id)),
    }),
  ];
}
