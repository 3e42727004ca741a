// Deciding one direction of one interaction: a pure function of the compiled policy and the input.
import { ACTIONS, type Action, type Decision, type Mode, type RedactionMethod, type RuleHit } from '../core/types.js';
import { DEFAULT_HOLD, type CompiledPolicy, type CompiledRule, type PolicySettings } from './compile.js';
import { typeSetHas } from './groups.js';
import type { PolicyInput } from './input.js';
import { EvalState, matchedTools } from './match.js';
import { candidates } from './rule-index.js';

/** Ids of the built-in inventory guards (requests only). */
export const GUARD_SYSTEM = 'warden.system-not-approved';
export const GUARD_SUPPLIER = 'warden.supplier-not-approved';
const GUARD_SYSTEM_CONTROLS = ['iso42001:A.6.2.5', 'nist-ai-rmf:GOVERN-1.6'];
const GUARD_SUPPLIER_CONTROLS = ['iso42001:A.10.3', 'nist-ai-rmf:GOVERN-6.1', 'nist-ai-rmf:MANAGE-3.1'];

const RANK: Record<Action, number> = Object.fromEntries(ACTIONS.map((a, i) => [a, i])) as Record<Action, number>;
// Redaction methods by how little they let through: mask hides even equality.
const METHOD_RANK: Record<RedactionMethod, number> = { mask: 0, hash: 1, tokenize: 2 };

/** The outcome of one rule for one input: matched or not, and the result of each condition. */
export interface RuleExplanation {
  id: string;
  file: string;
  line: number;
  column: number;
  action: Action;
  mode: Mode;
  enabled: boolean;
  matched: boolean;
  /** One line per condition, in the order checked, each with whether it held. */
  checks: Array<{ name: string; ok: boolean; detail: string }>;
  /** A condition error that made the rule fail closed. */
  error?: string;
  controls: string[];
}

interface RuleResult {
  matched: boolean;
  error?: string;
}

const NO_MATCH: RuleResult = { matched: false };
const MATCH: RuleResult = { matched: true };

function runRule(rule: CompiledRule, s: EvalState): RuleResult {
  const checks = rule.checks;
  for (let i = 0; i < checks.length; i++) if (!checks[i].test(s)) return NO_MATCH;
  if (rule.condition) {
    const r = rule.condition(s.cel());
    if (r === false) return NO_MATCH;
    if (r !== true) return { matched: true, error: r.error };
  }
  return MATCH;
}

function guardsFor(settings: PolicySettings, input: PolicyInput): RuleHit[] {
  if (input.direction !== 'request') return [];
  const hits: RuleHit[] = [];
  const mode = settings.mode;
  if ((!input.system.registered || !input.system.approved) && settings.unapprovedSystem !== 'allow') {
    hits.push({
      id: GUARD_SYSTEM,
      action: settings.unapprovedSystem,
      mode,
      controls: GUARD_SYSTEM_CONTROLS.slice(),
      message: `AI system ${input.system.id} is ${input.system.registered ? 'not approved' : 'not registered'} for traffic`,
    });
  }
  if ((!input.supplier.registered || !input.supplier.approved) && settings.unapprovedSupplier !== 'allow') {
    hits.push({
      id: GUARD_SUPPLIER,
      action: settings.unapprovedSupplier,
      mode,
      controls: GUARD_SUPPLIER_CONTROLS.slice(),
      message: `supplier ${input.supplier.id} is ${input.supplier.registered ? 'not approved' : 'not registered'}`,
    });
  }
  return hits;
}

/**
 * Decides one direction of one interaction. Pure: same policy and input, same decision.
 * `action` is what the gateway enforces; rules in monitor mode are listed with mode 'monitor'
 * and never change it; `monitorAction` says what they would have enforced.
 * A condition that fails at run time makes its rule match as `block` (fail closed), with `error` set.
 */
export function evaluate(p: CompiledPolicy, input: PolicyInput): Decision {
  return decide(p, input, true);
}

