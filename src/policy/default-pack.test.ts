import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { packagePath } from '../core/paths.js';
import { compilePolicy } from './compile.js';
import { evaluate } from './evaluate.js';
import { inputFromSpecs } from './input.js';
import { jsonSchemas, schemaText } from './json-schema.js';
import { lintPolicies } from './lint.js';
import { checkExpectation, runPolicyTests } from './testing.js';
import { loadPolicySource } from './source.js';

const DIR = packagePath('policies', 'default');

test('the default pack passes its own policy tests', () => {
  const report = runPolicyTests(DIR);
  const failed = report.results.filter((r) => !r.passed).map((r) => `${r.name}: ${r.failures.join('; ')}`);
  assert.deepEqual(failed, []);
  assert.ok(report.passed >= 25, `only ${report.passed} cases`);
});

test('the default pack lints clean and every rule names controls', () => {
  const lint = lintPolicies(DIR);
  assert.deepEqual(lint.errors, []);
  assert.deepEqual(lint.warnings, []);
  for (const r of compilePolicy(loadPolicySource(DIR)).rules) assert.ok(r.controls.length > 0, r.id);
});

test('a policy test reports a wrong expectation (the runner can fail)', () => {
  const p = compilePolicy(loadPolicySource(DIR));
  const d = evaluate(p, inputFromSpecs({ findings: [{ type: 'SECRET' }] }));
  assert.deepEqual(checkExpectation(d, { action: 'block', rules: ['secrets-to-supplier'] }), []);
  assert.deepEqual(checkExpectation(d, { action: 'allow' }), ['action: want allow, got block']);
  assert.equal(checkExpectation(d, { rules: [] }).length, 1);
  assert.equal(checkExpectation(d, { redact: { method: 'mask' } }).length, 1);
  assert.equal(checkExpectation(d, { monitorAction: 'block' }).length, 1);
  assert.equal(checkExpectation(d, { error: 'x' }).length, 1);
});

test('the published JSON Schemas match the schemas the loader uses', () => {
  for (const [name, doc] of Object.entries(jsonSchemas())) {
    const committed = readFileSync(packagePath('schema', name), 'utf8');
    assert.equal(committed, schemaText(doc), `schema/${name} is stale: run npx tsx src/policy/json-schema.ts`);
  }
});
