import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'wdn_';

/** A new Warden key: a public id and a 256-bit secret, joined so the id can be read from the key. */
export function generateKey(): { id: string; key: string } {
  const id = 'k_' + randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, key: `${KEY_PREFIX}${id}_${secret}` };
}

/** The stored form of a key: SHA-256 hex. Keys carry 256 bits of entropy, so a fast hash is safe. */
export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
