// C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys, and the vkey / private key encodings.
import { createPrivateKey, createPublicKey, generateKeyPairSync, hash as digest, sign, verify, type KeyObject } from 'node:crypto';

const ALG_ED25519 = 0x01;
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

export class NoteError extends Error {}

/** A key that signs notes. */
export interface NoteSigner {
  name: string;
  keyId: Buffer;
  publicKey: Buffer;
  sign(message: Buffer): Buffer;
}

/** A key that verifies notes. */
export interface NoteVerifier {
  name: string;
  keyId: Buffer;
  verify(message: Buffer, signature: Buffer): boolean;
}

function splitFields(s: string, n: number): string[] | null {
  const out: string[] = [];
  let rest = s;
  for (let i = 0; i < n - 1; i++) {
    const at = rest.indexOf('+');
    if (at < 0) return null;
    out.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  out.push(rest);
  return out;
}

function checkName(name: string): void {
  if (!name || /[\s+]/u.test(name)) throw new NoteError(`key name ${JSON.stringify(name)} must be non-empty without spaces or '+'`);
}

/** Key id: the first 4 bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key). */
export function keyIdOf(name: string, publicKey: Buffer): Buffer {
  const h = digest('sha256', Buffer.concat([Buffer.from(name, 'utf8'), Buffer.from([0x0a, ALG_ED25519]), publicKey]), 'buffer');
  return h.subarray(0, 4);
}

function publicFromSeed(seed: Buffer): { priv: KeyObject; pub: Buffer } {
  const priv = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(priv).export({ format: 'der', type: 'spki' });
  return { priv, pub: Buffer.from(spki.subarray(spki.length - 32)) };
}

/** Parses `PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 ‖ seed)>`. */
export function parsePrivateKey(text: string): NoteSigner {
  // The base64 key may itself contain '+': split off the first four fields only.
  const parts = splitFields(text.trim(), 5);
  if (!parts || parts[0] !== 'PRIVATE' || parts[1] !== 'KEY') throw new NoteError('not a PRIVATE+KEY+name+id+key signing key');
  const [, , name, idHex, b64] = parts;
  checkName(name);
  const raw = Buffer.from(b64, 'base64');
  if (raw.length !== 33 || raw[0] !== ALG_ED25519) throw new NoteError('signing key is not an Ed25519 key');
  const { priv, pub } = publicFromSeed(raw.subarray(1));
  const keyId = keyIdOf(name, pub);
  if (keyId.toString('hex') !== idHex.toLowerCase()) throw new NoteError('signing key id does not match the key');
  return { name, keyId, publicKey: pub, sign: (m) => sign(null, m, priv) };
}

/** A new Ed25519 signing key in the PRIVATE+KEY encoding. */
export function generatePrivateKey(name: string): string {
  checkName(name);
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const seed = Buffer.from(der.subarray(der.length - 32));
  const { pub } = publicFromSeed(seed);
  return `PRIVATE+KEY+${name}+${keyIdOf(name, pub).toString('hex')}+${Buffer.concat([Buffer.from([ALG_ED25519]), seed]).toString('base64')}`;
}

/** The verifier key of a signer: `<name>+<hex key id>+<base64(0x01 ‖ public key)>`. */
export function verifierKey(signer: Pick<NoteSigner, 'name' | 'publicKey'>): string {
  const id = keyIdOf(signer.name, signer.publicKey).toString('hex');
  return `${signer.name}+${id}+${Buffer.concat([Buffer.from([ALG_ED25519]), signer.publicKey]).toString('base64')}`;
}

/** Parses a vkey. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const parts = splitFields(vkey.trim(), 3);
  if (!parts) throw new NoteError('a verifier key is name+id+key');
  const [name, idHex, b64] = parts;
  checkName(name);
  const raw = Buffer.from(b64, 'base64');
  if (raw.length !== 33 || raw[0] !== ALG_ED25519) throw new NoteError('verifier key is not an Ed25519 key');
  const pub = raw.subarray(1);
  const keyId = keyIdOf(name, pub);
  if (keyId.toString('hex') !== idHex.toLowerCase()) throw new NoteError('verifier key id does not match the key');
  const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519, pub]), format: 'der', type: 'spki' });
  return { name, keyId, verify: (m, s) => s.length === 64 && verify(null, m, key, s) };
}

/** The verifier of a signer (to check our own notes). */
export function verifierOf(signer: NoteSigner): NoteVerifier {
  return parseVerifierKey(verifierKey(signer));
}

/** Signs `text` (which must end in a newline) and returns the whole note. */
export function signNote(text: string, signers: NoteSigner[]): string {
  if (!text.endsWith('\n')) throw new NoteError('note text must end with a newline');
  const msg = Buffer.from(text, 'utf8');
  let out = text + '\n';
  for (const s of signers) {
    const sig = Buffer.concat([s.keyId, s.sign(msg)]);
    out += `\u2014 ${s.name} ${sig.toString('base64')}\n`;
  }
  return out;
}

export interface OpenedNote {
  text: string;
  /** Names of the given verifiers whose signature checked. */
  verifiedBy: string[];
}

/** Splits a note and checks its signatures; throws unless at least one known key signed it. */
export function openNote(note: string, verifiers: NoteVerifier[]): OpenedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new NoteError('malformed note: no signature block');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const msg = Buffer.from(text, 'utf8');
  const verifiedBy: string[] = [];
  for (const line of lines) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
    if (!m) throw new NoteError('malformed signature line');
    const sig = Buffer.from(m[2], 'base64');
    if (sig.length < 5) throw new NoteError('malformed signature');
    for (const v of verifiers) {
      if (v.name !== m[1] || !v.keyId.equals(sig.subarray(0, 4))) continue;
      if (!v.verify(msg, sig.subarray(4))) throw new NoteError(`invalid signature by ${v.name}`);
      if (!verifiedBy.includes(v.name)) verifiedBy.push(v.name);
    }
  }
  if (verifiedBy.length === 0) throw new NoteError('note has no signature by a known key');
  return { text, verifiedBy };
}
