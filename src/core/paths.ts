import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

// This file sits at <root>/src/core/ (tsx) or <root>/dist/core/ (built): the root is two levels up.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Absolute path of a file shipped with Warden (data/, policies/, console/ …). */
export function packagePath(...parts: string[]): string {
  return join(ROOT, ...parts);
}
