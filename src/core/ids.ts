import { randomBytes } from 'node:crypto';

// Crockford base32, as ULID uses: ids sort by time as strings.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = 0;
const lastRandom = new Uint8Array(10);

/** A sortable, unique id (ULID layout: 48-bit ms time + 80 random bits, monotonic within a ms). */
export function newId(now = Date.now()): string {
  if (now <= lastTime) {
    // Same millisecond (or clock went back): increment the random part so ids stay ordered.
    now = lastTime;
    for (let i = 9; i >= 0; i--) {
      if (lastRandom[i] < 255) {
        lastRandom[i]++;
        break;
      }
      lastRandom[i] = 0;
    }
  } else {
    lastTime = now;
    lastRandom.set(randomBytes(10));
  }
  let out = '';
  let t = now;
  const timeChars = new Array<string>(10);
  for (let i = 9; i >= 0; i--) {
    timeChars[i] = ALPHABET[t % 32];
    t = Math.floor(t / 32);
  }
  out = timeChars.join('');
  // 80 bits -> 16 base32 chars.
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < 10; i++) {
    acc = (acc << 8) | lastRandom[i];
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}
