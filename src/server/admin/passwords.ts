// Password hashing for local admin accounts: scrypt with a per-password salt, checked in constant time.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const PARAMS = { N: 1 << 15, r: 8, p: 1 };
const KEY_LEN = 32;
/** scrypt needs 128·N·r bytes; leave room. */
const maxmem = (N: number, r: number) => 256 * N * r;

/**
 * Each check takes 32 MiB and tens of milliseconds on the libuv pool: a flood of sign-ins waits
 * its turn here instead of exhausting memory or starving the gateway's own file and crypto work.
 */
const MAX_PARALLEL = 2;
let running = 0;
const waiting: Array<() => void> = [];

async function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  if (running >= MAX_PARALLEL) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    const opts: ScryptOptions = { N, r, p, maxmem: maxmem(N, r) };
    return await new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_LEN, opts, (err, key) => (err ? reject(err) : resolve(key))));
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** `scrypt$N$r$p$salt$hash` (base64url), safe to store. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS.N, PARAMS.r, PARAMS.p);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` matches a stored hash; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 1 << 20) return false;
  const want = Buffer.from(parts[5], 'base64url');
  const got = await derive(password, Buffer.from(parts[4], 'base64url'), N, r, p);
  return want.length === got.length && timingSafeEqual(want, got);
}

let dummy: Promise<string> | undefined;
/** Spends the time of one check, so an unknown user answers as slowly as a wrong password. */
export async function burnPasswordCheck(password: string): Promise<void> {
  await verifyPassword(password, await (dummy ??= hashPassword('warden-no-such-user')));
}

/** Problems with a new password (empty when acceptable). */
export function passwordProblems(password: string): string[] {
  const out: string[] = [];
  if (password.length < 12) out.push('at least 12 characters');
  if (password.length > 1024) out.push('at most 1024 characters');
  return out;
}
