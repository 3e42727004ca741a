// Every property path of an official SDK type that can hold a string, read from the SDKs' own
// declaration files with the TypeScript compiler API. A field the SDKs add tomorrow is planted
// and tested tomorrow without anyone listing it here.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Marks the planted spot in a skeleton (as a value or as an object key). */
export const PLANT = 'PLANT_HERE_7f3a';

export interface FieldPath {
  /** Readable path, e.g. `messages[role=user].content[type=text].text`. */
  path: string;
  /** A minimal value of the type that reaches the path, with PLANT at it. */
  skeleton: unknown;
}

/** The SDK types we enumerate, by the name tests use. */
export const SDK_TYPES = {
  ChatCompletionCreateParamsNonStreaming: 'OpenAI.Chat.ChatCompletionCreateParamsNonStreaming',
  ResponseCreateParamsNonStreaming: 'OpenAI.Responses.ResponseCreateParamsNonStreaming',
  EmbeddingCreateParams: 'OpenAI.EmbeddingCreateParams',
  ChatCompletion: 'OpenAI.Chat.ChatCompletion',
  ChatCompletionChunk: 'OpenAI.Chat.ChatCompletionChunk',
  Response: 'OpenAI.Responses.Response',
  ResponseStreamEvent: 'OpenAI.Responses.ResponseStreamEvent',
  MessageCreateParamsNonStreaming: 'Anthropic.Messages.MessageCreateParamsNonStreaming',
  Message: 'Anthropic.Messages.Message',
  RawMessageStreamEvent: 'Anthropic.Messages.RawMessageStreamEvent',
} as const;
export type SdkTypeName = keyof typeof SDK_TYPES;

const MAX_DEPTH = 9;
const here = dirname(fileURLToPath(import.meta.url));
// A file that does not exist on disk: the compiler host serves it, so module resolution runs
// from this folder and finds the installed SDKs in node_modules.
const ENTRY = join(here, '__sdk_types__.ts');

let cached: { checker: ts.TypeChecker; types: Map<string, ts.Type> } | undefined;

