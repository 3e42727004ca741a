// Key files of the log in the data folder: created at first open, mode 0600, never logged.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generatePrivateKey, parsePrivateKey, type NoteSigner } from './note.js';

export const SIGNING_KEY_FILE = 'audit-signing.key';
export const HMAC_KEY_FILE = 'audit-hmac.key';
export const DB_FILE = 'audit.db';
export const CONTENT_DB_FILE = 'audit-content.db';

/** Writes a secret file that only the owner may read; never overwrites. Returns false if it existed. */
function createSecret(path: string, text: string): boolean {
  mkdirSync(dirname(path), { recursive: true });
  try {
    writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  chmodSync(path, 0o600);
  return true;
}

/** The signing key text: given, read from `file`, or created in `dataDir` at first use. */
export function loadSigningKey(dataDir: string, opts: { signingKey?: string; signingKeyFile?: string; keyName?: string }): string {
  if (opts.signingKey) return opts.signingKey.trim();
  const path = opts.signingKeyFile ?? join(dataDir, SIGNING_KEY_FILE);
  if (!existsSync(path)) {
    if (opts.signingKeyFile) throw new Error(`audit signing key file ${path} does not exist`);
    createSecret(path, generatePrivateKey(opts.keyName ?? 'warden-audit') + '\n');
  }
  return readFileSync(path, 'utf8').trim();
}

/** Signer from a key text, with the file name in errors. */
export function signerFrom(text: string): NoteSigner {
  return parsePrivateKey(text);
}

/** A 32-byte key kept hex-encoded in a file, created at first use. */
export function loadByteKey(path: string, create: boolean): Buffer {
  if (!existsSync(path)) {
    if (!create) throw new Error(`key file ${path} does not exist`);
    createSecret(path, randomBytes(32).toString('hex') + '\n');
  }
  const text = readFileSync(path, 'utf8').trim();
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) throw new Error(`key file ${path} must hold 32 bytes (hex or base64)`);
  return key;
}
