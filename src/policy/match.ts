// Structured match clauses compiled to checks. A check is built once at load; per decision it
// only reads the input through EvalState, which computes shared views lazily and once.
import type { Finding } from '../core/types.js';
import { ConditionInput } from './cel.js';
import { expandTypes, typeSetHas, type TypeSet } from './groups.js';
import type { PolicyInput } from './input.js';
import { compileRe2 } from './re2.js';
import type { RuleSpec } from './schema.js';

/** Per-decision view of the input, shared by all rules of one evaluation. */
export class EvalState {
  private ctx: ConditionInput | undefined;
  private offered: string[] | undefined;

  constructor(
    readonly input: PolicyInput,
    private readonly vars: Record<string, unknown>,
  ) {}

  /** What conditions read, built on first use. */
  cel(): ConditionInput {
    return (this.ctx ??= new ConditionInput(this.input, this.vars));
  }

  /** Tools of this direction: offered in a request, called in a response. */
  directionTools(): string[] {
    if (!this.offered) {
      this.offered = this.input.direction === 'request' ? this.input.tools : this.input.toolCalls.map((c) => c.name);
    }
    return this.offered;
  }
}

/** One condition of a rule: a fast test for evaluate, a sentence for explain. */
export interface Check {
  name: string;
  test(s: EvalState): boolean;
  detail(s: EvalState): string;
}