/** Evaluate without the rule index: the reference the index is tested against. */
export function evaluateEveryRule(p: CompiledPolicy, input: PolicyInput): Decision {
  return decide(p, input, false);
}

function decide(p: CompiledPolicy, input: PolicyInput, useIndex: boolean): Decision {
  const s = new EvalState(input, p.vars);
  const request = input.direction === 'request';
  const rules = request ? p.requestRules : p.responseRules;
  const marks = useIndex ? candidates(request ? p.requestIndex : p.responseIndex, input) : null;
  const hits: RuleHit[] = guardsFor(p.settings, input);
  let best = -1;
  let monitorBest = -1;
  for (const h of hits) {
    if (h.mode === 'enforce') best = best < 0 || RANK[h.action] < best ? RANK[h.action] : best;
    else monitorBest = monitorBest < 0 || RANK[h.action] < monitorBest ? RANK[h.action] : monitorBest;
  }
  let redactTypes: string[] | undefined;
  let method: RedactionMethod | undefined;
  let route: Decision['route'];
  let hold: Decision['hold'];
  let strip: string[] | undefined;

  for (let i = 0; i < rules.length; i++) {
    if (marks !== null && marks[i] === 0) continue;
    const rule = rules[i];
    const r = runRule(rule, s);
    if (!r.matched) continue;
    const action: Action = r.error ? 'block' : rule.action;
    const hit: RuleHit = { id: rule.id, action, mode: rule.mode, controls: rule.controls.slice() };
    if (rule.message) hit.message = rule.message;
    if (r.error) hit.error = r.error;
    const tools = rule.tools ? matchedTools(rule.tools, s) : undefined;
    if (tools) hit.tools = tools;
    hits.push(hit);
    const rank = RANK[action];
    if (rule.mode === 'monitor') {
      if (monitorBest < 0 || rank < monitorBest) monitorBest = rank;
      continue;
    }
    if (best < 0 || rank < best) best = rank;
    if (r.error) continue;
    if (rule.redact) {
      const m = rule.redact.method;
      if (!method || METHOD_RANK[m] < METHOD_RANK[method]) method = m;
      redactTypes = addRedactTypes(rule, input, redactTypes ?? []);
    }
    if (rule.route && !route) route = { ...rule.route };
    if (rule.hold && !hold) hold = { ...rule.hold, reviewers: [...rule.hold.reviewers] };
    if (rule.strip && tools) {
      strip ??= [];
      for (const t of tools) if (!strip.includes(t)) strip.push(t);
    }
  }

  const action: Action = best < 0 ? p.settings.defaultAction : ACTIONS[best];
  const decision: Decision = {
    action,
    mode: p.settings.mode,
    rules: hits,
    policyVersion: p.version,
    controls: collectControls(hits),
  };
  const effective = action !== 'block' && action !== 'hold';
  if (effective && method && redactTypes && redactTypes.length) decision.redact = { types: redactTypes, method };
  if (effective && route) decision.route = route;
  if (effective && strip) decision.stripTools = strip;
  // A hold decided by a guard (settings.unapproved* = hold) has no rule settings: the defaults.
  if (action === 'hold') decision.hold = hold ?? { ...DEFAULT_HOLD, reviewers: [] };
  if (monitorBest >= 0 && monitorBest < RANK[action]) decision.monitorAction = ACTIONS[monitorBest];
  const message = messageFor(hits, action, p.settings);
  if (message) decision.message = message;
  return decision;
}

/** Adds the keys of the present findings a redact rule covers: TYPE, or TYPE:subtype if only that was named. */
function addRedactTypes(rule: CompiledRule, input: PolicyInput, out: string[]): string[] {
  for (const f of input.findings) {
    let set = rule.redact!.types;
    if (!set) {
      for (const sel of rule.selectors) {
        if (f.score >= sel.minScore && typeSetHas(sel.types, f.type, f.subtype)) {
          set = sel.types;
          break;
        }
      }
    }
    if (!set || !typeSetHas(set, f.type, f.subtype)) continue;
    const key = set.any || set.keys.has(f.type) ? f.type : `${f.type}:${f.subtype}`;
    if (!out.includes(key)) out.push(key);
  }
  return out;
}

