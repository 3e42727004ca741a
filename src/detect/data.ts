// Loads the facts the detectors use (word lists, tables, cues) from data/detect/, schema-checked.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { packagePath } from '../core/paths.js';

const contextSchema = z.object({ groups: z.record(z.string(), z.array(z.string().min(1))) });
const homoglyphSchema = z.object({
  fold: z.record(z.string(), z.string()),
  remove: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])),
});
const ibanSchema = z.object({ lengths: z.record(z.string().regex(/^[A-Z]{2}$/), z.number().int().min(12).max(34)) });
const cueSchema = z.object({
  id: z.string(),
  type: z.enum(['PROMPT_INJECTION', 'JAILBREAK']),
  subtype: z.string(),
  weight: z.number().min(0).max(2),
  triggers: z.array(z.string().min(1)),
  pattern: z.string(),
});
const injectionSchema = z.object({ cues: z.array(cueSchema) });
const labelsSchema = z.object({
  labels: z.array(z.object({ subtype: z.string(), caseSensitive: z.boolean().optional(), phrases: z.array(z.string().min(2)) })),
});
const personSchema = z.object({ titles: z.array(z.string()), leadIns: z.array(z.string()), stopWords: z.array(z.string()) });
const namesSchema = z.object({ names: z.array(z.string().min(2)) });

export type InjectionCue = z.infer<typeof cueSchema>;
export type LabelSpec = z.infer<typeof labelsSchema>['labels'][number];

export interface DetectData {
  context: Record<string, string[]>;
  homoglyphs: { fold: Map<number, string>; remove: Array<[number, number]> };
  ibanLengths: Record<string, number>;
  injection: InjectionCue[];
  labels: LabelSpec[];
  person: z.infer<typeof personSchema> & { givenNames: Set<string> };
}

function load<T>(file: string, schema: z.ZodType<T>): T {
  const path = packagePath('data', 'detect', file);
  const text = readFileSync(path, 'utf8');
  const raw = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new Error(`data/detect/${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

let cached: DetectData | undefined;

/** Loads and checks every data file once per process; the result is read-only. */
export function loadDetectData(): DetectData {
  if (cached) return cached;
  const homo = load('homoglyphs.yaml', homoglyphSchema);
  const fold = new Map<number, string>();
  for (const [from, to] of Object.entries(homo.fold)) {
    const cps = [...from];
    if (cps.length !== 1) throw new Error(`data/detect/homoglyphs.yaml: "${from}" is not one character`);
    fold.set(cps[0].codePointAt(0)!, to);
  }
  const injection = load('injection.yaml', injectionSchema);
  for (const cue of injection.cues) {
    try {
      new RegExp(cue.pattern, 'gi');
    } catch (err) {
      throw new Error(`data/detect/injection.yaml: cue ${cue.id}: ${(err as Error).message}`);
    }
  }
  const person = load('person.yaml', personSchema);
  cached = {
    context: load('context.yaml', contextSchema).groups,
    homoglyphs: { fold, remove: homo.remove },
    ibanLengths: load('iban.yaml', ibanSchema).lengths,
    injection: injection.cues,
    labels: load('labels.yaml', labelsSchema).labels,
    person: { ...person, givenNames: new Set(load('given-names.json', namesSchema).names) },
  };
  return cached;
}
