// Every error code and every config key is documented.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ERRORS } from '../src/core/errors.js';
import { configSchema, supplierSchema, systemSchema } from '../src/config/schema.js';

function keysOf(schema: z.ZodType, prefix = ''): string[] {
  let s: any = schema;
  while (s?.def && ['default', 'optional', 'pipe', 'nullable'].includes(s.def.type)) s = s.def.innerType ?? s.def.in;
  if (s?.def?.type !== 'object') return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(s.def.shape as Record<string, z.ZodType>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    const children = ['suppliers', 'systems'].includes(path) ? [] : keysOf(v, path);
    // Sections are documented through their keys.
    out.push(...(children.length ? children : [path]));
  }
  return out;
}

it('docs/ERRORS.md documents every error code', () => {
  const doc = readFileSync('docs/ERRORS.md', 'utf8');
  for (const code of Object.keys(ERRORS)) assert.ok(doc.includes(`\`${code}\``), `${code} is not documented`);
});

it('docs/CONFIG.md documents every config key', () => {
  const doc = readFileSync('docs/CONFIG.md', 'utf8');
  const keys = [...keysOf(configSchema), ...keysOf(supplierSchema), ...keysOf(systemSchema)];
  assert.ok(keys.length > 30, `found only ${keys.length} keys`);
  for (const k of keys) assert.ok(doc.includes(`\`${k}\``), `${k} is not documented`);
});
