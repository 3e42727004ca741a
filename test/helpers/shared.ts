// Where the project's shared folder is: beside the checkout (as CI lays it out), or the
// development machine's copy. Tests that use its vectors fail, not skip, when it is missing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../../src/core/paths.js';

const CANDIDATES = [process.env.WARDEN_SHARED, packagePath('..', 'shared'), '/work/shared'].filter((p): p is string => !!p);

/** Absolute path of a file under shared/ (e.g. `testdata/merkle`); throws naming where it looked. */
export function sharedPath(...parts: string[]): string {
  for (const root of CANDIDATES) {
    const p = join(root, ...parts);
    if (existsSync(p)) return p;
  }
  throw new Error(`shared/${parts.join('/')} not found (looked in ${CANDIDATES.join(', ')}; set WARDEN_SHARED)`);
}
