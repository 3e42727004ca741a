// The audit log for auditors: the latest signed checkpoint, the verifier key, search, a receipt
// for one decision (checkable offline with only the public key), and export as JSON lines.
import { Readable } from 'node:stream';
import { z } from 'zod';
import { exportLines, findRecords, parseTime, type RecordFilter } from '../../audit/query.js';
import { buildReceipt, ReceiptError } from '../../audit/receipt.js';
import { AdminError, notFound, route, type AdminRoute } from './context.js';

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
  action: z.string().optional(),
  rule: z.string().optional(),
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
      handler: (call) => ({ key: call.deps.audit.publicKey }),
    }),
    route<unknown, z.infer<typeof recordSearchQuery>>({
      method: 'GET',
      path: '/audit/records',
      tag: 'audit',
      summary: 'Search records by time, user, system, action, rule, kind or id, oldest or newest first; pages with limit and after',
      query: recordSearchQuery,
      handler(call) {
        const { limit, after, order } = call.query;
        const f = filterOf(call.query as Record<string, unknown>);
        const out: Array<{ index: number; record: unknown }> = [];
        let more = false;
        const newest = order === 'newest-first';
        for (const { index, record } of findRecords(call.deps.auditStore(), f, order)) {
          if (after >= 0 && (newest ? index >= after : index <= after)) continue;
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
      async handler(call) {
        const store = call.deps.auditStore();
        const rows = store.leavesById(call.params.id);
        if (rows.length === 0) throw notFound(`record ${call.params.id} in the audit log`);
        const need = Math.max(...rows.map((r) => r.index)) + 1;
        let cp = store.checkpointCovering(need);
        if (!cp) {
          // Newer than the last checkpoint: have the log sign one that covers it.
          await call.deps.audit.checkpoint();
          cp = store.checkpointCovering(need);
        }
        if (!cp) throw new AdminError('WARDEN_ADMIN_UNAVAILABLE', 'no checkpoint covers the record yet; try again in a few seconds');
        try {
          return buildReceipt(store, call.params.id, cp);
        } catch (err) {
          if (err instanceof ReceiptError) throw new AdminError('WARDEN_ADMIN_CONFLICT', err.message);
          throw err;
        }
      },
    }),
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
