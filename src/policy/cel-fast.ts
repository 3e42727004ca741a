// A closure compiler for the common subset of CEL that policy conditions use: field access,
// comparisons, logic, arithmetic, `in`, `has`, size, string tests and the list macros. It runs
// on plain JS values with no conversion, several times faster than the general interpreter.
// Anything outside the subset returns null at compile time and the rule uses @bufbuild/cel;
// a differential test holds the two to the same results.
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { compileRe2 } from './re2.js';

/** A CEL error as a value: it flows through && and || as CEL says, and fails the rule otherwise. */
export class CelFault {
  constructor(readonly message: string) {}
}

/** Plain values: bigint (int), number (double), string, boolean, null, arrays, plain objects. */
type V = unknown;
type Fn = (ctx: Record<string, V>, locals: V[]) => V;

class Unsupported extends Error {}

const INT_MIN = -(2n ** 63n);
const INT_MAX = 2n ** 63n - 1n;

const fault = (m: string) => new CelFault(m);
const isObj = (v: V): v is Record<string, V> => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof CelFault);
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function int(v: bigint): V {
  return v < INT_MIN || v > INT_MAX ? fault('int overflow') : v;
}

/** CEL equality: numbers compare across int and double; other kinds only with their own kind. */
export function celEquals(a: V, b: V): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof a === 'boolean') return false;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'bigint' && tb === 'number') return Number(a) === b;
  if (ta === 'number' && tb === 'bigint') return a === Number(b);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => celEquals(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => hasOwn(b, k) && celEquals(a[k], b[k]));
  }
  return false;
}

function compare(a: V, b: V): number | CelFault {
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === 'bigint' || ta === 'number') && (tb === 'bigint' || tb === 'number')) {
    if (ta === tb) return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    const x = Number(a);
    const y = Number(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ta === 'string' && tb === 'string') return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
  if (ta === 'boolean' && tb === 'boolean') return Number(a) - Number(b);
  return fault(`no such overload for comparing ${kind(a)} and ${kind(b)}`);
}

function kind(v: V): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  if (typeof v === 'object') return 'map';
  return typeof v;
}

function size(v: V): V {
  if (typeof v === 'string') {
    let n = 0;
    for (const _ of v) n++;
    return BigInt(n);
  }
  if (Array.isArray(v)) return BigInt(v.length);
  if (isObj(v)) return BigInt(Object.keys(v).length);
  return fault(`no such overload: size(${kind(v)})`);
}

function select(v: V, field: string): V {
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof CelFault)) {
    return Object.hasOwn(v, field) ? (v as Record<string, V>)[field] : fault(`no such key: ${field}`);
  }
  if (v instanceof CelFault) return v;
  return fault(`no such field ${field} on ${kind(v)}`);
}

function arith(op: string, a: V, b: V): V {
  if (a instanceof CelFault) return a;
  if (b instanceof CelFault) return b;
  const ta = typeof a;
  if (ta !== typeof b || (op !== '+' && ta !== 'bigint' && ta !== 'number')) {
    if (!(op === '+' && Array.isArray(a) && Array.isArray(b))) return fault(`no such overload: ${kind(a)} ${op} ${kind(b)}`);
  }
  if (Array.isArray(a)) return [...a, ...(b as V[])];
  if (ta === 'string') return (a as string) + (b as string);
  if (ta === 'bigint') {
    const x = a as bigint;
    const y = b as bigint;
    if (op === '+') return int(x + y);
    if (op === '-') return int(x - y);
    if (op === '*') return int(x * y);
    if (y === 0n) return fault(op === '/' ? 'divide by zero' : 'modulus by zero');
    return int(op === '/' ? x / y : x % y);
  }
  if (ta === 'number') {
    const x = a as number;
    const y = b as number;
    if (op === '+') return x + y;
    if (op === '-') return x - y;
    if (op === '*') return x * y;
    if (op === '/') return x / y;
    return fault('no such overload: double % double');
  }
  return fault(`no such overload: ${kind(a)} ${op} ${kind(b)}`);
}

