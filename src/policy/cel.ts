// CEL conditions (`when:`): compiled once at load, evaluated against one context object per decision.
import { celEnv, isCelError, parse, plan, CelScalar, type CelInput } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import type { PolicyInput } from './input.js';

/** The variables a condition can read; docs/POLICY.md documents each. */
export const CEL_VARIABLES = [
  'direction',
  'principal',
  'system',
  'supplier',
  'model',
  'findings',
  'findingTypes',
  'counts',
  'tools',
  'toolCalls',
  'messageCount',
  'labels',
  'time',
  'vars',
] as const;

const env = celEnv({
  funcs: strings,
  variables: Object.fromEntries(CEL_VARIABLES.map((v) => [v, CelScalar.DYN])) as Record<(typeof CEL_VARIABLES)[number], typeof CelScalar.DYN>,
});

export type CelContext = Record<(typeof CEL_VARIABLES)[number], CelInput>;

/** A compiled condition: true, false, or the reason it could not decide (the rule then fails closed). */
export type Condition = (ctx: CelContext) => boolean | { error: string };

/** Compiles a condition or returns why it cannot be compiled (syntax, unknown variable). */
export function compileCondition(source: string): { condition?: Condition; error?: string } {
  let parsed;
  try {
    parsed = parse(source);
  } catch (e) {
    return { error: `CEL syntax: ${(e as Error).message.replace(/^<input>:/, 'at ')}` };
  }
  const unknown = unknownIdentifiers(parsed.expr);
  if (unknown.length) return { error: `CEL: unknown variable ${unknown.join(', ')} (known: ${CEL_VARIABLES.join(', ')})` };
  const run = plan(env, parsed);
  const condition: Condition = (ctx) => {
    let r;
    try {
      r = run(ctx as never);
    } catch (e) {
      return { error: `CEL: ${(e as Error).message}` };
    }
    if (isCelError(r)) return { error: `CEL: ${r.message}` };
    if (typeof r !== 'boolean') return { error: `CEL: condition returned ${typeof r}, not bool` };
    return r;
  };
  return { condition };
}

/** Identifiers the expression reads that are neither context variables nor bound by a macro. */
function unknownIdentifiers(root: unknown): string[] {
  const idents = new Set<string>();
  const bound = new Set<string>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) walk(n);
      return;
    }
    const o = node as Record<string, unknown>;
    if (o.$typeName === 'cel.expr.Expr.Ident') idents.add(o.name as string);
    if (o.$typeName === 'cel.expr.Expr.Comprehension') {
      for (const k of ['iterVar', 'iterVar2', 'accuVar']) if (o[k]) bound.add(o[k] as string);
    }
    for (const [k, v] of Object.entries(o)) if (k !== '$typeName' && typeof v === 'object') walk(v);
  };
  walk(root);
  const known = new Set<string>(CEL_VARIABLES);
  return [...idents].filter((i) => !known.has(i) && !bound.has(i));
}

/** Builds the context a condition sees; made at most once per decision, only if a condition runs. */
export function celContext(input: PolicyInput, vars: Record<string, unknown>): CelContext {
  const counts: Record<string, bigint> = {};
  const findingTypes: string[] = [];
  const findings = input.findings.map((f) => {
    counts[f.type] = (counts[f.type] ?? 0n) + 1n;
    if (f.subtype) counts[f.type + ':' + f.subtype] = (counts[f.type + ':' + f.subtype] ?? 0n) + 1n;
    if (counts[f.type] === 1n) findingTypes.push(f.type);
    return { type: f.type, subtype: f.subtype ?? '', score: f.score, detector: f.detector };
  });
  const t = input.time;
  return {
    direction: input.direction,
    principal: { user: input.principal.user, groups: input.principal.groups, keyId: input.principal.keyId, system: input.principal.system },
    system: {
      id: input.system.id,
      registered: input.system.registered,
      approved: input.system.approved,
      dataCategories: input.system.dataCategories,
      allowedTools: input.system.allowedTools ?? [],
      anyTool: input.system.allowedTools === null,
    },
    supplier: { ...input.supplier },
    model: input.model,
    findings,
    findingTypes,
    counts,
    tools: input.tools,
    toolCalls: input.toolCalls.map((c) => ({ name: c.name, arguments: c.arguments, args: parseArgs(c.arguments) })),
    messageCount: BigInt(input.messageCount),
    labels: input.labels,
    time: {
      iso: t.toISOString(),
      unix: BigInt(Math.floor(t.getTime() / 1000)),
      date: t.toISOString().slice(0, 10),
      hour: BigInt(t.getUTCHours()),
      minute: BigInt(t.getUTCMinutes()),
      weekday: BigInt(t.getUTCDay()),
    },
    vars: toCelValue(vars) as CelInput,
  };
}

function parseArgs(text: string): CelInput {
  try {
    const v = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (toCelValue(v) as CelInput) : {};
  } catch {
    return {};
  }
}

// JSON numbers that are whole become CEL ints so `args.limit > 10` works without a 10.0.
function toCelValue(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(toCelValue);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = toCelValue(x);
    return out;
  }
  return v ?? null;
}
