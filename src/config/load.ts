import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { configSchema, type WardenConfig } from './schema.js';

export interface ConfigIssue {
  path: string;
  line?: number;
  column?: number;
  message: string;
}

/** A config file that does not parse or does not fit the schema; names each key and line. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly issues: ConfigIssue[],
  ) {
    super(
      `invalid config ${file}:\n` +
        issues.map((i) => `  ${file}${i.line ? `:${i.line}:${i.column}` : ''} ${i.path ? `${i.path}: ` : ''}${i.message}`).join('\n'),
    );
  }
}

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Replaces ${VAR} and ${VAR:-default} in every string scalar. A missing variable without default is an error. */
function interpolate(value: unknown, env: NodeJS.ProcessEnv, path: string, issues: ConfigIssue[]): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_REF, (_m, name: string, def: string | undefined) => {
      const v = env[name];
      if (v !== undefined) return v;
      if (def !== undefined) return def;
      issues.push({ path, message: `environment variable ${name} is not set` });
      return '';
    });
  }
  if (Array.isArray(value)) return value.map((v, i) => interpolate(v, env, `${path}.${i}`, issues));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolate(v, env, path ? `${path}.${k}` : k, issues);
    return out;
  }
  return value;
}

/** Finds the YAML node at a schema path, to report its line. */
function nodeAt(root: Node | null | undefined, path: PropertyKey[]): Node | undefined {
  let node: Node | null | undefined = root;
  let lastGood: Node | undefined = root ?? undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown })?.value === key);
      if (!pair) return lastGood;
      node = (pair.value as Node) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key] as Node;
    } else return lastGood;
    if (node) lastGood = node;
  }
  return node ?? lastGood;
}

/** Parses and validates config text. */
export function parseConfig(text: string, file = 'warden.yaml', env: NodeJS.ProcessEnv = process.env): WardenConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      file,
      doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { path: '', line: pos.line, column: pos.col, message: e.message.split('\n')[0] };
      }),
    );
  }
  const issues: ConfigIssue[] = [];
  const raw = interpolate(doc.toJS() ?? {}, env, '', issues);
  if (issues.length) throw new ConfigError(file, issues);
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(
      file,
      result.error.issues.map((iss) => {
        const node = nodeAt(doc.contents as Node, iss.path as PropertyKey[]);
        const pos = node?.range ? lineCounter.linePos(node.range[0]) : undefined;
        return { path: iss.path.join('.'), line: pos?.line, column: pos?.col, message: iss.message };
      }),
    );
  }
  return result.data;
}

/** Reads and validates a config file. */
export function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): WardenConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [{ path: '', message: `cannot read: ${(err as Error).message}` }]);
  }
  return parseConfig(text, file, env);
}
