// Which rules can possibly match an input, without running them. Each rule is filed under one
// discriminating clause (an exact system, supplier, model, user, label, group or finding type);
// rules without one are always candidates. Candidates are then run in full, in policy order,
// so the index only saves work and never changes a decision (a test checks exactly that).
import type { CompiledRule } from './compile.js';
import type { PolicyInput } from './input.js';
import type { RuleSpec } from './schema.js';

const KINDS = ['label', 'system', 'supplier', 'model', 'user', 'group', 'finding'] as const;
type Kind = (typeof KINDS)[number];

export interface RuleIndex {
  size: number;
  /** Positions of rules that are candidates for every input. */
  always: number[];
  /** Per kind of clause, value → positions of the rules filed under it. */
  by: Record<Kind, Map<string, number[]>>;
  /** Number of rules filed under some clause. */
  filed: number;
}

const exact = (list: string[] | undefined) => (list && list.length && !list.some((x) => x.includes('*')) ? list : undefined);

/** The clause a rule is filed under, or null if it has no discriminating clause. */
function fileOf(rule: CompiledRule, match: RuleSpec['match']): [Kind, string[]] | null {
  if (!match) return null;
  const lists: Array<[Kind, string[] | undefined]> = [
    ['label', exact(match.labels)],
    ['system', exact(match.systems)],
    ['supplier', exact(match.suppliers)],
    ['model', exact(match.models)],
    ['user', exact(match.users)],
    ['group', exact(match.groups)],
  ];
  for (const [kind, list] of lists) if (list) return [kind, list];
  if (rule.selectors.length && !rule.selectors.some((s) => s.types.any)) {
    const keys = new Set<string>();
    for (const s of rule.selectors) for (const k of s.types.keys) keys.add(k);
    if (keys.size) return ['finding', [...keys]];
  }
  return null;
}

export function buildIndex(rules: readonly CompiledRule[], matches: ReadonlyMap<CompiledRule, RuleSpec['match']>): RuleIndex {
  const by = Object.fromEntries(KINDS.map((k) => [k, new Map<string, number[]>()])) as RuleIndex['by'];
  const index: RuleIndex = { size: rules.length, always: [], by, filed: 0 };
  rules.forEach((rule, i) => {
    const file = fileOf(rule, matches.get(rule));
    if (!file) {
      index.always.push(i);
      return;
    }
    index.filed++;
    const map = by[file[0]];
    for (const v of new Set(file[1])) {
      const list = map.get(v);
      if (list) list.push(i);
      else map.set(v, [i]);
    }
  });
  return index;
}

/** Marks the rules that may match `input`; null when every rule is a candidate. */
export function candidates(index: RuleIndex, input: PolicyInput): Uint8Array | null {
  if (index.filed === 0) return null;
  const marks = new Uint8Array(index.size);
  const always = index.always;
  for (let i = 0; i < always.length; i++) marks[always[i]] = 1;
  const by = index.by;
  if (by.system.size) mark(by.system, marks, input.system.id);
  if (by.supplier.size) mark(by.supplier, marks, input.supplier.id);
  if (by.model.size) mark(by.model, marks, input.model);
  if (by.user.size) mark(by.user, marks, input.principal.user);
  if (by.group.size) for (const g of input.principal.groups) mark(by.group, marks, g);
  if (by.label.size) for (const l of input.labels) mark(by.label, marks, l);
  if (by.finding.size) {
    for (const f of input.findings) {
      mark(by.finding, marks, f.type);
      if (f.subtype !== undefined) mark(by.finding, marks, f.type + ':' + f.subtype);
    }
  }
  return marks;
}

// A plain function, not a closure per decision: nothing is allocated on this path but the marks.
function mark(map: Map<string, number[]>, marks: Uint8Array, key: string): void {
  const list = map.get(key);
  if (list) for (let j = 0; j < list.length; j++) marks[list[j]] = 1;
}
