// Framework catalogs: IDs and short titles, loaded from data files and schema-checked. ISO/IEC
// 42001, NIST AI RMF and EU AI Act come from data/reference (the same files policy `controls`
// are checked against); NAIC, SOC 2 and HIPAA from data/compliance.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { packagePath } from '../core/paths.js';
import { FRAMEWORK_IDS, type Catalog, type FrameworkId, type Requirement } from './types.js';

const titled = z.object({ id: z.string().min(1), title: z.string().min(1) });

const isoSchema = z.object({
  framework: z.string(),
  clauses: z.array(titled.extend({ parent: z.string().nullable() })).min(1),
  annexA: z.array(titled.extend({ controls: z.array(titled).min(1) })).min(1),
});

const nistSchema = z.object({
  framework: z.string(),
  functions: z.array(
    z.object({
      id: z.string(),
      categories: z.array(titled.extend({ subcategories: z.array(titled).min(1) })),
    }),
  ),
});

const euSchema = z.object({
  regulation: z.string(),
  articles: z.array(z.object({ art: z.string().min(1), title: z.string().min(1), who: z.string() })),
});

const euScopeSchema = z.object({ framework: z.literal('eu-ai-act'), articles: z.array(z.string()).min(1) });

const ownSchema = z.object({
  framework: z.enum(FRAMEWORK_IDS),
  title: z.string().min(1),
  source: z.string().min(1),
  requirements: z.array(titled.extend({ parent: z.string().optional() }).strict()).min(1),
});

export class CatalogError extends Error {}

function read(file: string): unknown {
  const text = readFileSync(file, 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
}

function checked<S extends z.ZodType>(schema: S, file: string): z.infer<S> {
  const r = schema.safeParse(read(file));
  if (!r.success) throw new CatalogError(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

const reference = (name: string) => packagePath('data', 'reference', name);
const own = (name: string) => packagePath('data', 'compliance', name);

/** Policy syntax of a NIST AI RMF id: `MANAGE 2.4` → `MANAGE-2.4`. */
export const nistId = (id: string) => id.replace(' ', '-');

function loadIso(): Catalog {
  const file = reference('iso42001-structure.json');
  const d = checked(isoSchema, file);
  const requirements: Requirement[] = [
    ...d.clauses.map((c) => ({ id: c.id, title: c.title, kind: 'clause', ...(c.parent ? { parent: c.parent } : {}) })),
    ...d.annexA.flatMap((g) => [
      { id: g.id, title: g.title, kind: 'annexA-objective' },
      ...g.controls.map((c) => ({ id: c.id, title: c.title, kind: 'annexA', parent: g.id })),
    ]),
  ];
  return { framework: 'iso42001', title: d.framework, source: 'data/reference/iso42001-structure.json', requirements };
}

function loadNist(): Catalog {
  const d = checked(nistSchema, reference('nist-ai-rmf-1.0.json'));
  const requirements = d.functions.flatMap((f) =>
    f.categories.flatMap((c) => c.subcategories.map((s) => ({ id: nistId(s.id), title: s.title, parent: nistId(c.id) }))),
  );
  return { framework: 'nist-ai-rmf', title: d.framework, source: 'data/reference/nist-ai-rmf-1.0.json', requirements };
}

function loadEu(): Catalog {
  const d = checked(euSchema, reference('eu-ai-act-obligations.json'));
  const scope = checked(euScopeSchema, own('eu-ai-act.yaml'));
  const requirements = scope.articles.map((art) => {
    const a = d.articles.find((x) => x.art === art);
    if (!a) throw new CatalogError(`data/compliance/eu-ai-act.yaml names Art. ${art}, which data/reference/eu-ai-act-obligations.json does not list`);
    return { id: `art-${art}`, title: a.title };
  });
  return { framework: 'eu-ai-act', title: d.regulation, source: 'data/reference/eu-ai-act-obligations.json', requirements };
}

function loadOwn(framework: FrameworkId): Catalog {
  const file = own(`${framework}.yaml`);
  const d = checked(ownSchema, file);
  if (d.framework !== framework) throw new CatalogError(`${file} is the ${d.framework} catalog, not ${framework}`);
  return { framework, title: d.title, source: `data/compliance/${framework}.yaml`, requirements: d.requirements };
}

const cache = new Map<FrameworkId, Catalog>();

/** The catalog of a framework (read once per process; catalogs are shipped facts). */
export function loadCatalog(framework: FrameworkId): Catalog {
  let c = cache.get(framework);
  if (!c) {
    c =
      framework === 'iso42001' ? loadIso() : framework === 'nist-ai-rmf' ? loadNist() : framework === 'eu-ai-act' ? loadEu() : loadOwn(framework);
    const seen = new Set<string>();
    for (const r of c.requirements) {
      if (seen.has(r.id)) throw new CatalogError(`${c.source}: requirement ${r.id} appears twice`);
      seen.add(r.id);
    }
    for (const r of c.requirements)
      if (r.parent && !seen.has(r.parent) && framework !== 'nist-ai-rmf') throw new CatalogError(`${c.source}: ${r.id} names unknown parent ${r.parent}`);
    cache.set(framework, c);
  }
  return c;
}

/** The requirements a gap report lists: for ISO 42001 the clauses 4–10 and the Annex A controls (not the objective headings). */
export function assessable(c: Catalog): Requirement[] {
  return c.requirements.filter((r) => r.kind !== 'annexA-objective');
}

export function isFramework(s: string): s is FrameworkId {
  return (FRAMEWORK_IDS as readonly string[]).includes(s);
}
