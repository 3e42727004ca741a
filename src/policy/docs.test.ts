import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { packagePath } from '../core/paths.js';
import { CEL_VARIABLES } from './cel.js';
import { findingCatalog } from './groups.js';
import { ExpectSchema, MatchSchema, PolicyFileSchema, RuleSchema, SettingsSchema, ToolMatchSchema } from './schema.js';

const doc = readFileSync(packagePath('docs', 'POLICY.md'), 'utf8');
const keys = (schema: { shape: Record<string, unknown> }) => Object.keys(schema.shape);

test('docs/POLICY.md documents every field of a policy file, rule, match, settings and test expectation', () => {
  const fields = [
    ...keys(PolicyFileSchema),
    ...keys(SettingsSchema),
    ...keys(RuleSchema),
    ...keys(MatchSchema),
    ...keys(ToolMatchSchema),
    ...keys(ExpectSchema),
  ];
  assert.ok(fields.length > 40, `only ${fields.length} fields found`);
  for (const f of fields) assert.ok(doc.includes('`' + f + '`') || doc.includes('`' + f + ':'), `${f} is not documented`);
});

test('docs/POLICY.md documents every CEL variable and every shipped finding group', () => {
  for (const v of CEL_VARIABLES) assert.ok(doc.includes('`' + v + '`'), `CEL variable ${v} is not documented`);
  for (const g of findingCatalog().groups.keys()) assert.ok(doc.includes('`@' + g + '`'), `group @${g} is not documented`);
});