/** A literal `matches` pattern, compiled once with RE2 as the interpreter does; null if RE2 refuses it. */
function regex(pattern: string): { test(s: string): boolean } | null {
  try {
    return compileRe2(pattern);
  } catch {
    return null;
  }
}

const NO_LOCALS: V[] = [];

const NOT_CONSTANT = Symbol('not constant');

/** The value of a literal int, double, string or bool expression. */
function constantOf(e: Expr | undefined): V | typeof NOT_CONSTANT {
  if (!e || e.exprKind.case !== 'constExpr') return NOT_CONSTANT;
  const c = e.exprKind.value.constantKind;
  if (c.case === 'int64Value') return BigInt(c.value);
  if (c.case === 'doubleValue' || c.case === 'stringValue' || c.case === 'boolValue') return c.value;
  return NOT_CONSTANT;
}

// One property-load site per variable keeps each monomorphic (a shared c[name] would not be).
function rootReader(name: string): Fn {
  switch (name) {
    case 'direction': return (c) => c.direction;
    case 'principal': return (c) => c.principal;
    case 'system': return (c) => c.system;
    case 'supplier': return (c) => c.supplier;
    case 'model': return (c) => c.model;
    case 'findings': return (c) => c.findings;
    case 'findingTypes': return (c) => c.findingTypes;
    case 'counts': return (c) => c.counts;
    case 'tools': return (c) => c.tools;
    case 'toolCalls': return (c) => c.toolCalls;
    case 'messageCount': return (c) => c.messageCount;
    case 'labels': return (c) => c.labels;
    case 'time': return (c) => c.time;
    case 'vars': return (c) => c.vars;
    case 'mcp': return (c) => c.mcp;
    default: return (c) => c[name];
  }
}

const lowerAscii = (s: string) => s.replace(/[A-Z]+/g, (c) => c.toLowerCase());
const upperAscii = (s: string) => s.replace(/[a-z]+/g, (c) => c.toUpperCase());

