// The AI system inventory, supplier register, risks, impact assessments, incidents and discovery.
// Every change goes through RegistryService, which stores it and writes its admin record.
import { z } from 'zod';
import { findRecords } from '../../audit/query.js';
import type { DecisionRef } from '../../oversight/incidents.js';
import { incidentOpenSchema, incidentPatchSchema, INCIDENT_STATUSES } from '../../registry/index.js';
import { ASSESSMENTS, RISKS, SUPPLIERS, SYSTEMS, type RecordKind } from '../../registry/kinds.js';
import { discoveryCandidateSchema, incidentSchema } from '../../registry/schemas.js';
import { AdminError, notFound, route, type AdminDeps, type AdminRoute } from './context.js';

const patch = z.record(z.string(), z.unknown());
const exportQuery = z.object({ format: z.enum(['yaml', 'csv']).default('yaml') }).strict();
const decisionNote = z.object({ note: z.string().max(2000).optional() }).strict();
export const incidentCreateSchema = incidentOpenSchema.extend({
  /** Open from this gateway decision: links it, its AI system and user. */
  fromDecision: z.string().min(1).max(100).optional(),
});

/** The list/get/create/update/delete routes of a record kind, from its description. */
function crud(kind: RecordKind): AdminRoute[] {
  const path = `/${kind.plural}`;
  const { key, values } = kind.filter;
  const listQuery = z.object({ [key]: values ? z.enum(values as [string, ...string[]]).optional() : z.string().optional() }).strict();
  const tag = 'registry';
  return [
    route<unknown, Record<string, string | undefined>>({
      method: 'GET',
      path,
      tag,
      summary: `List ${kind.noun}s`,
      query: listQuery,
      response: z.array(kind.stored),
      handler: (call) => call.registry().list(kind, call.query[key] ? { [key]: call.query[key]! } : undefined),
    }),
    route({
      method: 'GET',
      path: `${path}/:id`,
      tag,
      summary: `One ${kind.noun}`,
      response: kind.stored,
      handler(call) {
        const r = call.registry().get(kind, call.params.id);
        if (!r) throw notFound(`${kind.noun} ${call.params.id}`);
        return r;
      },
    }),
    route({ method: 'POST', path, tag, summary: `Add a ${kind.noun}`, body: kind.input, response: kind.stored, status: 201, handler: (call) => call.registry().create(kind, call.body) }),
    route({
      method: 'PATCH',
      path: `${path}/:id`,
      tag,
      summary: `Change a ${kind.noun}: fields given replace, null removes an optional field`,
      body: patch,
      response: kind.stored,
      handler: (call) => call.registry().update(kind, call.params.id, call.body),
    }),
    route({ method: 'DELETE', path: `${path}/:id`, tag, summary: `Remove a ${kind.noun}`, response: kind.stored, handler: (call) => call.registry().remove(kind, call.params.id) }),
  ];
}

/** The decision in the audit log an incident starts from. */
function findDecision(deps: AdminDeps, id: string): DecisionRef {
  for (const { record } of findRecords(deps.auditStore(), { id })) {
    if (!record) return { id };
    if (record.kind === 'decision' || record.kind === 'completion')
      return { id, system: record.system, user: record.principal?.user ?? null, time: record.time, action: record.action, rules: record.rules.map((r) => r.id) };
  }
  throw new AdminError('WARDEN_ADMIN_INVALID', `no decision ${id} in the audit log`, [{ field: 'fromDecision', message: 'no such decision' }]);
}

const overdueSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(INCIDENT_STATUSES),
  art73: z.object({
    basis: z.enum(['standard', 'death', 'critical-infrastructure-or-widespread']).describe('the paragraph of Art. 73 that sets the deadline'),
    days: z.number().int(),
    awareAt: z.string(),
    deadline: z.string().describe('the last instant the report is on time'),
    reportedAt: z.string().nullable(),
    overdue: z.boolean(),
    late: z.boolean(),
    remainingMs: z.number().nullable().describe('milliseconds left (negative once past); null once reported'),
  }),
});

export const importSchema = z
  .object({
    format: z.enum(['yaml', 'csv']),
    /** The file's text (the request body limit applies). */
    content: z.string().min(1),
    /** Named in problems and in each record's `detail.import`. */
    file: z.string().max(200).default('upload'),
    /** Check and plan only; write nothing. */
    dryRun: z.boolean().default(false),
  })
  .strict();

function importRoute(path: string, kind: 'systems' | 'suppliers', what: string): AdminRoute {
  return route<z.infer<typeof importSchema>>({
    method: 'POST',
    path,
    tag: 'registry',
    summary: `Import the ${what} from YAML or CSV, all or nothing: problems name line and field, and nothing is written`,
    body: importSchema,
    handler: (call) => call.registry().importRecords(kind, call.body.content, call.body.format, call.body.file, { dryRun: call.body.dryRun }),
  });
}

