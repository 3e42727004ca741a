// CEL conditions (`when:`): compiled once at load, evaluated against one context object per decision.
import { celEnv, celList, celMap, isCelError, parse, plan, CelScalar, type CelInput } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { CelFault, compileFast } from './cel-fast.js';
import { compileRe2 } from './re2.js';
import { NO_MCP, type PolicyInput } from './input.js';

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
  'mcp',
] as const;

const env = celEnv({
  funcs: strings,
  // `matches` runs on untrusted text: RE2, linear time, the same engine as the fast path.
  re2: { compile: (pattern: string) => compileRe2(pattern) },
  variables: Object.fromEntries(CEL_VARIABLES.map((v) => [v, CelScalar.DYN])) as Record<(typeof CEL_VARIABLES)[number], typeof CelScalar.DYN>,
});

export type CelContext = Record<(typeof CEL_VARIABLES)[number], CelInput>;

/** A compiled condition: true, false, or the reason it could not decide (the rule then fails closed). */
export type Condition = ((ctx: ConditionInput) => boolean | { error: string }) & { fast: boolean };

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
  const fast = compileFast(parsed.expr);
  if (fast) {
    const condition = ((ctx: ConditionInput) => {
      let r;
      try {
        r = fast(ctx.plain());
      } catch (e) {
        return { error: `CEL: ${(e as Error).message}` };
      }
      if (r instanceof CelFault) return { error: `CEL: ${r.message}` };
      if (typeof r !== 'boolean') return { error: `CEL: condition returned ${kindOf(r)}, not bool` };
      return r;
    }) as Condition;
    condition.fast = true;
    return { condition };
  }
  const run = plan(env, parsed);
  const condition = ((ctx: ConditionInput) => {
    let r;
    try {
      r = run(ctx.interpreter() as never);
    } catch (e) {
      return { error: `CEL: ${(e as Error).message}` };
    }
    if (isCelError(r)) return { error: `CEL: ${r.message}` };
    if (typeof r !== 'boolean') return { error: `CEL: condition returned ${kindOf(r)}, not bool` };
    return r;
  }) as Condition;
  condition.fast = false;
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

/**
 * The values a condition sees, as plain JS values (ints as bigint). Each variable is built on
 * first read and kept for the rest of the decision, so conditions that read little cost little.
 */
class PlainContext {
  // Every slot declared up front so the object keeps one shape whatever is read first.
  private c: Record<(typeof CEL_VARIABLES)[number], unknown> = {
    direction: undefined,
    principal: undefined,
    system: undefined,
    supplier: undefined,
    model: undefined,
    findings: undefined,
    findingTypes: undefined,
    counts: undefined,
    tools: undefined,
    toolCalls: undefined,
    messageCount: undefined,
    labels: undefined,
    time: undefined,
    vars: undefined,
    mcp: undefined,
  };
  constructor(
    private readonly input: PolicyInput,
    private readonly varsIn: Record<string, unknown>,
  ) {}
  get direction(): unknown {
    return this.input.direction;
  }
  get model(): unknown {
    return this.input.model;
  }
  get messageCount(): unknown {
    return (this.c.messageCount ??= BigInt(this.input.messageCount));
  }
  get principal(): unknown {
    const p = this.input.principal;
    return (this.c.principal ??= { user: p.user, groups: p.groups, keyId: p.keyId, system: p.system });
  }
  get system(): unknown {
    const s = this.input.system;
    return (this.c.system ??= {
      id: s.id,
      registered: s.registered,
      approved: s.approved,
      dataCategories: s.dataCategories,
      allowedTools: s.allowedTools ?? [],
      anyTool: s.allowedTools === null,
    });
  }
  get supplier(): unknown {
    return (this.c.supplier ??= { ...this.input.supplier });
  }
  get findings(): unknown {
    return (this.c.findings ??= this.input.findings.map((f) => ({ type: f.type, subtype: f.subtype ?? '', score: f.score, detector: f.detector })));
  }
  get findingTypes(): unknown {
    return (this.c.findingTypes ??= [...new Set(this.input.findings.map((f) => f.type))]);
  }
  get counts(): unknown {
    if (!this.c.counts) {
      const counts: Record<string, bigint> = {};
      for (const f of this.input.findings) {
        counts[f.type] = (counts[f.type] ?? 0n) + 1n;
        if (f.subtype) counts[f.type + ':' + f.subtype] = (counts[f.type + ':' + f.subtype] ?? 0n) + 1n;
      }
      this.c.counts = counts;
    }
    return this.c.counts;
  }
  get tools(): unknown {
    return this.input.tools;
  }
  get toolCalls(): unknown {
    return (this.c.toolCalls ??= this.input.toolCalls.map((c) => ({ name: c.name, arguments: c.arguments, args: parseArgs(c.arguments) })));
  }
  get labels(): unknown {
    return this.input.labels;
  }
  get time(): unknown {
    const t = this.input.time;
    return (this.c.time ??= {
      iso: t.toISOString(),
      unix: BigInt(Math.floor(t.getTime() / 1000)),
      date: t.toISOString().slice(0, 10),
      hour: BigInt(t.getUTCHours()),
      minute: BigInt(t.getUTCMinutes()),
      weekday: BigInt(t.getUTCDay()),
    });
  }
  get mcp(): unknown {
    const m = this.input.mcp ?? NO_MCP;
    return (this.c.mcp ??= { server: m.server, method: m.method, tool: m.tool, uri: m.uri, arguments: toCelValue(m.arguments) });
  }
  get vars(): unknown {
    return (this.c.vars ??= toCelValue(this.varsIn));
  }
}

/** The same values as CEL values for the general interpreter, converted once on first read. */
class InterpreterContext {
  private c: Partial<Record<string, CelInput>> = {};
  constructor(private readonly plain: Record<string, unknown>) {
    for (const name of CEL_VARIABLES) {
      Object.defineProperty(this, name, { get: () => (this.c[name] ??= cel(this.plain[name])), enumerable: true });
    }
  }
}

/** Both views of one decision's context, each built on first use. */
export class ConditionInput {
  private p: Record<string, unknown> | undefined;
  private i: CelContext | undefined;
  constructor(
    private readonly input: PolicyInput,
    private readonly vars: Record<string, unknown>,
  ) {}
  plain(): Record<string, unknown> {
    return (this.p ??= new PlainContext(this.input, this.vars) as unknown as Record<string, unknown>);
  }
  interpreter(): CelContext {
    return (this.i ??= new InterpreterContext(this.plain()) as unknown as CelContext);
  }
}

/** Converts plain data to CEL values once, so reads during evaluation need no conversion. */
function cel(v: unknown): CelInput {
  if (Array.isArray(v)) return celList(v.map(cel)) as CelInput;
  if (v !== null && typeof v === 'object') {
    const m = new Map<string, CelInput>();
    // (a Map has no prototype keys to confuse)
    for (const [k, x] of Object.entries(v)) m.set(k, cel(x));
    return celMap(m) as CelInput;
  }
  return v as CelInput;
}

function parseArgs(text: string): unknown {
  try {
    const v = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? toCelValue(v) : {};
  } catch {
    return {};
  }
}

// JSON numbers that are whole become CEL ints so `args.limit > 10` works without a 10.0.
function toCelValue(v: unknown): unknown {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (Array.isArray(v)) return v.map(toCelValue);
  // fromEntries defines own properties: a "__proto__" key in model output stays a plain key.
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toCelValue(x)]));
  return v ?? null;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  return typeof v === 'object' ? 'map' : typeof v;
}
