// Frameworks, gap reports and evidence packs: the same assessFramework and buildPack the CLI's
// `warden gap` and `warden evidence pack` run, over this gateway's store and log.
import { createReadStream } from 'node:fs';
import { z } from 'zod';
import { parseVerifierKey } from '../../audit/note.js';
import { DEFAULTS } from '../../audit/log.js';
import { EvidencePacks } from '../../compliance/archive.js';
import { assessable, loadCatalog } from '../../compliance/catalog.js';
import { openCollectorContext, periodOf } from '../../compliance/context.js';
import { assessFramework } from '../../compliance/gap.js';
import { FRAMEWORK_IDS, IMPLEMENTATION, STATUSES, type FrameworkId } from '../../compliance/types.js';
import { AdminError, notFound, route, type AdminCall, type AdminRoute } from './context.js';

const framework = z.enum(FRAMEWORK_IDS);
const status = z.enum(STATUSES);
const time = z.string().describe('ISO 8601 time');
const statusCounts = z.object(Object.fromEntries(STATUSES.map((s) => [s, z.number().int()])) as Record<(typeof STATUSES)[number], z.ZodNumber>);
const periodFields = {
  from: z.string().optional().describe('start: a date or ISO time (default: 90 days before `to`)'),
  to: z.string().optional().describe('end: a date (the whole day) or ISO time (default: now)'),
};

export const soaEntrySchema = z.object({
  control: z.string(),
  applicable: z.boolean(),
  justification: z.string(),
  implementation: z.enum(IMPLEMENTATION),
  evidence: z.array(z.string()),
  updatedAt: time,
  updatedBy: z.string(),
});

export const evidenceSchema = z.object({
  check: z.string(),
  status,
  detail: z.string(),
  counts: z.record(z.string(), z.number()).optional(),
  period: z.object({ from: time, to: time }).optional(),
  decisions: z.array(z.string()).optional().describe('sample decision ids: GET /api/audit/decisions/{id}'),
  records: z.array(z.string()).optional().describe('registry, review, kill-switch, policy-version or attestation ids the check looked at'),
});

export const gapReportSchema = z.object({
  framework,
  title: z.string(),
  period: z.object({ from: time, to: time }),
  generatedAt: time,
  summary: statusCounts,
  entries: z.array(
    z.object({
      framework,
      id: z.string(),
      title: z.string(),
      status,
      collectors: z.array(z.string()),
      evidence: z.array(evidenceSchema),
      related: z.array(z.string()).optional(),
      attestations: z
        .array(z.object({ id: z.string(), owner: z.string(), expiresAt: time, sha256: z.string(), document: z.string(), expired: z.boolean() }))
        .optional(),
      soa: soaEntrySchema.optional(),
      expects: z.string().optional(),
    }),
  ),
});

export const frameworkSchema = z.object({
  id: framework,
  title: z.string(),
  requirements: z.number().int().describe('requirements a gap report lists'),
  period: z.object({ from: time, to: time }),
  coverage: statusCounts.describe('requirements by status over the period'),
  metPercent: z.number().describe('met share of the requirements that apply (not-applicable left out)'),
});

export const storedPackSchema = z.object({
  id: z.string(),
  framework,
  from: time,
  to: time,
  files: z.number().int(),
  receipts: z.number().int(),
  sha256: z.string().describe('SHA-256 of the zip, hex'),
  bytes: z.number().int(),
  createdAt: time,
  createdBy: z.string(),
  checkpoint: z.object({ origin: z.string(), size: z.number().int() }),
  summary: statusCounts,
});

export const packBody = z.object({ framework, ...periodFields }).strict();
const gapQuery = z.object({ framework, ...periodFields }).strict();
const frameworksQuery = z.object(periodFields).strict();

