// Receipts made by the server's own audit code (src/audit), so the browser verifier is tested
// against what Warden really produces, not against a second copy of our understanding.
import { leafHash } from '../../../src/audit/hash.js';
import { inclusionProof, memoryNodeSource, rootAt } from '../../../src/audit/merkle.js';
import { leafOf } from '../../../src/audit/leaf.js';
import { generatePrivateKey, parsePrivateKey, signNote, verifierKey, verifierOf } from '../../../src/audit/note.js';
import { formatCheckpoint } from '../../../src/audit/checkpoint.js';
import { formatTlogProof, verifyReceipt as serverVerifyReceipt, RECEIPT_FORMAT, type Receipt } from '../../../src/audit/receipt.js';
import { sampleAdmin, sampleDecision } from '../../../src/audit/testutil.js';
import type { AuditRecord } from '../../../src/core/types.js';

export interface ServerLog {
  origin: string;
  vkey: string;
  records: AuditRecord[];
  /** The receipt of record `i` against a checkpoint of the first `size` leaves. */
  receipt(i: number, size: number): Receipt;
  /** The server's own check of a receipt (throws when it rejects). */
  serverVerify(r: unknown): void;
  /** A vkey of another key with the same name. */
  otherVkey: string;
}

/** A log of `n` records (decisions, with a completion and admin records mixed in) signed by a fresh key. */
export function serverLog(n: number, origin = 'warden.test/log'): ServerLog {
  const signer = parsePrivateKey(generatePrivateKey('warden-test'));
  const other = parsePrivateKey(generatePrivateKey('warden-test'));
  const records: AuditRecord[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 5 === 4) records.push(sampleAdmin(i));
    else if (i % 7 === 3 && records[i - 1]?.kind === 'decision') records.push({ ...(records[i - 1] as ReturnType<typeof sampleDecision>), kind: 'completion', direction: 'response' });
    // Unicode in a record: the leaf is UTF-8 bytes of canonical JSON, not UTF-16.
    else records.push(sampleDecision(i, i % 3 === 1 ? { system: `système-${i} — 社内` } : {}));
  }
  const leaves = records.map(leafOf);
  const src = memoryNodeSource(leaves.map((l) => leafHash(Buffer.from(l, 'utf8'))));
  const verifier = verifierOf(signer);
  return {
    origin,
    vkey: verifierKey(signer),
    otherVkey: verifierKey(other),
    records,
    receipt(i, size) {
      const note = signNote(formatCheckpoint({ origin, size, root: rootAt(src, size) }), [signer]);
      const rec = records[i];
      return { format: RECEIPT_FORMAT, id: rec.id, entries: [{ kind: rec.kind, index: i, leaf: leaves[i], proof: formatTlogProof(i, inclusionProof(src, i, size), note) }] };
    },
    serverVerify(r) {
      serverVerifyReceipt(r, verifier, origin);
    },
  };
}
