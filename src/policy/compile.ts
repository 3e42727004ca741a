// Compiling a policy set: validate every file, resolve groups and controls, compile CEL and
// patterns, and index rules by direction. Everything that can be wrong is reported here, at
// load, with file:line:column — evaluation then has nothing left to reject.
import type { Action, Mode, RedactionMethod } from '../core/types.js';
import { compileCondition, type Condition } from './cel.js';
import { checkControl } from './controls.js';
import { expandTypes, findingCatalog, unknownTypes, type TypeSet } from './groups.js';
import { compileMatch, compileSelectors, compileToolMatcher, type Check, type FindingSelector, type ToolMatcher } from './match.js';
import { z } from 'zod';
import { durationMs, PolicyFileSchema, RuleSchema, type PolicyFileSpec, type RuleSpec } from './schema.js';
import { buildIndex, type RuleIndex } from './rule-index.js';
import type { PolicySource } from './source.js';
import { PolicyLoadError, YamlFile, type LoadIssue } from './yaml-doc.js';

export interface HoldSettings {
  waitMs: number;
  timeoutMs: number;
  validityMs: number;
  reviewers: string[];
}

export interface CompiledRule {
  id: string;
  file: string;
  line: number;
  column: number;
  description?: string;
  enabled: boolean;
  direction: 'request' | 'response' | 'any';
  action: Action;
  /** Effective mode: monitor if the rule, its file or the whole set says so. */
  mode: Mode;
  controls: string[];
  message?: string;
  checks: Check[];
  condition?: Condition;
  conditionSource?: string;
  selectors: FindingSelector[];
  tools?: ToolMatcher;
  strip: boolean;
  redact?: { method: RedactionMethod; types?: TypeSet };
  route?: { supplier?: string; model?: string };
  hold?: HoldSettings;
}

export interface PolicySettings {
  mode: Mode;
  defaultAction: 'allow' | 'warn' | 'block';
  defaultMessage?: string;
  unapprovedSystem: 'block' | 'hold' | 'warn' | 'allow';
  unapprovedSupplier: 'block' | 'hold' | 'warn' | 'allow';
}

/** A policy set ready to evaluate. Immutable once built. */
export interface CompiledPolicy {
  version: string;
  dir: string;
  files: string[];
  settings: PolicySettings;
  vars: Record<string, unknown>;
  /** Every rule, in file-name order then file order. */
  rules: readonly CompiledRule[];
  /** Enabled rules that apply to requests / responses, in the same order, and their indexes. */
  requestRules: readonly CompiledRule[];
  responseRules: readonly CompiledRule[];
  requestIndex: RuleIndex;
  responseIndex: RuleIndex;
  /** Things `policy lint` reports that do not stop loading. */
  warnings: LoadIssue[];
}

const FileShellSchema = PolicyFileSchema.extend({ rules: z.array(z.unknown()).nullable().optional() });

export const DEFAULT_HOLD = { waitMs: 0, timeoutMs: 86_400_000, validityMs: 3_600_000 };