/** Runs `use` over a collector context of this data folder for the period; closes it after. */
function withCollectors<T>(call: AdminCall, from: string | undefined, to: string | undefined, use: (ctx: ReturnType<typeof openCollectorContext>) => T): T {
  let period;
  try {
    period = periodOf(from, to);
  } catch (err) {
    throw new AdminError('WARDEN_ADMIN_INVALID', (err as Error).message, [{ field: 'from', message: (err as Error).message }]);
  }
  const ctx = openCollectorContext({
    dataDir: call.deps.dataDir,
    store: call.deps.store,
    verifier: parseVerifierKey(call.deps.audit.publicKey),
    period,
    retention: call.deps.retention ?? DEFAULTS.retention,
    reviewSlaMinutes: call.deps.reviewSlaMinutes,
  });
  try {
    return use(ctx);
  } finally {
    ctx.close();
  }
}

export function evidenceRoutes(): AdminRoute[] {
  return [
    route<unknown, z.infer<typeof frameworksQuery>>({
      method: 'GET',
      path: '/compliance/frameworks',
      tag: 'compliance',
      summary: 'The frameworks Warden assesses, each with its requirement count and coverage over the period',
      query: frameworksQuery,
      response: z.array(frameworkSchema),
      handler: (call) =>
        withCollectors(call, call.query.from, call.query.to, (ctx) =>
          FRAMEWORK_IDS.map((id: FrameworkId) => {
            const report = assessFramework(id, ctx);
            const applies = report.entries.length - report.summary['not-applicable'];
            return {
              id,
              title: report.title,
              requirements: assessable(loadCatalog(id)).length,
              period: report.period,
              coverage: report.summary,
              metPercent: applies ? Math.round((1000 * report.summary.met) / applies) / 10 : 0,
            };
          }),
        ),
    }),
    route<unknown, z.infer<typeof gapQuery>>({
      method: 'GET',
      path: '/compliance/gap',
      tag: 'compliance',
      summary: 'Gap report of one framework (what `warden gap --json` prints): each requirement with its status and evidence',
      query: gapQuery,
      response: gapReportSchema,
      handler: (call) => withCollectors(call, call.query.from, call.query.to, (ctx) => assessFramework(call.query.framework, ctx)),
    }),
    route<z.infer<typeof packBody>>({
      method: 'POST',
      path: '/compliance/evidence-packs',
      tag: 'compliance',
      summary: 'Build a signed evidence pack (what `warden evidence pack` writes), kept as a zip in the data folder; recorded in the audit log',
      body: packBody,
      response: storedPackSchema,
      status: 201,
      async handler(call) {
        const signer = call.deps.signer;
        if (!signer) throw new AdminError('WARDEN_ADMIN_UNAVAILABLE', 'this gateway has no audit signing key to sign a pack with');
        const packs = new EvidencePacks(call.deps.dataDir);
        // A checkpoint of everything so far, so the pack's receipts prove against a note the log signed itself.
        await call.deps.audit.checkpoint();
        const pack = withCollectors(call, call.body.from, call.body.to, (ctx) => {
          const report = assessFramework(call.body.framework, ctx);
          return packs.build({ dataDir: call.deps.dataDir, store: call.deps.store, signer: signer(), report, facts: ctx.facts }, call.actor);
        });
        await call.changes.recordEvidencePack(pack, () => packs.remove(pack.id));
        return pack;
      },
    }),
    route({
      method: 'GET',
      path: '/compliance/evidence-packs',
      tag: 'compliance',
      summary: 'Evidence packs kept in the data folder, newest first',
      response: z.array(storedPackSchema),
      handler: (call) => new EvidencePacks(call.deps.dataDir).list(),
    }),
    route({
      method: 'GET',
      path: '/compliance/evidence-packs/:id',
      tag: 'compliance',
      summary: 'Download an evidence pack (zip); check it with `warden evidence verify` after unzipping',
      produces: 'application/zip',
      handler(call, reply) {
        const packs = new EvidencePacks(call.deps.dataDir);
        const pack = packs.get(call.params.id);
        if (!pack) throw notFound(`evidence pack ${call.params.id}`);
        reply.type('application/zip');
        reply.header('content-length', String(pack.bytes));
        reply.header('content-disposition', `attachment; filename="warden-evidence-${pack.framework}-${pack.id}.zip"`);
        return createReadStream(packs.zipPath(pack.id));
      },
    }),
  ];
}
