// Statement of Applicability and attestations: read, and change through the admin change service,
// each change an admin record in the audit log.
import { z } from 'zod';
import { attestationInputSchema, soaInputSchema } from '../../compliance/service.js';
import { loadCatalog } from '../../compliance/catalog.js';
import { FRAMEWORK_IDS } from '../../compliance/types.js';
import { route, type AdminRoute } from './context.js';
import { soaEntrySchema } from './evidence.js';

const MAX_DOCUMENT = 5 * 1024 * 1024;

export const attestationBody = attestationInputSchema.extend({
  document: z.object({ name: z.string().trim().min(1).max(200), content: z.base64().max(4 * Math.ceil(MAX_DOCUMENT / 3), 'at most 5 MiB') }).strict(),
});

export const attestationSchema = z.object({
  id: z.string(),
  framework: z.enum(FRAMEWORK_IDS),
  requirement: z.string(),
  owner: z.string(),
  document: z.string().describe('the document name as given'),
  sha256: z.string(),
  expiresAt: z.string(),
  note: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  revokedAt: z.string().nullable(),
});

export function complianceRoutes(): AdminRoute[] {
  return [
    route({
      method: 'GET',
      path: '/soa',
      tag: 'compliance',
      summary: 'Statement of Applicability: every ISO/IEC 42001 Annex A control with its entry (null when undecided)',
      response: z.array(z.object({ control: z.string(), title: z.string(), entry: soaEntrySchema.nullable() })),
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
      response: soaEntrySchema,
      handler: (call) => call.changes.setSoa(call.params.control, call.body),
    }),
    route({
      method: 'GET',
      path: '/attestations',
      tag: 'compliance',
      summary: 'Attestations of requirements no record can show',
      response: z.array(attestationSchema),
      handler: (call) => call.deps.store.compliance.attestations(),
    }),
    route<z.infer<typeof attestationBody>>({
      method: 'POST',
      path: '/attestations',
      tag: 'compliance',
      summary: 'Attest a requirement with a document (base64; kept with its SHA-256), an owner and an expiry',
      body: attestationBody,
      response: attestationSchema,
      status: 201,
      handler: (call) => {
        const { document, ...input } = call.body;
        return call.changes.attest(input, { name: document.name, content: Buffer.from(document.content, 'base64') });
      },
    }),
    route({
      method: 'POST',
      path: '/attestations/:id/revoke',
      tag: 'compliance',
      summary: 'Withdraw an attestation',
      response: attestationSchema,
      handler: (call) => call.changes.revokeAttestation(call.params.id),
    }),
  ];
}
