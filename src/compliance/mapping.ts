// Which collectors give evidence for which requirement: data/compliance/evidence.yaml, checked
// against the catalogs and the collectors that exist.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { packagePath } from '../core/paths.js';
import { CatalogError, loadCatalog } from './catalog.js';
import { FRAMEWORK_IDS, type FrameworkId } from './types.js';

export const COLLECTOR_NAMES = [
  'event-logging',
  'supplier-management',
  'risk-assessment',
  'impact-assessment',
  'human-oversight',
  'monitoring',
  'documented-information',
  'incidents',
  'inventory',
  'soa',
  'access-keys',
  'ai-policy',
  'policy-review',
  'responsible-use',
  'roles',
  'resources',
  'change-records',
  'deployment',
  'treatment-verification',
  'intended-use',
  'supplier-responsibilities',
] as const;
export const RESOURCE_KINDS = ['data', 'tooling', 'compute', 'people', 'specification'] as const;
export type CollectorName = (typeof COLLECTOR_NAMES)[number];

export interface CollectorParams {
  minRetentionDays?: number;
  minAdminRetentionDays?: number;
  reviewSlaMinutes?: number;
  /** resources: which resource every system documents. */
  resource?: (typeof RESOURCE_KINDS)[number];
  /** policy-review: the newest policy version is at most this old. */
  maxAgeDays?: number;
}

export interface CollectorUse {
  collector: CollectorName;
  params: CollectorParams;
}

const use = z.union([
  z.enum(COLLECTOR_NAMES),
  z
    .object({
      collector: z.enum(COLLECTOR_NAMES),
      minRetentionDays: z.number().int().positive().optional(),
      minAdminRetentionDays: z.number().int().positive().optional(),
      reviewSlaMinutes: z.number().int().positive().optional(),
      resource: z.enum(RESOURCE_KINDS).optional(),
      maxAgeDays: z.number().int().positive().optional(),
    })
    .strict(),
]);
const schema = z.partialRecord(z.enum(FRAMEWORK_IDS), z.record(z.string(), z.array(use).min(1)));

let mapping: Map<FrameworkId, Map<string, CollectorUse[]>> | undefined;

/** The collectors of every mapped requirement, by framework. */
export function loadMapping(): Map<FrameworkId, Map<string, CollectorUse[]>> {
  if (mapping) return mapping;
  const file = packagePath('data', 'compliance', 'evidence.yaml');
  const r = schema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!r.success) throw new CatalogError(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const out = new Map<FrameworkId, Map<string, CollectorUse[]>>();
  for (const fw of FRAMEWORK_IDS) {
    const ids = new Set(loadCatalog(fw).requirements.map((x) => x.id));
    const m = new Map<string, CollectorUse[]>();
    for (const [req, uses] of Object.entries(r.data[fw] ?? {})) {
      if (!ids.has(req)) throw new CatalogError(`${file}: ${fw} has no requirement ${req}`);
      m.set(
        req,
        uses!.map((u) => {
          if (typeof u === 'string') return { collector: u, params: {} };
          const { collector, ...params } = u;
          return { collector, params };
        }),
      );
    }
    out.set(fw, m);
  }
  return (mapping = out);
}
