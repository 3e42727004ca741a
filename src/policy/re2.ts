// Regular expressions in policies run on untrusted text (prompts, model output, tool arguments):
// they use RE2, whose matching time is linear in the input, never JavaScript's backtracking engine.
import { createRequire } from 'node:module';

interface Re2Instance {
  test(text: string): boolean;
}
type Re2Ctor = new (pattern: string, flags?: string) => Re2Instance;

let ctor: Re2Ctor | undefined;

/** Compiles an RE2 pattern (Unicode mode); throws with RE2's reason if it is not valid RE2. */
export function compileRe2(pattern: string, flags = ''): Re2Instance {
  ctor ??= createRequire(import.meta.url)('re2') as Re2Ctor;
  return new ctor(pattern, flags.includes('u') ? flags : flags + 'u');
}
