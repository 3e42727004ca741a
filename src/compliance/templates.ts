// Attestation templates: for a requirement no record can show, the document an auditor expects
// (data/compliance/attestation-templates.yaml), checked against the catalogs.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { packagePath } from '../core/paths.js';
import { CatalogError, loadCatalog } from './catalog.js';
import { FRAMEWORK_IDS, type FrameworkId } from './types.js';

const schema = z.partialRecord(z.enum(FRAMEWORK_IDS), z.record(z.string(), z.string().trim().min(1)));

let templates: Map<FrameworkId, Map<string, string>> | undefined;

/** Requirement id → the document expected, by framework. */
export function loadTemplates(): Map<FrameworkId, Map<string, string>> {
  if (templates) return templates;
  const file = packagePath('data', 'compliance', 'attestation-templates.yaml');
  const r = schema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!r.success) throw new CatalogError(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const out = new Map<FrameworkId, Map<string, string>>();
  for (const fw of FRAMEWORK_IDS) {
    const ids = new Set(loadCatalog(fw).requirements.map((x) => x.id));
    const m = new Map<string, string>();
    for (const [id, doc] of Object.entries(r.data[fw] ?? {})) {
      if (!ids.has(id)) throw new CatalogError(`${file}: ${fw} has no requirement ${id}`);
      m.set(id, doc!);
    }
    out.set(fw, m);
  }
  return (templates = out);
}
