// Shapes of audit records and receipts as the admin API answers with them (src/core/types.ts is
// the source): for the OpenAPI document and the console's generated types.
import { z } from 'zod';
import { ACTIONS } from '../../core/types.js';

const time = z.string().describe('ISO 8601 time');
const action = z.enum(ACTIONS);
const mode = z.enum(['enforce', 'monitor']);

export const ruleHitSchema = z.object({
  id: z.string(),
  action,
  mode,
  controls: z.array(z.string()),
  message: z.string().optional(),
  error: z.string().optional().describe('the condition failed at run time and the rule failed closed'),
  tools: z.array(z.string()).optional(),
});

export const findingSummarySchema = z
  .object({
    type: z.string(),
    subtype: z.string().optional(),
    count: z.number().int(),
    maxScore: z.number(),
    offsets: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int()])).describe('[segment, start, end] triples, at most 256 per type'),
  })
  .describe('what was found: types, counts and offsets, never the text');

export const gatewayRecordSchema = z.object({
  kind: z.enum(['decision', 'completion']),
  id: z.string(),
  time,
  instance: z.string(),
  principal: z.object({ user: z.string(), groups: z.array(z.string()), keyId: z.string() }).nullable(),
  system: z.string().nullable(),
  supplier: z.string().nullable(),
  model: z.string().nullable(),
  api: z.enum(['openai.chat', 'openai.responses', 'openai.embeddings', 'anthropic.messages', 'azure.chat', 'mcp']).nullable(),
  direction: z.enum(['request', 'response']),
  action,
  mode,
  rules: z.array(ruleHitSchema),
  controls: z.array(z.string()),
  findings: z.array(findingSummarySchema),
  contentHmac: z.string().optional(),
  policyVersion: z.string().nullable(),
  latency: z.object({ gatewayMs: z.number(), upstreamMs: z.number().optional() }).optional(),
  tokens: z.object({ input: z.number().optional(), output: z.number().optional() }).optional(),
  outcome: z
    .object({ status: z.number().int(), error: z.string().optional(), deliveredChars: z.number().int().optional(), streamCompleted: z.boolean().optional() })
    .optional(),
  reviewId: z.string().optional(),
  mcp: z
    .object({
      server: z.string(),
      method: z.string(),
      target: z.string().optional(),
      argumentHashes: z.record(z.string(), z.string()).optional(),
      resultBytes: z.number().int().optional(),
      isError: z.boolean().optional(),
    })
    .optional(),
});

export const adminRecordSchema = z.object({
  kind: z.literal('admin'),
  id: z.string(),
  time,
  instance: z.string(),
  actor: z.string(),
  op: z.string(),
  target: z.string(),
  beforeHash: z.string().nullable(),
  afterHash: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).optional(),
});

export const auditRecordSchema = z.discriminatedUnion('kind', [gatewayRecordSchema, adminRecordSchema]);

export const recordPageSchema = z.object({
  records: z.array(z.object({ index: z.number().int(), record: auditRecordSchema.nullable().describe('null: retention expired the record; its hash stays in the tree') })),
  next: z.number().int().nullable().describe('pass as `after` for the next page; null on the last page'),
});

export const checkpointSchema = z.object({
  size: z.number().int(),
  root: z.string().describe('base64 root hash'),
  time,
  note: z.string().describe('the C2SP signed note of the checkpoint'),
});

export const receiptSchema = z.object({
  format: z.literal('warden-audit-receipt/v1'),
  id: z.string(),
  entries: z.array(
    z.object({
      kind: z.string(),
      index: z.number().int(),
      leaf: z.string().describe('the exact leaf text (RFC 8785 JSON of the record)'),
      proof: z.string().describe('c2sp.org/tlog-proof@v1 text: index, proof hashes, blank line, signed checkpoint'),
    }),
  ),
});
