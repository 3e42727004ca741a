import type { Command } from 'commander';
import { CliError } from '../../core/errors.js';
import { printJson, type CliIO } from '../io.js';

// Exit codes as in `opa test`: 1 the policies or tests could not be loaded, 2 tests failed.
const EXIT_ERROR = 1;
const EXIT_TESTS_FAILED = 2;

async function loadErrorsToCli<T>(fn: () => Promise<T>): Promise<T> {
  const { PolicyLoadError } = await import('../../policy/yaml-doc.js');
  try {
    return await fn();
  } catch (e) {
    if (e instanceof PolicyLoadError) throw new CliError(`policy not valid:\n${e.message}`, EXIT_ERROR);
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new CliError((e as Error).message, EXIT_ERROR);
    throw e;
  }
}

/** `warden policy test DIR`: run the *.test.yaml cases against the policy set in DIR. */
export async function test(dir: string, opts: { json?: boolean; run?: string; verbose?: boolean }, io: CliIO): Promise<void> {
  const report = await loadErrorsToCli(async () => (await import('../../policy/testing.js')).runPolicyTests(dir, { filter: opts.run }));
  if (opts.json) printJson(io, { ...report, results: report.results.map(({ decision, ...r }) => (opts.verbose ? { ...r, decision } : r)) });
  else {
    for (const r of report.results) {
      if (r.passed) {
        if (opts.verbose) io.out(`PASS ${r.file}:${r.line} ${r.name}\n`);
        continue;
      }
      io.out(`FAIL ${r.file}:${r.line} ${r.name}\n`);
      for (const f of r.failures) io.out(`     ${f}\n`);
    }
    io.out(`${report.failed ? 'FAIL' : 'PASS'}: ${report.passed}/${report.results.length} (policy ${report.policyVersion.slice(0, 19)})\n`);
  }
  if (report.results.length === 0) throw new CliError(`no test case matches "${opts.run}"`, EXIT_ERROR);
  if (report.failed) throw new CliError(`${report.failed} policy test(s) failed`, EXIT_TESTS_FAILED);
}

/** `warden policy lint DIR`: load errors (exit 1) and warnings (exit 1 only with --strict). */
export async function lint(dir: string, opts: { json?: boolean; strict?: boolean }, io: CliIO): Promise<void> {
  const { lintPolicies } = await import('../../policy/lint.js');
  const { formatIssue } = await import('../../policy/yaml-doc.js');
  const report = lintPolicies(dir);
  if (opts.json) printJson(io, report);
  else {
    for (const e of report.errors) io.out(`error   ${formatIssue(e)}\n`);
    for (const w of report.warnings) io.out(`warning ${formatIssue(w)}\n`);
    io.out(`${report.errors.length} error(s), ${report.warnings.length} warning(s); ${report.rules} rule(s)${report.version ? `, version ${report.version}` : ''}\n`);
  }
  if (report.errors.length) throw new CliError(`${report.errors.length} error(s) in ${dir}`, EXIT_ERROR);
  if (opts.strict && report.warnings.length) throw new CliError(`${report.warnings.length} warning(s) in ${dir} (--strict)`, EXIT_ERROR);
}

/** `warden policy explain`: for one input, every rule, whether it matched and why, and the decision. */
export async function explainInput(opts: { policies: string; input: string; json?: boolean }, io: CliIO): Promise<void> {
  const { readFileSync } = await import('node:fs');
  const policy = await import('../../policy/index.js');
  const { YamlFile } = await import('../../policy/yaml-doc.js');
  const { InputSpecSchema } = await import('../../policy/schema.js');
  const { compiled, input } = await loadErrorsToCli(async () => {
    const compiled = policy.compilePolicy(policy.loadPolicySource(opts.policies));
    const yf = new YamlFile(opts.input, readFileSync(opts.input, 'utf8'));
    const r = yf.validate(InputSpecSchema);
    if (!r.value) throw new policy.PolicyLoadError(r.issues);
    return { compiled, input: policy.inputFromSpecs(r.value) };
  });
  const { decision, rules } = policy.explainDecision(compiled, input);
  if (opts.json) {
    printJson(io, { decision, rules });
    return;
  }
  for (const r of rules) {
    const mark = r.matched ? 'MATCH' : r.enabled ? 'no   ' : 'off  ';
    io.out(`${mark} ${r.id}  [${r.action}${r.mode === 'monitor' ? ', monitor' : ''}]  ${r.file}${r.line ? `:${r.line}` : ''}\n`);
    for (const c of r.checks) io.out(`        ${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}\n`);
    if (r.error) io.out(`        ! failed closed: ${r.error}\n`);
  }
  io.out(`\ndecision: ${decision.action}${decision.monitorAction ? ` (monitor rules would have: ${decision.monitorAction})` : ''}\n`);
  if (decision.redact) io.out(`  redact ${decision.redact.types.join(', ')} by ${decision.redact.method}\n`);
  if (decision.route) io.out(`  route to ${[decision.route.supplier, decision.route.model].filter(Boolean).join(' / ')}\n`);
  if (decision.stripTools) io.out(`  strip tools ${decision.stripTools.join(', ')}\n`);
  if (decision.hold) io.out(`  hold: wait ${decision.hold.waitMs} ms, review open ${decision.hold.timeoutMs} ms, approval valid ${decision.hold.validityMs} ms\n`);
  if (decision.message) io.out(`  message: ${decision.message}\n`);
  io.out(`  controls: ${decision.controls.join(', ') || 'none'}\n  policy ${decision.policyVersion}\n`);
}

export function define(program: Command, io: CliIO): void {
  const policy = program.command('policy').description('Test, lint and explain policy files');
  policy
    .command('test')
    .description('Run the policy tests (*.test.yaml) in DIR; exit 2 if any fails, 1 if the files are not valid')
    .argument('<dir>', 'policy folder')
    .option('--run <text>', 'only cases whose name contains this text')
    .option('-v, --verbose', 'list passing cases too (and decisions with --json)')
    .option('--json', 'print the report as JSON')
    .action((dir: string, opts) => test(dir, opts, io));
  policy
    .command('lint')
    .description('Check the policy and test files in DIR: errors (file:line:column) and warnings')
    .argument('<dir>', 'policy folder')
    .option('--strict', 'exit 1 on warnings too')
    .option('--json', 'print the report as JSON')
    .action((dir: string, opts) => lint(dir, opts, io));
  policy
    .command('explain')
    .description('For one input (YAML or JSON), show every rule, whether it matched and why, and the decision')
    .requiredOption('--policies <dir>', 'policy folder')
    .requiredOption('--input <file>', 'input file: direction, principal, system, supplier, model, findings, tools, toolCalls …')
    .option('--json', 'print rules and decision as JSON')
    .action((opts) => explainInput(opts, io));
}