/** Validates and compiles a policy set; throws PolicyLoadError listing every problem. */
export function compilePolicy(src: PolicySource): CompiledPolicy {
  const issues: LoadIssue[] = [];
  const warnings: LoadIssue[] = [];
  if (src.files.length === 0) throw new PolicyLoadError([{ file: src.dir, line: 0, column: 0, message: 'no policy files (*.yaml, *.yml) found' }]);

  // Files first with rules left opaque, then each rule on its own: one bad rule does not hide
  // the problems of the others.
  const parsed: Array<{ yf: YamlFile; spec: PolicyFileSpec }> = [];
  for (const f of src.files) {
    const yf = new YamlFile(f.name, f.content);
    const r = yf.validate(FileShellSchema);
    issues.push(...r.issues);
    if (!r.value) continue;
    const rules: RuleSpec[] = [];
    (r.value.rules ?? []).forEach((raw, i) => {
      const rr = yf.validateValue(RuleSchema, raw, ['rules', i]);
      issues.push(...rr.issues);
      rules.push(rr.value ?? (null as unknown as RuleSpec));
    });
    parsed.push({ yf, spec: { ...r.value, rules } });
  }

  // Set-wide parts: settings (one file), vars and groups (no name twice).
  let settingsFrom: string | undefined;
  let settingsSpec: PolicyFileSpec['settings'];
  const vars: Record<string, unknown> = {};
  const groups = new Map<string, string[]>();
  const shipped = findingCatalog().groups;
  for (const { yf, spec } of parsed) {
    if (spec.settings) {
      if (settingsFrom) issues.push(yf.issue([], `settings already given in ${settingsFrom}; a policy set has one`, 'settings'));
      else {
        settingsFrom = yf.name;
        settingsSpec = spec.settings;
      }
    }
    for (const [k, v] of Object.entries(spec.vars ?? {})) {
      if (k in vars) issues.push(yf.issue(['vars'], `vars.${k} is defined twice in the policy set`, k));
      vars[k] = v;
    }
    for (const [k, v] of Object.entries(spec.groups ?? {})) {
      if (shipped.has(k) || groups.has(k)) issues.push(yf.issue(['groups'], `group @${k} is already defined`, k));
      else groups.set(k, v);
    }
  }
  for (const { yf, spec } of parsed) {
    for (const [k, v] of Object.entries(spec.groups ?? {})) {
      try {
        expandTypes(v, groups);
      } catch (e) {
        issues.push(yf.issue(['groups', k], (e as Error).message));
      }
    }
  }
  const settings: PolicySettings = {
    mode: settingsSpec?.mode ?? 'enforce',
    defaultAction: settingsSpec?.defaultAction ?? 'allow',
    ...(settingsSpec?.defaultMessage ? { defaultMessage: settingsSpec.defaultMessage } : {}),
    unapprovedSystem: settingsSpec?.unapprovedSystem ?? 'block',
    unapprovedSupplier: settingsSpec?.unapprovedSupplier ?? 'block',
  };

  const rules: CompiledRule[] = [];
  const matches = new Map<CompiledRule, RuleSpec['match']>();
  const seen = new Map<string, string>();
  for (const { yf, spec } of parsed) {
    (spec.rules ?? []).forEach((r, i) => {
      if (!r) return;
      const at = (...p: Array<string | number>) => ['rules', i, ...p];
      const where = yf.at(at());
      const before = issues.length;
      if (seen.has(r.id)) issues.push(yf.issue(at('id'), `rule id ${r.id} is already used in ${seen.get(r.id)}`));
      else seen.set(r.id, `${yf.name}:${where.line}`);
      (r.controls ?? []).forEach((c, j) => {
        const why = checkControl(c);
        if (why) issues.push(yf.issue(at('controls', j), why));
      });
      const rule = compileRule(r, yf, at, spec, settings, groups, issues, warnings);
      if (rule && issues.length === before) {
        rules.push(rule);
        matches.set(rule, r.match);
      }
    });
  }
  if (issues.length) throw new PolicyLoadError(issues);

  const requestRules = rules.filter((r) => r.enabled && r.direction !== 'response');
  const responseRules = rules.filter((r) => r.enabled && r.direction !== 'request');
  return {
    version: src.version,
    dir: src.dir,
    files: src.files.map((f) => f.name),
    settings,
    vars,
    rules,
    requestRules,
    responseRules,
    requestIndex: buildIndex(requestRules, matches),
    responseIndex: buildIndex(responseRules, matches),
    warnings,
  };
}

