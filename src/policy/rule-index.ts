// Which rules can possibly match an input, without running them. Each rule is filed under one
// discriminating clause (an exact system, supplier, model, user, label, group or finding type);
// rules without one are always candidates. Candidates are then run in full, in policy order,
// so the index only saves work and never changes a decision (a test checks exactly that).
import type { CompiledRule } from './compile.js';
import type { PolicyInput } from './input.js';
import type { RuleSpec } from './schema.js';

export interface RuleIndex {
  size: number;
  /** Positions of rules that are candidates for every input. */
  always: number[];
  byKey: Map<string, number[]>;
}

const exact = (list: string[] | undefined) => (list && list.length && !list.some((x) => x.includes('*')) ? list : undefined);

/** The keys a rule is filed under, or null if it has no discriminating clause. */
function keysOf(rule: CompiledRule, match: RuleSpec['match']): string[] | null {
  if (!match) return null;
  const lists: Array<[string, string[] | undefined]> = [
    ['label', exact(match.labels)],
    ['system', exact(match.systems)],
    ['supplier', exact(match.suppliers)],
    ['model', exact(match.models)],
    ['user', exact(match.users)],
    ['group', exact(match.groups)],
  ];
  for (const [kind, list] of lists) if (list) return list.map((v) => `${kind}\0${v}`);
  if (rule.selectors.length && !rule.selectors.some((s) => s.types.any)) {
    const keys = new Set<string>();
    for (const s of rule.selectors) for (const k of s.types.keys) keys.add(`finding\0${k}`);
    if (keys.size) return [...keys];
  }
  return null;
}

export function buildIndex(rules: readonly CompiledRule[], matches: ReadonlyMap<CompiledRule, RuleSpec['match']>): RuleIndex {
  const index: RuleIndex = { size: rules.length, always: [], byKey: new Map() };
  rules.forEach((rule, i) => {
    const keys = keysOf(rule, matches.get(rule));
    if (!keys) {
      index.always.push(i);
      return;
    }
    for (const k of keys) {
      const list = index.byKey.get(k);
      if (list) list.push(i);
      else index.byKey.set(k, [i]);
    }
  });
  return index;
}

/** Marks the rules that may match `input`; null when every rule is a candidate. */
export function candidates(index: RuleIndex, input: PolicyInput): Uint8Array | null {
  if (index.always.length === index.size) return null;
  const marks = new Uint8Array(index.size);
  for (const i of index.always) marks[i] = 1;
  const by = index.byKey;
  if (by.size === 0) return marks;
  const mark = (key: string) => {
    const list = by.get(key);
    if (list) for (let j = 0; j < list.length; j++) marks[list[j]] = 1;
  };
  mark('system\0' + input.system.id);
  mark('supplier\0' + input.supplier.id);
  mark('model\0' + input.model);
  mark('user\0' + input.principal.user);
  for (const g of input.principal.groups) mark('group\0' + g);
  for (const l of input.labels) mark('label\0' + l);
  for (const f of input.findings) {
    mark('finding\0' + f.type);
    if (f.subtype !== undefined) mark('finding\0' + f.type + ':' + f.subtype);
  }
  return marks;
}
