// The NIST AI RMF 1.0 → ISO/IEC 42001 crosswalk (ID pairs only), from data/reference.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { packagePath } from '../core/paths.js';
import { nistId } from './catalog.js';

const schema = z.object({
  pairs: z.array(z.object({ nist: z.string(), iso42001: z.string(), kind: z.enum(['clause', 'annexA']), uncertain: z.boolean() })).min(1),
});

export interface CrosswalkPair {
  /** NIST id in policy syntax (GOVERN-1.1). */
  nist: string;
  iso42001: string;
  uncertain: boolean;
}

let pairs: CrosswalkPair[] | undefined;

/** Every pair of the crosswalk. */
export function crosswalkPairs(): CrosswalkPair[] {
  if (!pairs) {
    const d = schema.parse(JSON.parse(readFileSync(packagePath('data', 'reference', 'nist-ai-rmf-to-iso42001-crosswalk.json'), 'utf8')));
    pairs = d.pairs.map((p) => ({ nist: nistId(p.nist), iso42001: p.iso42001, uncertain: p.uncertain }));
  }
  return pairs;
}

/** Ids the crosswalk pairs with `id` of `framework`, in the other framework; empty for others. */
export function relatedIds(framework: string, id: string): string[] {
  if (framework === 'nist-ai-rmf') return [...new Set(crosswalkPairs().filter((p) => p.nist === id).map((p) => `iso42001:${p.iso42001}`))];
  if (framework === 'iso42001') return [...new Set(crosswalkPairs().filter((p) => p.iso42001 === id).map((p) => `nist-ai-rmf:${p.nist}`))];
  return [];
}
