// The audit log for auditors: the latest signed checkpoint, the verifier key, search, a receipt
// for one decision (checkable offline with only the public key), and export as JSON lines.
import { Readable } from 'node:stream';
import { z } from 'zod';
import { exportLines, findRecords, parseTime, type RecordFilter } from '../../audit/query.js';
import { notFound, route, type AdminRoute } from './context.js';
import { checkpointSchema, receiptSchema, recordPageSchema } from './audit-schemas.js';
import { decisionRoute, receiptOf } from './decision.js';

const time = z.string().refine((s) => {
  try {
    parseTime(s);
    return true;
  } catch {
    return false;
  }
}, 'an ISO time or a duration back from now (24h, 7d)');

const filterFields = {
  since: time.optional(),
  until: time.optional(),
  user: z.string().optional(),
  system: z.string().optional(),
  supplier: z.string().optional(),
  action: z.string().optional(),
  rule: z.string().optional(),
  finding: z.string().optional().describe('a finding type (EMAIL) or type:subtype the record has'),
  kind: z.enum(['decision', 'completion', 'admin']).optional(),
  id: z.string().optional(),
};
export const recordSearchQuery = z
  .object({
    ...filterFields,
    limit: z.coerce.number().int().min(1).max(1000).default(100),
    /** Continue after this leaf index (from the previous page's `next`); with newest-first, continue below it. */
    after: z.coerce.number().int().min(-1).default(-1),
    order: z.enum(['oldest-first', 'newest-first']).default('oldest-first'),
  })
  .strict();
export const exportQuery = z.object({ ...filterFields, format: z.enum(['jsonl', 'csv', 'ocsf', 'cef']).default('jsonl') }).strict();

const MEDIA: Record<string, string> = { jsonl: 'application/x-ndjson', csv: 'text/csv; charset=utf-8', ocsf: 'application/x-ndjson', cef: 'text/plain; charset=utf-8' };

function filterOf(q: Record<string, unknown>): RecordFilter {
  const f: RecordFilter = {};
  for (const k of Object.keys(filterFields) as Array<keyof RecordFilter>) if (typeof q[k] === 'string') f[k] = q[k] as string;
  return f;
}

export function auditRoutes(): AdminRoute[] {
  return [
    route({
      method: 'GET',
      path: '/audit/checkpoint',
      tag: 'audit',
      summary: 'The latest signed checkpoint (C2SP signed note) and its tree size',
      response: checkpointSchema,
      handler(call) {
        const cp = call.deps.auditStore().latestCheckpoint();
        if (!cp) throw notFound('checkpoint yet');
        return { size: cp.size, root: cp.root.toString('base64'), time: cp.time, note: cp.note };
      },
    }),
    route({
      method: 'GET',
      path: '/audit/public-key',
      tag: 'audit',
      summary: "The log's verifier key, for `warden audit verify-receipt --key`",
      response: z.object({ key: z.string().describe('verifier key: <name>+<hex key id>+<base64(0x01 ‖ Ed25519 public key)>') }),
      handler: (call) => ({ key: call.deps.audit.publicKey }),
    }),
    route<unknown, z.infer<typeof recordSearchQuery>>({
      method: 'GET',
      path: '/audit/records',
      tag: 'audit',
      summary: 'Search records by time, user, system, supplier, action, rule, finding type, kind or id, oldest or newest first; pages with limit and after',
      query: recordSearchQuery,
      response: recordPageSchema,
      handler(call) {
        const { limit, after, order } = call.query;
        const f = filterOf(call.query as Record<string, unknown>);
        const out: Array<{ index: number; record: unknown }> = [];
        let more = false;
        for (const { index, record } of findRecords(call.deps.auditStore(), f, order, after >= 0 ? after : undefined)) {
          if (out.length === limit) {
            more = true;
            break;
          }
          out.push({ index, record });
        }
        return { records: out, next: more ? out[out.length - 1].index : null };
      },
    }),
    route({
      method: 'GET',
      path: '/audit/receipts/:id',
      tag: 'audit',
      summary: 'A receipt for one decision: its leaves, inclusion proofs and a signed checkpoint, checkable offline',
      response: receiptSchema,
      handler: (call) => receiptOf(call, call.params.id),
    }),
    decisionRoute(),
    route<unknown, z.infer<typeof exportQuery>>({
      method: 'GET',
      path: '/audit/export',
      tag: 'audit',
      summary: 'Export records (streamed); jsonl lines are exactly the hashed leaf bytes, in log order',
      query: exportQuery,
      produces: 'application/x-ndjson, text/csv, text/plain',
      handler(call, reply) {
        const lines = exportLines(call.deps.auditStore(), call.query.format, filterOf(call.query as Record<string, unknown>));
        reply.type(MEDIA[call.query.format]);
        reply.header('content-disposition', `attachment; filename="warden-audit.${call.query.format === 'ocsf' ? 'ocsf.jsonl' : call.query.format}"`);
        return Readable.from(lines);
      },
    }),
  ];
}
