// Seeded floods for tests and the benchmark: the same text for a seed on every machine.

/** A small seeded generator (mulberry32) returning floats in [0, 1). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` characters of random 9-digit numbers joined by `sep` (built in one buffer: little garbage). */
export function nineDigitFlood(size: number, sep: string, seed: number): string {
  const r = seeded(seed);
  const buf = Buffer.alloc(size);
  const sepBytes = Buffer.from(sep, 'latin1');
  let i = 0;
  while (i < size) {
    let n = 100000000 + Math.floor(r() * 900000000);
    for (let k = 8; k >= 0; k--, n = Math.floor(n / 10)) if (i + k < size) buf[i + k] = 48 + (n % 10);
    i += 9;
    for (let k = 0; k < sepBytes.length && i < size; k++) buf[i++] = sepBytes[k];
  }
  return buf.toString('latin1');
}
