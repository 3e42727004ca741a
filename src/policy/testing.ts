// Policy tests: YAML cases beside the policies (*.test.yaml), each an input and the wanted decision.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Decision } from '../core/types.js';
import { compilePolicy, type CompiledPolicy } from './compile.js';
import { evaluate } from './evaluate.js';
import { inputFromSpecs } from './input.js';
import { durationMs, TestFileSchema, type ExpectSpec } from './schema.js';
import { isTestFileName, loadPolicySource } from './source.js';
import { PolicyLoadError, YamlFile, type LoadIssue } from './yaml-doc.js';

export interface TestCaseResult {
  file: string;
  line: number;
  name: string;
  passed: boolean;
  /** What differed, one line each. */
  failures: string[];
  decision: Decision;
}

export interface TestReport {
  dir: string;
  policyVersion: string;
  results: TestCaseResult[];
  passed: number;
  failed: number;
}

/** Compares a decision with what a case wants; returns the differences. */
export function checkExpectation(d: Decision, want: ExpectSpec): string[] {
  const f: string[] = [];
  const ids = d.rules.map((r) => r.id);
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
  if (want.action !== undefined && d.action !== want.action) f.push(`action: want ${want.action}, got ${d.action}`);
  if (want.mode !== undefined && d.mode !== want.mode) f.push(`mode: want ${want.mode}, got ${d.mode}`);
  if (want.rules && !same(want.rules, ids)) f.push(`rules: want [${want.rules.join(', ')}], got [${ids.join(', ')}]`);
  for (const r of want.includesRules ?? []) if (!ids.includes(r)) f.push(`rules: want ${r} to match, got [${ids.join(', ')}]`);
  for (const r of want.excludesRules ?? []) if (ids.includes(r)) f.push(`rules: want ${r} not to match, but it did`);
  if (want.monitorAction !== undefined && (d.monitorAction ?? null) !== want.monitorAction) f.push(`monitorAction: want ${want.monitorAction}, got ${d.monitorAction ?? null}`);
  for (const c of want.controls ?? []) if (!d.controls.includes(c)) f.push(`controls: want ${c}, got [${d.controls.join(', ')}]`);
  if (want.redact) {
    if (!d.redact) f.push('redact: want a redaction, got none');
    else {
      if (want.redact.method && d.redact.method !== want.redact.method) f.push(`redact.method: want ${want.redact.method}, got ${d.redact.method}`);
      if (want.redact.types && !same(want.redact.types, d.redact.types)) f.push(`redact.types: want [${want.redact.types.join(', ')}], got [${d.redact.types.join(', ')}]`);
    }
  }
  if (want.route) {
    if (!d.route) f.push('route: want a route, got none');
    else for (const k of ['supplier', 'model'] as const) if (want.route[k] !== undefined && d.route[k] !== want.route[k]) f.push(`route.${k}: want ${want.route[k]}, got ${d.route[k]}`);
  }
  if (want.stripTools && !same(want.stripTools, d.stripTools ?? [])) f.push(`stripTools: want [${want.stripTools.join(', ')}], got [${(d.stripTools ?? []).join(', ')}]`);
  if (want.hold) {
    if (!d.hold) f.push('hold: want hold settings, got none');
    else
      for (const [k, field] of [['wait', 'waitMs'], ['timeout', 'timeoutMs'], ['validity', 'validityMs']] as const) {
        const v = want.hold[k];
        if (v !== undefined && d.hold[field] !== durationMs(v)) f.push(`hold.${k}: want ${durationMs(v)} ms, got ${d.hold[field]} ms`);
      }
  }
  if (want.message !== undefined && !(d.message ?? '').includes(want.message)) f.push(`message: want text containing "${want.message}", got "${d.message ?? ''}"`);
  if (want.error !== undefined && !d.rules.some((r) => r.error?.includes(want.error!))) f.push(`error: want a rule error containing "${want.error}", got none`);
  return f;
}

/** Runs every case of the *.test.yaml files in `dir` against the policy set in `dir`. */
export function runPolicyTests(dir: string, options: { filter?: string; policy?: CompiledPolicy } = {}): TestReport {
  const policy = options.policy ?? compilePolicy(loadPolicySource(dir));
  const files = readdirSync(dir).filter(isTestFileName).sort();
  if (files.length === 0) throw new PolicyLoadError([{ file: dir, line: 0, column: 0, message: 'no policy test files (*.test.yaml) found' }]);
  const issues: LoadIssue[] = [];
  const results: TestCaseResult[] = [];
  for (const name of files) {
    const yf = new YamlFile(name, readFileSync(join(dir, name), 'utf8'));
    const r = yf.validate(TestFileSchema);
    if (!r.value) {
      issues.push(...r.issues);
      continue;
    }
    r.value.tests.forEach((t, i) => {
      if (options.filter && !t.name.includes(options.filter)) return;
      const decision = evaluate(policy, inputFromSpecs(r.value!.defaults, t.input));
      const failures = checkExpectation(decision, t.expect);
      results.push({ file: name, line: yf.at(['tests', i]).line, name: t.name, passed: failures.length === 0, failures, decision });
    });
  }
  if (issues.length) throw new PolicyLoadError(issues);
  const failed = results.filter((x) => !x.passed).length;
  return { dir, policyVersion: policy.version, results, passed: results.length - failed, failed };
}
