// Finding types and the named groups (@pii, @phi …) a policy may use, from data/policy/finding-groups.yaml.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { packagePath } from '../core/paths.js';

const GroupsFileSchema = z
  .object({
    types: z.array(z.string().min(1)).min(1),
    groups: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), z.array(z.string().min(1)).min(1)),
  })
  .strict();

export interface FindingCatalog {
  types: ReadonlySet<string>;
  groups: ReadonlyMap<string, readonly string[]>;
}

let catalog: FindingCatalog | undefined;

/** The shipped finding types and groups (read once per process; the file is read-only data). */
export function findingCatalog(): FindingCatalog {
  if (!catalog) {
    const file = packagePath('data', 'policy', 'finding-groups.yaml');
    const parsed = GroupsFileSchema.safeParse(parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const types = new Set(parsed.data.types);
    for (const [g, members] of Object.entries(parsed.data.groups)) {
      for (const m of members) if (!types.has(m.split(':')[0])) throw new Error(`${file}: group ${g} names unknown type ${m}`);
    }
    catalog = { types, groups: new Map(Object.entries(parsed.data.groups)) };
  }
  return catalog;
}

/** A compiled set of finding types: `any` for `*`; keys are TYPE or TYPE:subtype. */
export interface TypeSet {
  any: boolean;
  keys: ReadonlySet<string>;
}

/**
 * Expands type references (US_SSN, SECRET:aws_access_key, @pii, *) into a TypeSet.
 * Policy-defined groups shadow nothing: a name clash with a shipped group is an error at load.
 */
export function expandTypes(refs: readonly string[], extraGroups: ReadonlyMap<string, readonly string[]>): TypeSet {
  const keys = new Set<string>();
  let any = false;
  const seen = new Set<string>();
  const add = (ref: string): void => {
    if (ref === '*') {
      any = true;
      return;
    }
    if (ref.startsWith('@')) {
      const name = ref.slice(1);
      if (seen.has(name)) return;
      seen.add(name);
      const members = extraGroups.get(name) ?? findingCatalog().groups.get(name);
      if (!members) throw new Error(`unknown finding group ${ref} (known: ${[...findingCatalog().groups.keys(), ...extraGroups.keys()].map((g) => '@' + g).join(', ')})`);
      for (const m of members) add(m);
      return;
    }
    keys.add(ref);
  };
  for (const r of refs) add(r);
  return { any, keys };
}

/** True if a finding of this type (and subtype) belongs to the set. */
export function typeSetHas(set: TypeSet, type: string, subtype: string | undefined): boolean {
  return set.any || set.keys.has(type) || (subtype !== undefined && set.keys.has(type + ':' + subtype));
}

/** Type names in refs (after expansion) that the shipped catalog does not list: custom detectors or typos. */
export function unknownTypes(set: TypeSet): string[] {
  const known = findingCatalog().types;
  return [...set.keys].map((k) => k.split(':')[0]).filter((t) => !known.has(t));
}