function collectControls(hits: RuleHit[]): string[] {
  if (hits.length === 0) return [];
  if (hits.length === 1) return hits[0].controls.slice();
  const out: string[] = [];
  for (const h of hits) for (const c of h.controls) if (!out.includes(c)) out.push(c);
  return out;
}

function messageFor(hits: RuleHit[], action: Action, settings: PolicySettings): string | undefined {
  if (action === 'allow' || action === 'redact' || action === 'route') return undefined;
  for (const h of hits) if (h.mode === 'enforce' && h.action === action && h.message) return h.message;
  return settings.defaultMessage;
}

/** For an input, every rule (and guard): whether it matched, and the result of each of its conditions. */
export function explain(p: CompiledPolicy, input: PolicyInput): RuleExplanation[] {
  const s = new EvalState(input, p.vars);
  const out: RuleExplanation[] = [];
  if (input.direction === 'request') {
    const guards = guardsFor(p.settings, input);
    for (const [id, what, ok] of [
      [GUARD_SYSTEM, `AI system ${input.system.id} registered=${input.system.registered} approved=${input.system.approved}`, input.system.registered && input.system.approved],
      [GUARD_SUPPLIER, `supplier ${input.supplier.id} registered=${input.supplier.registered} approved=${input.supplier.approved}`, input.supplier.registered && input.supplier.approved],
    ] as const) {
      const g = guards.find((h) => h.id === id);
      const setting = id === GUARD_SYSTEM ? p.settings.unapprovedSystem : p.settings.unapprovedSupplier;
      out.push({
        id,
        file: '(built-in)',
        line: 0,
        column: 0,
        action: g?.action ?? setting,
        mode: p.settings.mode,
        enabled: setting !== 'allow',
        matched: g !== undefined,
        checks: [{ name: 'inventory', ok: !ok, detail: what }],
        controls: id === GUARD_SYSTEM ? GUARD_SYSTEM_CONTROLS : GUARD_SUPPLIER_CONTROLS,
      });
    }
  }
  for (const rule of p.rules) {
    const checks: RuleExplanation['checks'] = [];
    const dirOk = rule.direction === 'any' || rule.direction === input.direction;
    checks.push({ name: 'direction', ok: dirOk, detail: `rule applies to ${rule.direction}, input is ${input.direction}` });
    for (const c of rule.checks) checks.push({ name: c.name, ok: c.test(s), detail: c.detail(s) });
    let error: string | undefined;
    if (rule.condition) {
      const r = rule.condition(s.cel());
      if (typeof r === 'boolean') checks.push({ name: 'when', ok: r, detail: `${rule.conditionSource} → ${r}` });
      else {
        error = r.error;
        checks.push({ name: 'when', ok: true, detail: `${rule.conditionSource} → error, fails closed as block: ${r.error}` });
      }
    }
    const matched = rule.enabled && checks.every((c) => c.ok);
    const e: RuleExplanation = {
      id: rule.id,
      file: rule.file,
      line: rule.line,
      column: rule.column,
      action: matched && error ? 'block' : rule.action,
      mode: rule.mode,
      enabled: rule.enabled,
      matched,
      checks,
      controls: rule.controls,
    };
    if (matched && error) e.error = error;
    out.push(e);
  }
  return out;
}

/** `policy explain`: every rule with why it matched or not, and the decision, for one input (the CLI and the admin API). */
export function explainDecision(p: CompiledPolicy, input: PolicyInput): { decision: Decision; rules: RuleExplanation[] } {
  return { decision: evaluate(p, input), rules: explain(p, input) };
}
