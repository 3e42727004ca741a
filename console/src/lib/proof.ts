// Checks a Warden audit receipt in the browser, with nothing but the log's verifier key: the same
// steps as src/audit/{hash,proof,note,checkpoint,receipt}.ts, over @noble hashes and curves.
//   leaf hash   SHA-256(0x00 ‖ leaf bytes)                 RFC 6962 §2.1
//   node hash   SHA-256(0x01 ‖ left ‖ right)
//   inclusion   fold the proof into the leaf hash           RFC 9162 §2.1.3.2
//   checkpoint  C2SP tlog-checkpoint, in a C2SP signed note signed with Ed25519 (key id: first 4
//               bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key))
import { sha256 } from '@noble/hashes/sha2.js';
import { ed25519 } from '@noble/curves/ed25519.js';

export const HASH_SIZE = 32;
export const RECEIPT_FORMAT = 'warden-audit-receipt/v1';
const PROOF_HEADER = 'c2sp.org/tlog-proof@v1';
const ALG_ED25519 = 0x01;
const utf8 = new TextEncoder();

export class VerifyError extends Error {}

// --- bytes ---------------------------------------------------------------------------------

export function fromBase64(s: string): Uint8Array {
  let bin: string;
  try {
    bin = atob(s);
  } catch {
    throw new VerifyError('not base64');
  }
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function toBase64(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
}

export function toHex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}

/** A base64 32-byte hash, in its one canonical spelling (as the server checks it). */
function hashFromBase64(s: string, what: string): Uint8Array {
  const h = fromBase64(s);
  if (h.length !== HASH_SIZE || toBase64(h) !== s) throw new VerifyError(`${what} is not a base64 32-byte hash`);
  return h;
}

// --- RFC 6962 hashing and inclusion proofs ---------------------------------------------------

/** Leaf hash: SHA-256(0x00 ‖ leaf). */
export function leafHash(leaf: Uint8Array): Uint8Array {
  return sha256(concat(new Uint8Array([0x00]), leaf));
}

/** Interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(concat(new Uint8Array([0x01]), left, right));
}

/** The root an inclusion proof leads to (RFC 9162 §2.1.3.2); throws when it cannot be valid. */
export function rootFromInclusionProof(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[]): Uint8Array {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size)
    throw new VerifyError(`leaf index ${index} is not below tree size ${size}`);
  if (leaf.length !== HASH_SIZE) throw new VerifyError(`leaf hash has ${leaf.length} bytes, want ${HASH_SIZE}`);
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (p.length !== HASH_SIZE) throw new VerifyError(`proof hash has ${p.length} bytes, want ${HASH_SIZE}`);
    if (sn === 0) throw new VerifyError('inclusion proof is too long');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new VerifyError('inclusion proof is too short');
  return r;
}

// --- C2SP tlog-proof, signed note, checkpoint --------------------------------------------------

export interface TlogProof {
  index: number;
  proof: Uint8Array[];
  note: string;
}

/** Parses c2sp.org/tlog-proof@v1 text: header, index, proof hashes, blank line, checkpoint note. */
export function parseTlogProof(text: string): TlogProof {
  const split = text.indexOf('\n\n');
  if (split < 0) throw new VerifyError('proof has no checkpoint');
  const lines = text.slice(0, split).split('\n');
  if (lines[0] !== PROOF_HEADER) throw new VerifyError(`proof does not start with ${PROOF_HEADER}`);
  let i = 1;
  if (lines[i]?.startsWith('extra ')) i++;
  const m = /^index (0|[1-9][0-9]*)$/.exec(lines[i] ?? '');
  if (!m) throw new VerifyError('proof has no index line');
  const proof = lines.slice(i + 1).map((l) => hashFromBase64(l, 'proof hash'));
  return { index: Number(m[1]), proof, note: text.slice(split + 2) };
}

export interface VerifierKey {
  name: string;
  keyId: Uint8Array;
  publicKey: Uint8Array;
}

/** Key id: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key). */
export function keyIdOf(name: string, publicKey: Uint8Array): Uint8Array {
  return sha256(concat(utf8.encode(name), new Uint8Array([0x0a, ALG_ED25519]), publicKey)).subarray(0, 4);
}

