// The inventory's data categories and the finding types that show them in traffic
// (data/compliance/data-categories.yaml over the finding groups of data/policy/finding-groups.yaml).
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { packagePath } from '../core/paths.js';
import { findingCatalog } from '../policy/groups.js';
import { CatalogError } from './catalog.js';

const schema = z.object({ categories: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)) }).strict();

let byType: Map<string, string[]> | undefined;

/** Finding type → the data categories it shows (a type may be in several, e.g. UK_NHS: personal and health). */
export function categoriesOfTypes(): Map<string, string[]> {
  if (byType) return byType;
  const file = packagePath('data', 'compliance', 'data-categories.yaml');
  const r = schema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!r.success) throw new CatalogError(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const groups = findingCatalog().groups;
  const out = new Map<string, string[]>();
  for (const [category, names] of Object.entries(r.data.categories))
    for (const g of names) {
      const members = groups.get(g);
      if (!members) throw new CatalogError(`${file}: ${category} names unknown finding group ${g}`);
      for (const t of members) out.set(t, [...new Set([...(out.get(t) ?? []), category])]);
    }
  return (byType = out);
}

/** The data categories a finding type (TYPE or TYPE:subtype) shows, if any. */
export const categoriesOf = (type: string): string[] => categoriesOfTypes().get(type) ?? categoriesOfTypes().get(type.split(':')[0]) ?? [];