/** A name matcher from a list of exact names and globs with `*`. */
export function nameMatcher(patterns: readonly string[]): (name: string) => boolean {
  const exact = new Set(patterns.filter((p) => !p.includes('*')));
  const globs = patterns
    .filter((p) => p.includes('*'))
    .map((p) => new RegExp('^' + p.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$'));
  if (globs.length === 0) return (n) => exact.has(n);
  return (n) => exact.has(n) || globs.some((g) => g.test(n));
}

function listCheck(name: string, patterns: string[], value: (s: EvalState) => string): Check {
  const m = nameMatcher(patterns);
  const only = patterns.length === 1 && !patterns[0].includes('*') ? patterns[0] : undefined;
  return {
    name,
    test: only !== undefined ? (s) => value(s) === only : (s) => m(value(s)),
    detail: (s) => `${name} "${value(s)}" ${m(value(s)) ? 'is' : 'is not'} in [${patterns.join(', ')}]`,
  };
}

function anyOfCheck(name: string, wanted: string[], values: (s: EvalState) => readonly string[]): Check {
  const m = nameMatcher(wanted);
  return {
    name,
    test: (s) => {
      const vs = values(s);
      for (let i = 0; i < vs.length; i++) if (m(vs[i])) return true;
      return false;
    },
    detail: (s) => {
      const hit = values(s).filter(m);
      return hit.length ? `${name} ${hit.join(', ')} in [${wanted.join(', ')}]` : `no ${name} in [${wanted.join(', ')}] (has: ${values(s).join(', ') || 'none'})`;
    },
  };
}

/** A compiled finding selector. */
export interface FindingSelector {
  refs: string[];
  types: TypeSet;
  minScore: number;
  minCount: number;
}

export function compileSelectors(spec: NonNullable<RuleSpec['match']>['findings'], groups: ReadonlyMap<string, readonly string[]>): FindingSelector[] {
  return (spec ?? []).map((sel) => {
    const refs = typeof sel === 'string' ? [sel] : sel.types;
    return {
      refs,
      types: expandTypes(refs, groups),
      minScore: typeof sel === 'string' ? 0 : (sel.minScore ?? 0),
      minCount: typeof sel === 'string' ? 1 : (sel.minCount ?? 1),
    };
  });
}

function countMatching(sel: FindingSelector, findings: readonly Finding[]): number {
  let n = 0;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    if (f.score >= sel.minScore && typeSetHas(sel.types, f.type, f.subtype)) n++;
  }
  return n;
}

/** True if any selector is satisfied. */
export function selectorsMatch(sels: readonly FindingSelector[], findings: readonly Finding[]): boolean {
  if (findings.length === 0) return false;
  for (const sel of sels) if (countMatching(sel, findings) >= sel.minCount) return true;
  return false;
}

function findingsCheck(sels: FindingSelector[]): Check {
  return {
    name: 'findings',
    test: (s) => selectorsMatch(sels, s.input.findings),
    detail: (s) =>
      sels
        .map((sel) => {
          const n = countMatching(sel, s.input.findings);
          const cond = `${sel.refs.join('|')}${sel.minScore ? ` score>=${sel.minScore}` : ''}`;
          return `${n} finding(s) ${cond} (need ${sel.minCount})`;
        })
        .join('; '),
  };
}

/** A compiled tool clause: which tools of the input make the rule match. */
export interface ToolMatcher {
  names?: (n: string) => boolean;
  outsideAllowed: boolean;
  args?: { test(s: string): boolean };
}

export function compileToolMatcher(spec: NonNullable<NonNullable<RuleSpec['match']>['tools']>): ToolMatcher {
  return {
    ...(spec.names ? { names: nameMatcher(spec.names) } : {}),
    outsideAllowed: spec.outsideAllowed ?? false,
    // A policy author's pattern; compiled once here, so a bad one is a load error.
    ...(spec.arguments ? { args: patternOf(spec.arguments) } : {}),
  };
}

/** An RE2 pattern written plain (a leading (?i) for case-insensitive) or as /body/flags. */
export function patternOf(text: string): { test(s: string): boolean } {
  const slashed = /^\/(.*)\/([ims]*)$/s.exec(text);
  return slashed ? compileRe2(slashed[1], slashed[2]) : compileRe2(text);
}

/** Names of the tools that satisfy the clause (empty: no match). */
export function matchedTools(t: ToolMatcher, s: EvalState): string[] {
  const allowed = s.input.system.allowedTools;
  const out: string[] = [];
  if (t.args) {
    for (const c of s.input.toolCalls) if (toolInScope(t, allowed, c.name) && t.args.test(c.arguments) && !out.includes(c.name)) out.push(c.name);
    return out;
  }
  for (const n of s.directionTools()) if (toolInScope(t, allowed, n) && !out.includes(n)) out.push(n);
  return out;
}

function toolInScope(t: ToolMatcher, allowed: string[] | null, name: string): boolean {
  return (!t.names || t.names(name)) && (!t.outsideAllowed || (allowed !== null && !allowed.includes(name)));
}

function toolsCheck(t: ToolMatcher): Check {
  return {
    name: 'tools',
    test: (s) => matchedTools(t, s).length > 0,
    detail: (s) => {
      const hit = matchedTools(t, s);
      return hit.length ? `tools ${hit.join(', ')} match` : `no tool matches (${t.args ? 'tool calls' : 'tools'}: ${(t.args ? s.input.toolCalls.map((c) => c.name) : s.directionTools()).join(', ') || 'none'})`;
    },
  };
}

/** Checks of a rule's match clause, cheapest first. */
export function compileMatch(
  match: RuleSpec['match'],
  selectors: FindingSelector[],
  tools: ToolMatcher | undefined,
): Check[] {
  if (!match) return [];
  const checks: Check[] = [];
  // Each field read written out (not through a shared accessor) keeps the hot loads monomorphic.
  if (match.systems) checks.push(fast(listCheck('system', match.systems, (s) => s.input.system.id), match.systems, (m) => (s) => m(s.input.system.id)));
  if (match.suppliers) checks.push(fast(listCheck('supplier', match.suppliers, (s) => s.input.supplier.id), match.suppliers, (m) => (s) => m(s.input.supplier.id)));
  if (match.models) checks.push(fast(listCheck('model', match.models, (s) => s.input.model), match.models, (m) => (s) => m(s.input.model)));
  if (match.users) checks.push(fast(listCheck('user', match.users, (s) => s.input.principal.user), match.users, (m) => (s) => m(s.input.principal.user)));
  if (match.groups) checks.push(fast(anyOfCheck('group', match.groups, (s) => s.input.principal.groups), match.groups, (m) => (s) => anyOf(s.input.principal.groups, m)));
  if (match.labels) checks.push(fast(anyOfCheck('label', match.labels, (s) => s.input.labels), match.labels, (m) => (s) => anyOf(s.input.labels, m)));
  if (selectors.length) checks.push(findingsCheck(selectors));
  if (tools) checks.push(toolsCheck(tools));
  return checks;
}

function anyOf(values: readonly string[], m: (n: string) => boolean): boolean {
  for (let i = 0; i < values.length; i++) if (m(values[i])) return true;
  return false;
}

/** Replaces a check's test by one built for exact names when the list has no globs. */
function fast(check: Check, patterns: string[], make: (m: (n: string) => boolean) => (s: EvalState) => boolean): Check {
  if (patterns.some((p) => p.includes('*'))) return check;
  if (patterns.length === 1) {
    const only = patterns[0];
    return { name: check.name, test: make((n) => n === only), detail: check.detail };
  }
  const set = new Set(patterns);
  return { name: check.name, test: make((n) => set.has(n)), detail: check.detail };
}