/** Parses a vkey `<name>+<hex key id>+<base64(0x01 ‖ Ed25519 public key)>` and checks its id. */
export function parseVerifierKey(vkey: string): VerifierKey {
  const s = vkey.trim();
  const a = s.indexOf('+');
  const b = a < 0 ? -1 : s.indexOf('+', a + 1);
  if (b < 0) throw new VerifyError('a verifier key is name+id+key');
  const name = s.slice(0, a);
  const idHex = s.slice(a + 1, b);
  if (!name || /[\s+]/u.test(name)) throw new VerifyError('bad key name');
  const raw = fromBase64(s.slice(b + 1));
  if (raw.length !== 33 || raw[0] !== ALG_ED25519) throw new VerifyError('verifier key is not an Ed25519 key');
  const publicKey = raw.subarray(1);
  const keyId = keyIdOf(name, publicKey);
  if (toHex(keyId) !== idHex.toLowerCase()) throw new VerifyError('verifier key id does not match the key');
  return { name, keyId, publicKey };
}

/** Splits a signed note and checks the signature by `key`; returns the signed text. */
export function openNote(note: string, key: VerifierKey): string {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new VerifyError('malformed note: no signature block');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const msg = utf8.encode(text);
  let verified = false;
  for (const line of lines) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
    if (!m) throw new VerifyError('malformed signature line');
    const sig = fromBase64(m[2]);
    if (sig.length < 5) throw new VerifyError('malformed signature');
    if (m[1] !== key.name || !equal(sig.subarray(0, 4), key.keyId)) continue;
    const s = sig.subarray(4);
    let ok = false;
    try {
      // zip215 off: RFC 8032 strict, as the server's OpenSSL verification is.
      ok = s.length === 64 && ed25519.verify(s, msg, key.publicKey, { zip215: false });
    } catch {
      ok = false;
    }
    if (!ok) throw new VerifyError(`invalid signature by ${key.name}`);
    verified = true;
  }
  if (!verified) throw new VerifyError(`the checkpoint has no signature by ${key.name}`);
  return text;
}

export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
  extensions: string[];
}

/** Parses a C2SP tlog-checkpoint body: origin, size, base64 root, extension lines. */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new VerifyError('checkpoint must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new VerifyError('checkpoint needs origin, size and root lines');
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  if (!origin) throw new VerifyError('empty origin');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) throw new VerifyError('bad tree size');
  const root = hashFromBase64(rootLine, 'checkpoint root');
  if (extensions.some((e) => e === '')) throw new VerifyError('empty extension line');
  return { origin, size: Number(sizeLine), root, extensions };
}

// --- RFC 8785 canonical JSON (the leaf is the canonical JSON of its record) ---------------------

/** RFC 8785 canonical JSON: keys sorted by UTF-16 code units, ECMAScript number and string forms. */
export function canonicalJson(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new VerifyError('numbers must be finite');
    return JSON.stringify(v);
  }
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  throw new VerifyError('value has no JSON form');
}

// --- receipts ----------------------------------------------------------------------------------

export interface ReceiptEntry {
  kind: string;
  index: number;
  leaf: string;
  proof: string;
}

export interface Receipt {
  format: string;
  id: string;
  entries: ReceiptEntry[];
}

export type StepId = 'signature' | 'checkpoint' | 'leaf' | 'inclusion' | 'record';

export interface Step {
  id: StepId;
  label: string;
  ok: boolean;
  detail: string;
}

export interface EntryResult {
  kind: string;
  index: number;
  ok: boolean;
  steps: Step[];
  /** Hex of what the browser computed, to show and compare. */
  leafHash?: string;
  computedRoot?: string;
  checkpoint?: { origin: string; size: number; root: string };
}

export interface ReceiptResult {
  ok: boolean;
  /** A problem with the receipt as a whole (format, id, key). */
  error?: string;
  entries: EntryResult[];
}

const LABELS: Record<StepId, string> = {
  signature: 'Checkpoint signed by the log key',
  checkpoint: 'Checkpoint well formed',
  leaf: 'Leaf hashed',
  inclusion: 'Inclusion proof leads to the signed root',
  record: 'Leaf is this record',
};

