// One decision as the console's decision page shows it: its records, the policy version and the
// rules that fired with their descriptions, its findings (types, counts, offsets: never text),
// and a receipt with what a browser needs to check it against the signed checkpoint itself.
import { z } from 'zod';
import { buildReceipt, ReceiptError, type Receipt } from '../../audit/receipt.js';
import type { GatewayRecord } from '../../core/types.js';
import { compilePolicy, sourceFromFiles, type CompiledPolicy } from '../../policy/index.js';
import { AdminError, notFound, route, type AdminCall, type AdminRoute } from './context.js';
import { findingSummarySchema, gatewayRecordSchema, receiptSchema } from './audit-schemas.js';

/** The receipt of record `id` against a checkpoint covering it (signed now when none does yet). */
export async function receiptOf(call: AdminCall, id: string): Promise<Receipt> {
  const store = call.deps.auditStore();
  const rows = store.leavesById(id);
  if (rows.length === 0) throw notFound(`record ${id} in the audit log`);
  const need = Math.max(...rows.map((r) => r.index)) + 1;
  let cp = store.checkpointCovering(need);
  if (!cp) {
    // Newer than the last checkpoint: have the log sign one that covers it.
    await call.deps.audit.checkpoint();
    cp = store.checkpointCovering(need);
  }
  if (!cp) throw new AdminError('WARDEN_ADMIN_UNAVAILABLE', 'no checkpoint covers the record yet; try again in a few seconds');
  try {
    return buildReceipt(store, id, cp);
  } catch (err) {
    if (err instanceof ReceiptError) throw new AdminError('WARDEN_ADMIN_CONFLICT', err.message);
    throw err;
  }
}

/**
 * How to check a receipt entry with nothing but the verifier key (src/audit/hash.ts, proof.ts,
 * note.ts, checkpoint.ts do exactly this; docs/ADMIN_API.md says the same).
 */
export const VERIFY_STEPS: readonly string[] = [
  'leaf hash = SHA-256(0x00 ‖ UTF-8 bytes of entry.leaf) (RFC 6962 §2.1); the leaf is the RFC 8785 canonical JSON of the record',
  'entry.proof is c2sp.org/tlog-proof@v1 text: the line "c2sp.org/tlog-proof@v1", the line "index N", one base64 32-byte hash per line, a blank line, then the signed checkpoint note',
  'fold the proof hashes into the leaf hash as RFC 9162 §2.1.3.2 says, with node = SHA-256(0x01 ‖ left ‖ right); the result must equal the checkpoint root',
  'the checkpoint note is a C2SP signed note: split it at its last blank line; the text before (ending with its newline) is what was signed, each line after is "— <key name> <base64(4-byte key id ‖ 64-byte Ed25519 signature)>" (— is U+2014); the signature is Ed25519 over the UTF-8 bytes of the text',
  'the text is a C2SP tlog-checkpoint: origin line, tree size line (must exceed the index), base64 root hash line',
  'the verifier key is "<name>+<hex key id>+<base64(0x01 ‖ 32-byte Ed25519 public key)>" (split at the first two "+": the base64 may hold "+"); key id = first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key); use only a signature line whose name and key id match',
  'finally parse the leaf: its id and kind must be the decision\'s id and the entry\'s kind',
];

const ruleSchema = z.object({
  id: z.string(),
  direction: z.enum(['request', 'response']),
  action: z.enum(['block', 'hold', 'redact', 'route', 'warn', 'allow']),
  mode: z.enum(['enforce', 'monitor']),
  controls: z.array(z.string()),
  message: z.string().optional(),
  error: z.string().optional(),
  description: z.string().nullable().describe("the rule's description in the policy version that decided; null when that version is not kept or the rule is built in"),
  file: z.string().nullable(),
  line: z.number().int().nullable(),
});

export const decisionDetailSchema = z.object({
  id: z.string(),
  records: z.array(z.object({ index: z.number().int(), record: gatewayRecordSchema })).describe('the decision record and, once the answer is done, its completion record'),
  policy: z
    .object({ version: z.string(), loadedAt: z.string().nullable(), loadedBy: z.string().nullable(), kept: z.boolean().describe('whether the store keeps this version\'s files') })
    .nullable(),
  rules: z.array(ruleSchema).describe('every rule that matched, request and response'),
  findings: z.array(findingSummarySchema.extend({ direction: z.enum(['request', 'response']) })),
  receipt: receiptSchema.nullable(),
  receiptError: z.string().nullable().describe('why there is no receipt (an expired record, no checkpoint yet)'),
  verification: z.object({
    publicKey: z.string().describe("the log's verifier key"),
    keyName: z.string(),
    origin: z.string().nullable().describe("the checkpoints' origin line"),
    steps: z.array(z.string()).describe('what the browser hashes and checks, in order'),
  }),
});