/** Compiles a parsed expression, or returns null if it uses something outside the subset. */
export function compileFast(expr: Expr): ((ctx: Record<string, V>) => V) | null {
  const scopes: Array<Map<string, number>> = [];
  let slots = 0;
  let fn: Fn;
  try {
    fn = build(expr);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  const n = slots;
  if (n === 0) return (ctx) => fn(ctx, NO_LOCALS);
  return (ctx) => fn(ctx, new Array(n));

  function local(name: string): number | undefined {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const s = scopes[i].get(name);
      if (s !== undefined) return s;
    }
    return undefined;
  }

  function build(e: Expr): Fn {
    const k = e.exprKind;
    switch (k.case) {
      case 'constExpr': {
        const c = k.value.constantKind;
        let v: V;
        if (c.case === 'int64Value') v = BigInt(c.value);
        else if (c.case === 'doubleValue' || c.case === 'stringValue' || c.case === 'boolValue') v = c.value;
        else if (c.case === 'nullValue') v = null;
        else throw new Unsupported(String(c.case));
        return () => v;
      }
      case 'identExpr': {
        const name = k.value.name;
        const slot = local(name);
        if (slot !== undefined) return (_c, l) => l[slot];
        return rootReader(name);
      }
      case 'selectExpr': {
        const operand = build(k.value.operand!);
        const field = k.value.field;
        if (k.value.testOnly)
          return (c, l) => {
            const v = operand(c, l);
            if (v instanceof CelFault) return v;
            // As the reference interpreter: has() on a value without fields is false, not an error.
            return isObj(v) ? hasOwn(v, field) : false;
          };
        return (c, l) => select(operand(c, l), field);
      }
      case 'listExpr': {
        if (k.value.optionalIndices.length) throw new Unsupported('optional');
        const items = k.value.elements.map(build);
        return (c, l) => {
          const out: V[] = [];
          for (const it of items) {
            const v = it(c, l);
            if (v instanceof CelFault) return v;
            out.push(v);
          }
          return out;
        };
      }
      case 'comprehensionExpr':
        return comprehension(k.value);
      case 'callExpr':
        return call(k.value.function, k.value.target, k.value.args);
      default:
        throw new Unsupported(String(k.case));
    }
  }

  function comprehension(c: Extract<Expr['exprKind'], { case: 'comprehensionExpr' }>['value']): Fn {
    if (c.iterVar2) throw new Unsupported('two-variable comprehension');
    const range = build(c.iterRange!);
    const init = build(c.accuInit!);
    const iterSlot = slots++;
    const accuSlot = slots++;
    scopes.push(new Map([[c.accuVar, accuSlot]]));
    const result = build(c.result!);
    scopes.push(new Map([[c.iterVar, iterSlot]]));
    const cond = build(c.loopCondition!);
    const step = build(c.loopStep!);
    scopes.pop();
    scopes.pop();
    return (ctx, l) => {
      const r = range(ctx, l);
      if (r instanceof CelFault) return r;
      const items = Array.isArray(r) ? r : isObj(r) ? Object.keys(r) : null;
      if (!items) return fault(`cannot iterate over ${kind(r)}`);
      l[accuSlot] = init(ctx, l);
      for (let i = 0; i < items.length; i++) {
        l[iterSlot] = items[i];
        const go = cond(ctx, l);
        if (go === false) break;
        if (go !== true) return go instanceof CelFault ? go : fault('loop condition is not bool');
        l[accuSlot] = step(ctx, l);
      }
      return result(ctx, l);
    };
  }

  function call(name: string, target: Expr | undefined, argExprs: Expr[]): Fn {
    const args = argExprs.map(build);
    const t = target ? build(target) : undefined;
    const [a, b, c3] = args;
    switch (target ? '.' + name : name) {
      case '_&&_':
        return (c, l) => {
          const x = a(c, l);
          if (x === false) return false;
          const y = b(c, l);
          if (y === false) return false;
          if (x === true && y === true) return true;
          return x instanceof CelFault ? x : y instanceof CelFault ? y : fault('no such overload for &&');
        };
      case '_||_':
        return (c, l) => {
          const x = a(c, l);
          if (x === true) return true;
          const y = b(c, l);
          if (y === true) return true;
          if (x === false && y === false) return false;
          return x instanceof CelFault ? x : y instanceof CelFault ? y : fault('no such overload for ||');
        };
      case '!_':
        return (c, l) => {
          const x = a(c, l);
          return typeof x === 'boolean' ? !x : x instanceof CelFault ? x : fault('no such overload for !');
        };
      case '@not_strictly_false':
        return (c, l) => a(c, l) !== false;
      case '_?_:_':
        return (c, l) => {
          const x = a(c, l);
          return x === true ? b(c, l) : x === false ? c3(c, l) : x instanceof CelFault ? x : fault('condition is not bool');
        };
      case '_==_':
      case '_!=_': {
        const neg = name === '_!=_';
        const k = constantOf(argExprs[1]);
        if (typeof k === 'string')
          return (c, l) => {
            const x = a(c, l);
            if (typeof x === 'string') return (x === k) !== neg;
            return x instanceof CelFault ? x : celEquals(x, k) !== neg;
          };
        return (c, l) => {
          const x = a(c, l);
          if (x instanceof CelFault) return x;
          const y = b(c, l);
          if (y instanceof CelFault) return y;
          return celEquals(x, y) !== neg;
        };
      }
      case '_<_':
      case '_<=_':
      case '_>_':
      case '_>=_': {
        const test = name === '_<_' ? (n: number) => n < 0 : name === '_<=_' ? (n: number) => n <= 0 : name === '_>_' ? (n: number) => n > 0 : (n: number) => n >= 0;
        const k = constantOf(argExprs[1]);
        if (typeof k === 'bigint') {
          // The common `messageCount > 10`: compare ints directly, anything else the general way.
          const cmp =
            name === '_<_' ? (x: bigint) => x < k : name === '_<=_' ? (x: bigint) => x <= k : name === '_>_' ? (x: bigint) => x > k : (x: bigint) => x >= k;
          return (c, l) => {
            const x = a(c, l);
            if (typeof x === 'bigint') return cmp(x);
            if (x instanceof CelFault) return x;
            const r = compare(x, k);
            return r instanceof CelFault ? r : test(r);
          };
        }
        return (c, l) => {
          const x = a(c, l);
          if (x instanceof CelFault) return x;
          const y = b(c, l);
          if (y instanceof CelFault) return y;
          const r = compare(x, y);
          return r instanceof CelFault ? r : test(r);
        };
      }
      case '_+_':
      case '_-_':
      case '_*_':
      case '_/_':
      case '_%_': {
        const op = name[1];
        return (c, l) => arith(op, a(c, l), b(c, l));
      }
      case '-_':
        return (c, l) => {
          const x = a(c, l);
          if (typeof x === 'bigint') return int(-x);
          if (typeof x === 'number') return -x;
          return x instanceof CelFault ? x : fault(`no such overload: -${kind(x)}`);
        };
      case '@in':
        return (c, l) => {
          const x = a(c, l);
          if (x instanceof CelFault) return x;
          const y = b(c, l);
          if (y instanceof CelFault) return y;
          if (Array.isArray(y)) {
            for (const e of y) if (celEquals(x, e)) return true;
            return false;
          }
          if (isObj(y)) return typeof x === 'string' && hasOwn(y, x);
          return fault(`no such overload: in ${kind(y)}`);
        };
      case '_[_]':
        return (c, l) => {
          const x = a(c, l);
          if (x instanceof CelFault) return x;
          const i = b(c, l);
          if (i instanceof CelFault) return i;
          if (Array.isArray(x)) {
            if (typeof i !== 'bigint' && !(typeof i === 'number' && Number.isInteger(i))) return fault(`no such overload: list[${kind(i)}]`);
            const n = Number(i);
            return n >= 0 && n < x.length ? x[n] : fault(`index out of bounds: ${n}`);
          }
          if (isObj(x)) return typeof i === 'string' ? select(x, i) : fault(`no such key: ${String(i)}`);
          return fault(`no such overload: ${kind(x)}[]`);
        };
      case 'size':
        if (args.length !== 1) throw new Unsupported('size');
        return (c, l) => {
          const x = a(c, l);
          return x instanceof CelFault ? x : size(x);
        };
      case '.size':
        if (args.length !== 0) throw new Unsupported('size');
        return (c, l) => {
          const x = t!(c, l);
          return x instanceof CelFault ? x : size(x);
        };
      case '.contains':
      case '.startsWith':
      case '.endsWith': {
        if (args.length !== 1) throw new Unsupported(name);
        const op = name === 'contains' ? (s: string, x: string) => s.includes(x) : name === 'startsWith' ? (s: string, x: string) => s.startsWith(x) : (s: string, x: string) => s.endsWith(x);
        return (c, l) => {
          const s = t!(c, l);
          if (s instanceof CelFault) return s;
          const x = a(c, l);
          if (x instanceof CelFault) return x;
          return typeof s === 'string' && typeof x === 'string' ? op(s, x) : fault(`no such overload: ${kind(s)}.${name}(${kind(x)})`);
        };
      }
      case '.lowerAscii':
      case '.upperAscii': {
        if (args.length !== 0) throw new Unsupported(name);
        const op = name === 'lowerAscii' ? lowerAscii : upperAscii;
        return (c, l) => {
          const s = t!(c, l);
          if (s instanceof CelFault) return s;
          return typeof s === 'string' ? op(s) : fault(`no such overload: ${kind(s)}.${name}()`);
        };
      }
      case '.matches': {
        const subject = t!;
        const patternExpr = argExprs[0];
        if (!patternExpr || patternExpr.exprKind.case !== 'constExpr' || patternExpr.exprKind.value.constantKind.case !== 'stringValue') throw new Unsupported('matches with a computed pattern');
        const re = regex(patternExpr.exprKind.value.constantKind.value);
        if (!re) throw new Unsupported('pattern');
        return (c, l) => {
          const s = subject(c, l);
          if (s instanceof CelFault) return s;
          return typeof s === 'string' ? re.test(s) : fault(`no such overload: ${kind(s)}.matches()`);
        };
      }
      default:
        throw new Unsupported(name);
    }
  }
}