function load(): { checker: ts.TypeChecker; types: Map<string, ts.Type> } {
  if (cached) return cached;
  const names = Object.keys(SDK_TYPES) as SdkTypeName[];
  const source = [
    `import type OpenAI from 'openai';`,
    `import type Anthropic from '@anthropic-ai/sdk';`,
    ...names.map((n) => `export type T_${n} = ${SDK_TYPES[n]};`),
  ].join('\n');
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (file, lang, onError, create) =>
    file === ENTRY ? ts.createSourceFile(file, source, lang, true) : getSourceFile(file, lang, onError, create);
  host.fileExists = (file) => file === ENTRY || fileExists(file);
  host.readFile = (file) => (file === ENTRY ? source : readFile(file));
  const program = ts.createProgram([ENTRY], options, host);
  const diags = ts.getPreEmitDiagnostics(program).filter((d) => d.file?.fileName === ENTRY);
  if (diags.length) throw new Error(`SDK types did not resolve: ${diags.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(ENTRY)!;
  const types = new Map<string, ts.Type>();
  for (const st of file.statements) {
    if (ts.isTypeAliasDeclaration(st)) types.set(st.name.text.slice(2), checker.getTypeAtLocation(st.name));
  }
  cached = { checker, types };
  return cached;
}

/** The installed version of an SDK package, for test names. */
export function sdkVersion(pkg: 'openai' | '@anthropic-ai/sdk'): string {
  // `pkg/package.json` is not in the SDKs' exports: find the package folder from its entry point.
  const entry = createRequire(import.meta.url).resolve(pkg);
  const root = entry.slice(0, entry.lastIndexOf(`node_modules/${pkg}/`) + `node_modules/${pkg}/`.length);
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

const NOTHING = ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void | ts.TypeFlags.Never;
const STRINGISH = ts.TypeFlags.String | ts.TypeFlags.StringLiteral | ts.TypeFlags.TemplateLiteral | ts.TypeFlags.StringMapping | ts.TypeFlags.Unknown | ts.TypeFlags.Any | ts.TypeFlags.EnumLiteral;
const SCALAR = ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.ESSymbolLike;

class Walker {
  constructor(private readonly checker: ts.TypeChecker) {}

  private readonly names = new Map<ts.Type, string>();

  /** A stable sort key: the checker orders union members by creation, which depends on what was loaded first. */
  private nameOf(t: ts.Type): string {
    let n = this.names.get(t);
    if (n === undefined) {
      n = this.checker.typeToString(t, undefined, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType);
      this.names.set(t, n);
    }
    return n;
  }

  private members(t: ts.Type): ts.Type[] {
    if (!t.isUnion()) return t.flags & NOTHING ? [] : [t];
    return t.types.filter((m) => !(m.flags & NOTHING)).sort((a, b) => (this.nameOf(a) < this.nameOf(b) ? -1 : this.nameOf(a) > this.nameOf(b) ? 1 : 0));
  }

  private isFunction(t: ts.Type): boolean {
    return t.getCallSignatures().length > 0 && t.getProperties().length === 0;
  }

  private propType(p: ts.Symbol): ts.Type {
    return this.checker.getNonNullableType(this.checker.getTypeOfSymbol(p));
  }

  private required(p: ts.Symbol): boolean {
    return !(p.flags & ts.SymbolFlags.Optional);
  }

  private elementType(t: ts.Type): ts.Type | undefined {
    if (this.checker.isArrayType(t)) return this.checker.getTypeArguments(t as ts.TypeReference)[0];
    return undefined;
  }

  /** Discriminant-like properties (single string literal) of an object type, for labels. */
  private discriminants(t: ts.Type): string {
    const out: string[] = [];
    for (const name of ['type', 'role', 'event', 'object']) {
      const p = t.getProperty(name);
      if (!p) continue;
      const pt = this.propType(p);
      if (pt.isStringLiteral()) out.push(`${name}=${pt.value}`);
    }
    return out.length ? `[${out.join(',')}]` : '';
  }

  /** A minimal valid-looking value of a type (required properties only). */
  minimal(t: ts.Type, stack: ts.Type[] = []): unknown {
    const ms = this.members(t);
    if (ms.length === 0) return null;
    if (ms.length > 1) {
      const pick = ms.find((m) => m.isStringLiteral()) ?? ms.find((m) => m.flags & ts.TypeFlags.String) ?? ms.find((m) => !(m.flags & ts.TypeFlags.BooleanLiteral)) ?? ms[0];
      return this.minimal(pick, stack);
    }
    const m = ms[0];
    if (m.isStringLiteral()) return m.value;
    if (m.isNumberLiteral()) return m.value;
    if (m.flags & ts.TypeFlags.BooleanLiteral) return (m as { intrinsicName?: string }).intrinsicName === 'true';
    if (m.flags & (ts.TypeFlags.Unknown | ts.TypeFlags.Any)) return {};
    if (m.flags & ts.TypeFlags.StringLike) return 'x';
    if (m.flags & ts.TypeFlags.NumberLike) return 0;
    if (m.flags & ts.TypeFlags.BooleanLike) return false;
    if (this.elementType(m) || this.checker.isTupleType(m)) return [];
    if (m.flags & ts.TypeFlags.Object) {
      if (stack.includes(m) || this.isFunction(m)) return {};
      const o: Record<string, unknown> = {};
      for (const p of m.getProperties()) if (this.required(p)) o[p.name] = this.minimal(this.propType(p), [...stack, m]);
      return o;
    }
    return null;
  }

  /** Every path under `t` that can hold a string, with a skeleton reaching it. */
  walk(t: ts.Type, label: string, stack: ts.Type[], depth: number): FieldPath[] {
    const ms = this.members(t);
    const out: FieldPath[] = [];
    // All string-like members of a union are one field: a string or an enum value.
    if (ms.some((m) => m.flags & STRINGISH)) out.push({ path: label || '(root)', skeleton: PLANT });
    const objects = ms.filter((m) => !(m.flags & (STRINGISH | SCALAR)) && m.flags & ts.TypeFlags.Object && !this.isFunction(m));
    for (const m of objects) {
      const tag = objects.length > 1 ? this.discriminants(m) || `[#${objects.indexOf(m)}]` : '';
      out.push(...this.walkObject(m, label + tag, stack, depth));
    }
    return out;
  }

  private walkObject(m: ts.Type, label: string, stack: ts.Type[], depth: number): FieldPath[] {
    if (stack.includes(m) || depth > MAX_DEPTH) return [];
    const inner = [...stack, m];
    const elem = this.elementType(m);
    if (elem) return this.walk(elem, `${label}[]`, inner, depth + 1).map((f) => ({ path: f.path, skeleton: [f.skeleton] }));
    if (this.checker.isTupleType(m)) {
      const elems = this.checker.getTypeArguments(m as ts.TypeReference);
      return elems.flatMap((e, i) =>
        this.walk(e, `${label}[${i}]`, inner, depth + 1).map((f) => ({ path: f.path, skeleton: elems.map((x, j) => (j === i ? f.skeleton : this.minimal(x, inner))) })),
      );
    }
    const base = this.minimal(m, stack) as Record<string, unknown>;
    const out: FieldPath[] = [];
    for (const p of m.getProperties()) {
      const pt = this.propType(p);
      const sub = this.walk(pt, label ? `${label}.${p.name}` : p.name, inner, depth + 1);
      for (const f of sub) out.push({ path: f.path, skeleton: { ...base, [p.name]: f.skeleton } });
    }
    for (const info of this.checker.getIndexInfosOfType(m)) {
      if (!(info.keyType.flags & ts.TypeFlags.String)) continue;
      const key = label ? `${label}.<key>` : '<key>';
      out.push({ path: key, skeleton: { ...base, [PLANT]: this.minimal(info.type, inner) } });
      for (const f of this.walk(info.type, label ? `${label}.*` : '*', inner, depth + 1)) out.push({ path: f.path, skeleton: { ...base, k: f.skeleton } });
    }
    return out;
  }
}