/** The compiled policy of a version (null when not kept or no longer compiling), from `cache` when there. */
function compiledVersion(call: AdminCall, version: string, cache: Map<string, CompiledPolicy | null>): CompiledPolicy | null {
  const current = call.deps.policy.current();
  if (current.version === version) return current;
  if (cache.has(version)) return cache.get(version)!;
  const stored = call.deps.store.policyVersions.get(version);
  let compiled: CompiledPolicy | null = null;
  if (stored) {
    try {
      compiled = compilePolicy(sourceFromFiles(stored.files));
    } catch {
      // A version an older Warden accepted may not compile today: no descriptions, nothing worse.
      compiled = null;
    }
  }
  if (cache.size >= 16) cache.delete(cache.keys().next().value!);
  cache.set(version, compiled);
  return compiled;
}

export function decisionRoute(): AdminRoute {
  // Versions compiled for their rule descriptions, a few at a time (the console asks for the same ones).
  const compiled = new Map<string, CompiledPolicy | null>();
  return route({
    method: 'GET',
    path: '/audit/decisions/:id',
    tag: 'audit',
    summary: 'One decision: its records, policy version, the rules that fired with their descriptions, findings (never text), and a receipt the browser can verify',
    response: decisionDetailSchema,
    async handler(call) {
      const id = call.params.id;
      const store = call.deps.auditStore();
      const records: Array<{ index: number; record: GatewayRecord }> = [];
      for (const row of store.leavesById(id)) {
        if (row.kind !== 'decision' && row.kind !== 'completion') continue;
        if (row.leaf === null) continue;
        records.push({ index: row.index, record: JSON.parse(row.leaf) as GatewayRecord });
      }
      if (records.length === 0) {
        if (store.leavesById(id).some((r) => r.kind === 'decision' && r.leaf === null)) throw new AdminError('WARDEN_ADMIN_CONFLICT', `decision ${id} expired under retention; only its hash remains`);
        throw notFound(`decision ${id} in the audit log`);
      }
      const version = records.find((r) => r.record.policyVersion)?.record.policyVersion ?? null;
      const policy = version ? compiledVersion(call, version, compiled) : null;
      const stored = version ? call.deps.store.policyVersions.list().find((v) => v.version === version) : undefined;
      const byId = new Map(policy?.rules.map((r) => [r.id, r]) ?? []);
      const rules = records.flatMap(({ record }) =>
        record.rules.map((h) => {
          const r = byId.get(h.id);
          return {
            id: h.id,
            direction: record.direction,
            action: h.action,
            mode: h.mode,
            controls: h.controls,
            ...(h.message !== undefined ? { message: h.message } : {}),
            ...(h.error !== undefined ? { error: h.error } : {}),
            description: r?.description ?? null,
            file: r?.file ?? null,
            line: r?.line ?? null,
          };
        }),
      );
      // Summaries carry types, counts and offsets only: the log never holds the text.
      const findings = records.flatMap(({ record }) =>
        record.findings.map((f) => ({
          direction: record.direction,
          type: f.type,
          ...(f.subtype !== undefined ? { subtype: f.subtype } : {}),
          count: f.count,
          maxScore: f.maxScore,
          offsets: f.offsets,
        })),
      );
      let receipt: Receipt | null = null;
      let receiptError: string | null = null;
      try {
        receipt = await receiptOf(call, id);
      } catch (err) {
        if (!(err instanceof AdminError)) throw err;
        receiptError = err.message;
      }
      const publicKey = call.deps.audit.publicKey;
      return {
        id,
        records,
        policy: version ? { version, loadedAt: stored?.loadedAt ?? null, loadedBy: stored?.loadedBy ?? null, kept: !!stored } : null,
        rules,
        findings,
        receipt,
        receiptError,
        verification: { publicKey, keyName: publicKey.split('+')[0], origin: store.getMeta('origin'), steps: [...VERIFY_STEPS] },
      };
    },
  });
}