function compileRule(
  r: RuleSpec,
  yf: YamlFile,
  at: (...p: Array<string | number>) => Array<string | number>,
  file: PolicyFileSpec,
  settings: PolicySettings,
  groups: ReadonlyMap<string, readonly string[]>,
  issues: LoadIssue[],
  warnings: LoadIssue[],
): CompiledRule | undefined {
  const where = yf.at(at());
  let selectors: FindingSelector[] = [];
  try {
    selectors = compileSelectors(r.match?.findings, groups);
    for (const sel of selectors) {
      const unknown = unknownTypes(sel.types);
      if (unknown.length) warnings.push(yf.issue(at('match', 'findings'), `rule ${r.id}: finding type ${unknown.join(', ')} is not a shipped type (custom detector or typo?)`));
    }
  } catch (e) {
    issues.push(yf.issue(at('match', 'findings'), (e as Error).message));
  }
  let tools: ToolMatcher | undefined;
  if (r.match?.tools) {
    try {
      tools = compileToolMatcher(r.match.tools);
    } catch (e) {
      issues.push(yf.issue(at('match', 'tools', 'arguments'), `bad arguments pattern: ${(e as Error).message}`));
    }
  }
  let condition: Condition | undefined;
  if (r.when !== undefined) {
    const c = compileCondition(r.when);
    if (c.error) {
      const pos = /^CEL syntax: at (\d+):(\d+)/.exec(c.error);
      const where = pos ? yf.inside(at('when'), Number(pos[1]), Number(pos[2])) : yf.at(at('when'));
      issues.push({ file: yf.name, ...where, message: `rule ${r.id}: ${c.error}` });
    }
    condition = c.condition;
  }
  let redact: CompiledRule['redact'];
  if (r.redact) {
    let types: TypeSet | undefined;
    try {
      types = r.redact.types ? expandTypes(r.redact.types, groups) : undefined;
    } catch (e) {
      issues.push(yf.issue(at('redact', 'types'), (e as Error).message));
    }
    if (!types && selectors.length === 0) issues.push(yf.issue(at('redact'), `rule ${r.id}: redact needs match.findings or redact.types to know what to redact`));
    redact = { method: r.redact.method, ...(types ? { types } : {}) };
  }
  const mode: Mode = settings.mode === 'monitor' || file.mode === 'monitor' || r.mode === 'monitor' ? 'monitor' : 'enforce';
  const direction = r.direction ?? 'request';

  if (!r.controls?.length) warnings.push(yf.issue(at(), `rule ${r.id} names no controls`, 'id'));
  if ((r.action === 'block' || r.action === 'hold') && !r.message) warnings.push(yf.issue(at(), `rule ${r.id} (${r.action}) has no message for the client`, 'id'));
  if (r.redact?.method === 'tokenize' && direction !== 'request') warnings.push(yf.issue(at('redact'), `rule ${r.id}: tokenize on responses shows placeholders to the client; mask is usual`));
  if (r.strip && r.action === 'block') warnings.push(yf.issue(at('strip'), `rule ${r.id}: strip has no effect when the rule blocks`));
  if (!r.match && !r.when) warnings.push(yf.issue(at(), `rule ${r.id} has neither match nor when: it matches every ${direction === 'any' ? 'interaction' : direction}`, 'id'));

  // Every field present, in one order: all rules share one shape, so evaluate's loads stay fast.
  return {
    id: r.id,
    file: yf.name,
    line: where.line,
    column: where.column,
    description: r.description,
    enabled: r.enabled ?? true,
    direction,
    action: r.action,
    mode,
    controls: r.controls ?? [],
    message: r.message,
    checks: compileMatch(r.match, selectors, tools),
    condition,
    conditionSource: condition ? r.when : undefined,
    selectors,
    tools,
    strip: r.strip ?? false,
    redact,
    route: r.route,
    hold:
      r.action === 'hold'
        ? {
            waitMs: r.hold?.wait !== undefined ? durationMs(r.hold.wait) : DEFAULT_HOLD.waitMs,
            timeoutMs: r.hold?.timeout !== undefined ? durationMs(r.hold.timeout) : DEFAULT_HOLD.timeoutMs,
            validityMs: r.hold?.validity !== undefined ? durationMs(r.hold.validity) : DEFAULT_HOLD.validityMs,
            reviewers: r.hold?.reviewers ?? [],
          }
        : undefined,
  };
}