const memo = new Map<SdkTypeName, FieldPath[]>();

/** Every string-holding path of one SDK type, deduplicated by path and skeleton. */
export function fieldPaths(name: SdkTypeName): FieldPath[] {
  const hit = memo.get(name);
  if (hit) return hit;
  const { checker, types } = load();
  const t = types.get(name);
  if (!t) throw new Error(`type ${name} not loaded`);
  const seen = new Set<string>();
  const out: FieldPath[] = [];
  for (const f of new Walker(checker).walk(t, '', [], 0)) {
    const k = `${f.path}\u0000${JSON.stringify(f.skeleton)}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(f);
  }
  memo.set(name, out);
  return out;
}

/** The skeleton as JSON text with `value` at the planted spot. */
export function plantJson(skeleton: unknown, value: string): string {
  const json = JSON.stringify(skeleton);
  if (!json.includes(PLANT)) throw new Error('skeleton has no planted spot');
  return json.split(PLANT).join(JSON.stringify(value).slice(1, -1));
}

/** The skeleton as a value with `value` planted. */
export function planted<T = any>(skeleton: unknown, value: string): T {
  return JSON.parse(plantJson(skeleton, value)) as T;
}

/**
 * Lays a planted skeleton over a valid base object, top level only: fields the skeleton plants
 * into win; where both are arrays, the base's items come first (`concat`) or are replaced.
 */
export function overBase(base: Record<string, unknown>, skeleton: unknown, mode: 'concat' | 'replace'): Record<string, unknown> {
  if (!skeleton || typeof skeleton !== 'object' || Array.isArray(skeleton)) throw new Error('top-level skeleton is not an object');
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(skeleton as Record<string, unknown>)) {
    const plants = k.includes(PLANT) || JSON.stringify(v).includes(PLANT);
    if (!plants) {
      if (!(k in base)) out[k] = v;
      continue;
    }
    out[k] = mode === 'concat' && Array.isArray(base[k]) && Array.isArray(v) ? [...(base[k] as unknown[]), ...v] : v;
  }
  return out;
}

/** Values used as plants, each detected alone by Warden's detectors (`warden scan`). */
export const VALUES = {
  secret: 'AKIAZ3MPLEQ7RW4XJ2NB',
  card: '4111 1111 1111 1111',
  ssn: '536-22-1234',
} as const;
