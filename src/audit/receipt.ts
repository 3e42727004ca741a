// Receipts: what one decision's holder needs to check it offline with only the log's public key.
// Each entry is the leaf text plus a C2SP tlog-proof (c2sp.org/tlog-proof): index, inclusion
// proof, and the signed checkpoint the proof leads to.
import { leafHash } from './hash.js';
import { leafOf } from './leaf.js';
import { openNote, type NoteVerifier } from './note.js';
import { parseCheckpoint, type Checkpoint } from './checkpoint.js';
import { verifyInclusion } from './proof.js';
import type { LogStore, StoredCheckpoint } from './store.js';
import type { AuditRecord } from '../core/types.js';

export const RECEIPT_FORMAT = 'warden-audit-receipt/v1';
const PROOF_HEADER = 'c2sp.org/tlog-proof@v1';

export interface ReceiptEntry {
  kind: string;
  index: number;
  /** The exact leaf text (RFC 8785 JSON of the record). */
  leaf: string;
  /** c2sp.org/tlog-proof@v1 text: index, proof hashes, blank line, signed checkpoint. */
  proof: string;
}

export interface Receipt {
  format: typeof RECEIPT_FORMAT;
  id: string;
  entries: ReceiptEntry[];
}

export class ReceiptError extends Error {}

/** The tlog-proof text for one leaf. */
export function formatTlogProof(index: number, proof: Buffer[], checkpointNote: string): string {
  return `${PROOF_HEADER}\nindex ${index}\n${proof.map((h) => h.toString('base64') + '\n').join('')}\n${checkpointNote}`;
}

/** Parses a tlog-proof text into its index, hashes and checkpoint note. */
export function parseTlogProof(text: string): { index: number; proof: Buffer[]; note: string } {
  const split = text.indexOf('\n\n');
  if (split < 0) throw new ReceiptError('proof has no checkpoint');
  const lines = text.slice(0, split).split('\n');
  if (lines[0] !== PROOF_HEADER) throw new ReceiptError(`proof does not start with ${PROOF_HEADER}`);
  let i = 1;
  if (lines[i]?.startsWith('extra ')) i++;
  const m = /^index (0|[1-9][0-9]*)$/.exec(lines[i] ?? '');
  if (!m) throw new ReceiptError('proof has no index line');
  const proof = lines.slice(i + 1).map((l) => {
    const h = Buffer.from(l, 'base64');
    if (h.length !== 32 || h.toString('base64') !== l) throw new ReceiptError('proof hash is not a base64 32-byte hash');
    return h;
  });
  return { index: Number(m[1]), proof, note: text.slice(split + 2) };
}

/** Builds the receipt of record `id` (decision, and completion when present) against `cp`. */
export function buildReceipt(store: LogStore, id: string, cp: StoredCheckpoint): Receipt {
  const rows = store.leavesById(id).filter((r) => r.index < cp.size);
  if (rows.length === 0) throw new ReceiptError(`no record ${id} in the log (up to checkpoint size ${cp.size})`);
  const entries = rows.map((r) => {
    if (r.leaf === null) throw new ReceiptError(`record ${id} at index ${r.index} expired on ${r.expiredAt}; only its hash remains`);
    if ((JSON.parse(r.leaf) as { id?: unknown }).id !== id) throw new ReceiptError(`leaf ${r.index} is indexed as record ${id} but is another record`);
    return { kind: r.kind, index: r.index, leaf: r.leaf, proof: formatTlogProof(r.index, store.inclusionProof(r.index, cp.size), cp.note) };
  });
  return { format: RECEIPT_FORMAT, id, entries };
}

export interface VerifiedEntry {
  kind: string;
  index: number;
  record: AuditRecord;
  checkpoint: Checkpoint;
}

/** Checks a receipt offline: signatures, inclusion, and that each leaf is the named record. */
export function verifyReceipt(input: unknown, verifier: NoteVerifier, origin?: string): VerifiedEntry[] {
  const r = input as Partial<Receipt>;
  if (!r || r.format !== RECEIPT_FORMAT) throw new ReceiptError(`not a ${RECEIPT_FORMAT} receipt`);
  if (typeof r.id !== 'string' || !Array.isArray(r.entries) || r.entries.length === 0) throw new ReceiptError('receipt has no id or no entries');
  return r.entries.map((e, n) => {
    const where = `entry ${n}`;
    if (typeof e?.leaf !== 'string' || typeof e.proof !== 'string') throw new ReceiptError(`${where}: leaf and proof must be text`);
    const p = parseTlogProof(e.proof);
    if (p.index !== e.index) throw new ReceiptError(`${where}: index ${e.index} differs from the proof's index ${p.index}`);
    let text: string;
    try {
      text = openNote(p.note, [verifier]).text;
    } catch (err) {
      throw new ReceiptError(`${where}: checkpoint: ${(err as Error).message}`);
    }
    const cp = parseCheckpoint(text);
    if (origin && cp.origin !== origin) throw new ReceiptError(`${where}: checkpoint origin ${cp.origin} is not ${origin}`);
    try {
      verifyInclusion(p.index, cp.size, leafHash(Buffer.from(e.leaf, 'utf8')), p.proof, cp.root);
    } catch (err) {
      throw new ReceiptError(`${where}: the leaf is not in the signed tree: ${(err as Error).message}`);
    }
    let record: AuditRecord;
    try {
      record = JSON.parse(e.leaf) as AuditRecord;
    } catch {
      throw new ReceiptError(`${where}: the leaf is not JSON`);
    }
    if (leafOf(record) !== e.leaf) throw new ReceiptError(`${where}: the leaf is not canonical JSON`);
    if (record.id !== r.id) throw new ReceiptError(`${where}: the leaf is record ${record.id}, not ${r.id}`);
    if (record.kind !== e.kind) throw new ReceiptError(`${where}: the leaf is a ${record.kind} record, not ${e.kind}`);
    return { kind: record.kind, index: p.index, record, checkpoint: cp };
  });
}
