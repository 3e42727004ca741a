// The policy engine: load and compile a policy set once, evaluate a pure function per decision,
// redact and restore text. The gateway composes these; nothing here does I/O beyond loading files.
export type { PolicyInput, SystemView, SupplierView } from './input.js';
export { baseInput, inputFromSpecs } from './input.js';
export { loadPolicySource, sourceFromFiles, versionOf, type PolicySource, type PolicyFile } from './source.js';
export { compilePolicy, type CompiledPolicy, type CompiledRule, type PolicySettings, type HoldSettings } from './compile.js';
export { evaluate, explain, explainDecision, GUARD_SYSTEM, GUARD_SUPPLIER, type RuleExplanation } from './evaluate.js';
export { watchPolicies, type WatchOptions } from './watch.js';
export { redactText, restoreText, TokenVault, StreamRestorer, MAX_PLACEHOLDER_LENGTH, type RedactContext } from './redact.js';
export { PolicyLoadError, formatIssue, type LoadIssue } from './yaml-doc.js';
export { runPolicyTests, checkExpectation, type TestReport, type TestCaseResult } from './testing.js';
export { lintPolicies, type LintReport } from './lint.js';
export { checkControl, FRAMEWORKS } from './controls.js';
export { CEL_VARIABLES } from './cel.js';
