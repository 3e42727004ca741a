// The published JSON Schemas for policy files and policy test files, generated from the zod
// schemas so the two cannot drift. Regenerate with: npx tsx src/policy/json-schema.ts
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { packagePath } from '../core/paths.js';
import { PolicyFileSchema, TestFileSchema } from './schema.js';

const BASE = 'urn:warden:schema:';

/** JSON Schema documents by file name under schema/. */
export function jsonSchemas(): Record<string, object> {
  const make = (schema: z.ZodType, name: string, title: string) => {
    const { $schema, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    return { $schema, $id: BASE + name, title, ...rest };
  };
  return {
    'policy.schema.json': make(PolicyFileSchema, 'policy.schema.json', 'Warden policy file'),
    'policy-test.schema.json': make(TestFileSchema, 'policy-test.schema.json', 'Warden policy test file'),
  };
}

/** Text of a schema file as committed: two-space JSON and a newline. */
export function schemaText(doc: object): string {
  return JSON.stringify(doc, null, 2) + '\n';
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [name, doc] of Object.entries(jsonSchemas())) {
    writeFileSync(packagePath('schema', name), schemaText(doc));
    process.stdout.write(`wrote schema/${name}\n`);
  }
}