function exportRoute(path: string, kind: 'systems' | 'suppliers', what: string): AdminRoute {
  return route<unknown, z.infer<typeof exportQuery>>({
    method: 'GET',
    path,
    tag: 'registry',
    summary: `Export the ${what} as YAML or CSV (the format \`warden ${kind} import\` reads)`,
    query: exportQuery,
    produces: 'text/yaml, text/csv',
    handler(call, reply) {
      const f = call.query.format;
      reply.type(f === 'csv' ? 'text/csv; charset=utf-8' : 'text/yaml; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${kind}.${f}"`);
      return call.registry().exportRecords(kind, f);
    },
  });
}

export function registryRoutes(): AdminRoute[] {
  return [
    exportRoute('/systems/export', 'systems', 'AI system inventory'),
    importRoute('/systems/import', 'systems', 'AI system inventory'),
    ...crud(SYSTEMS),
    exportRoute('/suppliers/export', 'suppliers', 'supplier register'),
    importRoute('/suppliers/import', 'suppliers', 'supplier register'),
    ...crud(SUPPLIERS),
    ...crud(RISKS),
    ...crud(ASSESSMENTS),
    route<z.infer<typeof decisionNote>>({
      method: 'POST',
      path: '/assessments/:id/approve',
      tag: 'registry',
      summary: "Approve an impact assessment in the caller's name (a high-risk system's needs every Art. 27 element)",
      body: decisionNote,
      response: ASSESSMENTS.stored,
      handler: (call) => call.registry().decideAssessment(call.params.id, 'approved', call.body.note),
    }),
    route<z.infer<typeof decisionNote>>({
      method: 'POST',
      path: '/assessments/:id/reject',
      tag: 'registry',
      summary: "Reject an impact assessment in the caller's name",
      body: decisionNote,
      response: ASSESSMENTS.stored,
      handler: (call) => call.registry().decideAssessment(call.params.id, 'rejected', call.body.note),
    }),
    route({
      method: 'GET',
      path: '/incidents',
      tag: 'incidents',
      summary: 'List incidents',
      response: z.array(incidentSchema),
      query: z.object({ status: z.enum(INCIDENT_STATUSES).optional(), systemId: z.string().optional(), decisionId: z.string().optional() }).strict(),
      handler: (call) => call.registry().listIncidents(call.query as never),
    }),
    route({
      method: 'GET',
      path: '/incidents/overdue',
      tag: 'incidents',
      summary: 'Serious incidents whose EU AI Act Art. 73 report is overdue',
      response: z.array(overdueSchema),
      handler: (call) => call.registry().overdueReports(),
    }),
    route({
      method: 'GET',
      path: '/incidents/:id',
      tag: 'incidents',
      summary: 'One incident with its timeline',
      response: incidentSchema,
      handler(call) {
        const i = call.registry().getIncident(call.params.id);
        if (!i) throw notFound(`incident ${call.params.id}`);
        return i;
      },
    }),
    route<unknown, { format: 'markdown' | 'json' }>({
      method: 'GET',
      path: '/incidents/:id/report',
      tag: 'incidents',
      summary: 'The incident report (Markdown or JSON), with the Art. 73 deadline of a serious incident',
      query: z.object({ format: z.enum(['markdown', 'json']).default('markdown') }).strict(),
      produces: 'text/markdown, application/json',
      handler(call, reply) {
        const text = call.registry().incidentReport(call.params.id, call.query.format);
        reply.type(call.query.format === 'json' ? 'application/json; charset=utf-8' : 'text/markdown; charset=utf-8');
        return text;
      },
    }),
    route<z.infer<typeof incidentCreateSchema>>({
      method: 'POST',
      path: '/incidents',
      tag: 'incidents',
      summary: 'Open an incident by hand, or from a gateway decision (fromDecision)',
      body: incidentCreateSchema,
      status: 201,
      response: incidentSchema,
      handler(call) {
        const { fromDecision, ...input } = call.body;
        return call.registry().openIncident(input, fromDecision ? findDecision(call.deps, fromDecision) : undefined);
      },
    }),
    route({
      method: 'PATCH',
      path: '/incidents/:id',
      tag: 'incidents',
      summary: 'Change an incident: status, severity, serious, title, description, awareAt',
      body: incidentPatchSchema,
      response: incidentSchema,
      handler: (call) => call.registry().updateIncident(call.params.id, call.body),
    }),
    route<{ text: string }>({
      method: 'POST',
      path: '/incidents/:id/notes',
      tag: 'incidents',
      summary: "Add a note to an incident's timeline",
      body: z.object({ text: z.string().min(1).max(10_000) }).strict(),
      status: 201,
      response: incidentSchema,
      handler: (call) => call.registry().noteIncident(call.params.id, call.body.text),
    }),
    route<{ decisions?: string[]; systems?: string[] }>({
      method: 'POST',
      path: '/incidents/:id/links',
      tag: 'incidents',
      summary: 'Link decisions and AI systems to an incident',
      body: z
        .object({ decisions: z.array(z.string().min(1)).optional(), systems: z.array(z.string().min(1)).optional() })
        .strict()
        .refine((o) => o.decisions?.length || o.systems?.length, 'name decisions or systems'),
      response: incidentSchema,
      handler: (call) => call.registry().linkIncident(call.params.id, call.body),
    }),
    route<{ at?: string; authority?: string; reference?: string }>({
      method: 'POST',
      path: '/incidents/:id/art73-report',
      tag: 'incidents',
      summary: 'Record that a serious incident was reported to the authority (EU AI Act Art. 73)',
      body: z.object({ at: z.string().optional(), authority: z.string().max(500).optional(), reference: z.string().max(500).optional() }).strict(),
      response: incidentSchema,
      handler: (call) => call.registry().reportIncident(call.params.id, call.body),
    }),
    route({
      method: 'GET',
      path: '/discovery',
      tag: 'registry',
      summary: 'Shadow AI: keys seen by the gateway whose AI system is not in the inventory',
      response: z.array(discoveryCandidateSchema.extend({ registered: z.boolean() })),
      handler: (call) => call.registry().discoveryCandidates(),
    }),
  ];
}
