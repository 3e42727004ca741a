// Loads the facts the registry uses from data/, schema-checked, once per process.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { packagePath } from '../core/paths.js';

const entry = z.object({ id: z.string().regex(/^[a-z0-9-]+$/), title: z.string().min(1) });
const actSchema = z.object({
  annex_iii: z.array(entry.extend({ point: z.number().int().min(1).max(8) })).length(8),
  classes: z.array(entry),
  serious_incident_kinds: z.array(entry),
});
const lifecycleSchema = z.object({ stages: z.array(entry).min(2) });
const scaleAxis = z.object({ max: z.number().int().min(2).max(10), labels: z.array(z.string()).optional() });
const scaleSchema = z.object({
  likelihood: scaleAxis,
  impact: scaleAxis,
  levels: z.array(z.object({ name: z.string().min(1), up_to: z.number().int().positive() })).min(1),
});
const art73Schema = z.object({
  articles: z.array(z.object({ art: z.string(), numbers: z.record(z.string(), z.number()).optional() }).loose()),
});

export type RiskScaleFile = z.infer<typeof scaleSchema>;

/** Days allowed by Art. 73 for each kind of serious incident. */
export interface Art73Days {
  standard: number;
  death: number;
  criticalInfrastructureOrWidespread: number;
}

function load<T>(parts: string[], schema: z.ZodType<T>): T {
  const path = packagePath('data', ...parts);
  const text = readFileSync(path, 'utf8');
  const raw = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`data/${parts.join('/')}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

const cache = new Map<string, unknown>();
function once<T>(key: string, make: () => T): T {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as T;
}

/** Annex III areas, classes and serious-incident kinds of the EU AI Act. */
export function loadActFacts(): z.infer<typeof actSchema> {
  return once('act', () => load(['registry', 'eu-ai-act.yaml'], actSchema));
}

/** Lifecycle stages in order. */
export function loadLifecycleStages(): Array<{ id: string; title: string }> {
  return once('lifecycle', () => load(['registry', 'lifecycle.yaml'], lifecycleSchema).stages);
}

/** The default risk scale. */
export function loadRiskScaleFile(): RiskScaleFile {
  return once('scale', () => load(['registry', 'risk-scale.yaml'], scaleSchema));
}

/** Art. 73 deadlines, read from the reference digest of the Act so the numbers live in one place. */
export function loadArt73Days(): Art73Days {
  return once('art73', () => {
    const ref = load(['reference', 'eu-ai-act-obligations.json'], art73Schema);
    const n = ref.articles.find((a) => a.art === '73')?.numbers;
    const days = {
      standard: n?.standard_days,
      death: n?.death_days,
      criticalInfrastructureOrWidespread: n?.critical_infrastructure_or_widespread_days,
    };
    for (const [k, v] of Object.entries(days))
      if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)
        throw new Error(`data/reference/eu-ai-act-obligations.json: Art. 73 has no positive whole number for ${k}`);
    return days as Art73Days;
  });
}
