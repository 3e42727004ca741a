// Control ids a rule can name, one syntax per framework, checked against the catalogs in
// data/reference and data/compliance. This is the only place that knows the syntax; docs/POLICY.md mirrors it.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { packagePath } from '../core/paths.js';

/**
 * One framework: the prefix written in policy, how the part after the colon looks, and how
 * to read the ids its catalog knows (already in policy syntax).
 */
interface Framework {
  prefix: string;
  syntax: RegExp;
  example: string;
  /** Catalog file under data/ (JSON or YAML). */
  catalog: string;
  ids(catalog: any): string[];
}

/** Ids of a compliance catalog (data/compliance/*.yaml): its requirements list. */
const requirementIds = (c: { requirements: Array<{ id: string }> }) => c.requirements.map((r) => r.id);

export const FRAMEWORKS: readonly Framework[] = [
  {
    // Clauses 4–10 (`iso42001:6.1.2`) and Annex A controls (`iso42001:A.9.3`).
    prefix: 'iso42001',
    syntax: /^(?:[4-9]|10)(?:\.\d+){0,2}$|^A\.\d+(?:\.\d+){0,2}$/,
    example: 'iso42001:A.9.3 or iso42001:6.1.2',
    catalog: 'reference/iso42001-structure.json',
    ids: (c) => [
      ...c.clauses.map((x: { id: string }) => x.id),
      ...c.annexA.flatMap((g: { id: string; controls: { id: string }[] }) => [g.id, ...g.controls.map((x) => x.id)]),
    ],
  },
  {
    // Functions, categories and subcategories, space written as a dash: `nist-ai-rmf:MANAGE-2.4`.
    prefix: 'nist-ai-rmf',
    syntax: /^(GOVERN|MAP|MEASURE|MANAGE)(-\d+(\.\d+)?)?$/,
    example: 'nist-ai-rmf:MANAGE-2.4',
    catalog: 'reference/nist-ai-rmf-1.0.json',
    ids: (c) =>
      c.functions.flatMap((f: { id: string; categories: { id: string; subcategories: { id: string }[] }[] }) => [
        f.id,
        ...f.categories.flatMap((cat) => [cat.id, ...cat.subcategories.map((s) => s.id)]),
      ]).map((id: string) => id.replace(' ', '-')),
  },
  {
    // Articles of Regulation (EU) 2024/1689: `eu-ai-act:art-14`.
    prefix: 'eu-ai-act',
    syntax: /^art-\d+[a-z]?$/,
    example: 'eu-ai-act:art-14',
    catalog: 'reference/eu-ai-act-obligations.json',
    ids: (c) => c.articles.map((a: { art: string }) => `art-${a.art}`),
  },
  {
    // SOC 2 common criteria: `soc2:CC7.2`.
    prefix: 'soc2',
    syntax: /^CC\d+(\.\d+)?$/,
    example: 'soc2:CC7.2',
    catalog: 'compliance/soc2.yaml',
    ids: requirementIds,
  },
  {
    // HIPAA Security and documentation rules: `hipaa:164.312(b)`.
    prefix: 'hipaa',
    syntax: /^164\.\d+(\([a-z0-9]+\))*$/,
    example: 'hipaa:164.312(b)',
    catalog: 'compliance/hipaa.yaml',
    ids: requirementIds,
  },
  {
    // NAIC Model Bulletin AIS Program sections and Warden's topic keys: `naic:AIS-3.inventory`.
    prefix: 'naic',
    syntax: /^[A-Z]+(-\d+)?(\.[a-z][a-z0-9-]*)?$/,
    example: 'naic:AIS-3 or naic:AIS-3.inventory',
    catalog: 'compliance/naic.yaml',
    ids: requirementIds,
  },
];

let known: Map<string, Set<string>> | undefined;

function catalogs(): Map<string, Set<string>> {
  // Catalogs are read-only facts shipped with Warden: read once per process.
  if (!known) {
    known = new Map();
    for (const f of FRAMEWORKS) {
      const text = readFileSync(packagePath('data', ...f.catalog.split('/')), 'utf8');
      const data = f.catalog.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
      known.set(f.prefix, new Set(f.ids(data)));
    }
  }
  return known;
}

/** Null if `id` names a control in the catalogs, otherwise why not. */
export function checkControl(id: string): string | null {
  const colon = id.indexOf(':');
  const prefix = colon < 0 ? '' : id.slice(0, colon);
  const local = id.slice(colon + 1);
  const fw = FRAMEWORKS.find((f) => f.prefix === prefix);
  if (!fw) return `unknown control framework in "${id}" (use ${FRAMEWORKS.map((f) => f.prefix + ':').join(', ')})`;
  if (!fw.syntax.test(local)) return `control "${id}" is not written as ${fw.example}`;
  if (!catalogs().get(prefix)!.has(local)) return `unknown control "${id}": not in the ${prefix} catalog (data/${fw.catalog})`;
  return null;
}