/** Checks one receipt entry; every step is reported, the first failure stops the rest. */
export function verifyEntry(entry: ReceiptEntry, key: VerifierKey, expect: { id: string; origin?: string | null }): EntryResult {
  const steps: Step[] = [];
  const res: EntryResult = { kind: entry.kind, index: entry.index, ok: false, steps };
  const step = (id: StepId, fn: () => string): boolean => {
    try {
      steps.push({ id, label: LABELS[id], ok: true, detail: fn() });
      return true;
    } catch (err) {
      steps.push({ id, label: LABELS[id], ok: false, detail: err instanceof Error ? err.message : String(err) });
      return false;
    }
  };
  let p: TlogProof;
  try {
    if (typeof entry.leaf !== 'string' || typeof entry.proof !== 'string') throw new VerifyError('leaf and proof must be text');
    p = parseTlogProof(entry.proof);
    if (p.index !== entry.index) throw new VerifyError(`index ${entry.index} differs from the proof's index ${p.index}`);
  } catch (err) {
    steps.push({ id: 'inclusion', label: LABELS.inclusion, ok: false, detail: (err as Error).message });
    return res;
  }
  let text = '';
  if (!step('signature', () => ((text = openNote(p.note, key)), `Ed25519 signature by ${key.name} (key id ${toHex(key.keyId)}) is valid`))) return res;
  let cp!: Checkpoint;
  if (
    !step('checkpoint', () => {
      cp = parseCheckpoint(text);
      if (expect.origin && cp.origin !== expect.origin) throw new VerifyError(`checkpoint origin ${cp.origin} is not ${expect.origin}`);
      res.checkpoint = { origin: cp.origin, size: cp.size, root: toHex(cp.root) };
      return `${cp.origin}, tree size ${cp.size}`;
    })
  )
    return res;
  let lh!: Uint8Array;
  if (!step('leaf', () => ((lh = leafHash(utf8.encode(entry.leaf))), (res.leafHash = toHex(lh)), `SHA-256(0x00 ‖ leaf) = ${res.leafHash}`))) return res;
  if (
    !step('inclusion', () => {
      const root = rootFromInclusionProof(p.index, cp.size, lh, p.proof);
      res.computedRoot = toHex(root);
      if (!equal(root, cp.root)) throw new VerifyError(`the proof leads to ${res.computedRoot}, not the signed root ${toHex(cp.root)}`);
      return `${p.proof.length} proof hash${p.proof.length === 1 ? '' : 'es'} from index ${p.index} lead to the signed root ${res.computedRoot}`;
    })
  )
    return res;
  if (
    !step('record', () => {
      let record: { id?: unknown; kind?: unknown };
      try {
        record = JSON.parse(entry.leaf) as typeof record;
      } catch {
        throw new VerifyError('the leaf is not JSON');
      }
      if (canonicalJson(record) !== entry.leaf) throw new VerifyError('the leaf is not canonical JSON');
      if (record.id !== expect.id) throw new VerifyError(`the leaf is record ${String(record.id)}, not ${expect.id}`);
      if (record.kind !== entry.kind) throw new VerifyError(`the leaf is a ${String(record.kind)} record, not ${entry.kind}`);
      return `record ${expect.id}, ${entry.kind}`;
    })
  )
    return res;
  res.ok = true;
  return res;
}

/** Checks a whole receipt against the log's verifier key (and origin, when known). */
export function verifyReceipt(receipt: Receipt, vkey: string, origin?: string | null): ReceiptResult {
  let key: VerifierKey;
  try {
    key = parseVerifierKey(vkey);
  } catch (err) {
    return { ok: false, error: `log key: ${(err as Error).message}`, entries: [] };
  }
  if (!receipt || receipt.format !== RECEIPT_FORMAT) return { ok: false, error: `not a ${RECEIPT_FORMAT} receipt`, entries: [] };
  if (typeof receipt.id !== 'string' || !Array.isArray(receipt.entries) || receipt.entries.length === 0) return { ok: false, error: 'receipt has no id or no entries', entries: [] };
  const entries = receipt.entries.map((e) => verifyEntry(e, key, { id: receipt.id, origin }));
  return { ok: entries.every((e) => e.ok), entries };
}
