// YAML parsing that keeps positions, so every error in a policy or test file names file:line:column.
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';

export interface LoadIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A policy set (or test file) that cannot be loaded; `issues` lists every problem found. */
export class PolicyLoadError extends Error {
  readonly code = 'WARDEN_POLICY_INVALID';
  constructor(readonly issues: LoadIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'PolicyLoadError';
  }
}

export function formatIssue(i: LoadIssue): string {
  return `${i.file}:${i.line}:${i.column}: ${i.message}`;
}

type Path = ReadonlyArray<string | number>;

/** One parsed YAML file with a way to turn a value path into a position. */
export class YamlFile {
  readonly doc: Document;
  private readonly lines = new LineCounter();

  private readonly sourceLines: string[];

  constructor(readonly name: string, content: string) {
    this.sourceLines = content.split('\n');
    this.doc = parseDocument(content, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: false });
  }

  /** YAML syntax errors, positioned. */
  syntaxIssues(): LoadIssue[] {
    return this.doc.errors.map((e) => {
      const p = this.lines.linePos(e.pos[0]);
      return { file: this.name, line: p.line, column: p.col, message: e.message.split('\n')[0] };
    });
  }

  /** Position of the node at `path`, or of its nearest existing ancestor; `key` points at a map key instead. */
  at(path: Path, key?: string): { line: number; column: number } {
    let node: unknown = this.doc.contents;
    let found: Node | undefined = node as Node | undefined;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((it) => (it.key as { value?: unknown } | null)?.value === seg);
        if (!pair) break;
        node = pair.value;
        found = (pair.value as Node | null) ?? (pair.key as Node);
      } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
        node = node.items[seg];
        found = node as Node;
      } else break;
    }
    if (key !== undefined && isMap(found)) {
      const pair = found.items.find((it) => (it.key as { value?: unknown } | null)?.value === key);
      if (pair?.key) found = pair.key as Node;
    }
    const offset = found?.range?.[0] ?? 0;
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }

  /**
   * Position of line:column inside a string value (e.g. a CEL error) where the value is written
   * on one line, plain or quoted; otherwise the position of the value.
   */
  inside(path: Path, line: number, column: number): { line: number; column: number } {
    const node = this.doc.getIn(path as Array<string | number>, true) as (Node & { type?: string }) | undefined;
    const start = this.at(path);
    if (node?.type === 'BLOCK_LITERAL') {
      // `|` keeps lines as written: value line L is source line header + L, after the indentation.
      const first = this.sourceLines[start.line];
      if (first === undefined || this.sourceLines[start.line - 1 + line] === undefined) return start;
      // The block's indentation is that of its first line; deeper lines keep the rest in the value.
      const indent = first.length - first.trimStart().length;
      return { line: start.line + line, column: indent + column };
    }
    if (!node || line !== 1) return start;
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    if (!quoted && node.type !== 'PLAIN') return start;
    return { line: start.line, column: start.column + (quoted ? 1 : 0) + column - 1 };
  }

  issue(path: Path, message: string, key?: string): LoadIssue {
    return { file: this.name, ...this.at(path, key), message };
  }

  /** Validates the document with a schema; returns the value or positioned issues. */
  validate<T extends z.ZodType>(schema: T): { value?: z.infer<T>; issues: LoadIssue[] } {
    const syntax = this.syntaxIssues();
    if (syntax.length) return { issues: syntax };
    return this.validateValue(schema, this.doc.toJS() ?? {}, []);
  }

  /** Validates a value found at `prefix` in this document. */
  validateValue<T extends z.ZodType>(schema: T, data: unknown, prefix: Path): { value?: z.infer<T>; issues: LoadIssue[] } {
    const r = schema.safeParse(data);
    if (r.success) return { value: r.data, issues: [] };
    const issues = r.error.issues.map((i) => {
      const path = [...prefix, ...(i.path as Array<string | number>)];
      const where = path.length ? path.join('.') : 'document';
      if (i.code === 'unrecognized_keys') {
        const keys = (i as { keys: string[] }).keys;
        return this.issue(path, `${where}: unknown field${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`, keys[0]);
      }
      return this.issue(path, `${where}: ${i.message}`);
    });
    return { issues };
  }
}
