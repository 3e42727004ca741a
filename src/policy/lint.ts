// `policy lint`: everything loading rejects (errors) plus what loads but is likely a mistake (warnings).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compilePolicy } from './compile.js';
import { TestFileSchema } from './schema.js';
import { isTestFileName, loadPolicySource } from './source.js';
import { PolicyLoadError, YamlFile, type LoadIssue } from './yaml-doc.js';

export interface LintReport {
  dir: string;
  version?: string;
  rules: number;
  errors: LoadIssue[];
  warnings: LoadIssue[];
}

/** Checks the policy files and the test files of a folder. */
export function lintPolicies(dir: string): LintReport {
  const report: LintReport = { dir, rules: 0, errors: [], warnings: [] };
  try {
    const src = loadPolicySource(dir);
    report.version = src.version;
    const p = compilePolicy(src);
    report.rules = p.rules.length;
    report.warnings.push(...p.warnings);
  } catch (e) {
    if (e instanceof PolicyLoadError) report.errors.push(...e.issues);
    else report.errors.push({ file: dir, line: 0, column: 0, message: (e as Error).message });
  }
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter(isTestFileName).sort();
  } catch {
    // already reported: the folder could not be read
  }
  for (const name of names) {
    const yf = new YamlFile(name, readFileSync(join(dir, name), 'utf8'));
    report.errors.push(...yf.validate(TestFileSchema).issues);
  }
  if (names.length === 0 && report.errors.length === 0) report.warnings.push({ file: dir, line: 0, column: 0, message: 'no policy tests (*.test.yaml)' });
  return report;
}
