// Import and export of the inventory and the supplier register as YAML or CSV. Parsing is pure:
// it returns every record with its line, or every problem as file:line, field, message.
import { isMap, isSeq, LineCounter, parseDocument, stringify, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { parseCsv, writeCsv } from './csv.js';
import { issueMessage, type RegistryProblem } from './errors.js';
import { supplierInputSchema, systemInputSchema } from './schemas.js';
import type { AISystem, Supplier } from './types.js';

export type TransferKind = 'systems' | 'suppliers';
export type TransferFormat = 'yaml' | 'csv';

export type SystemInput = z.infer<typeof systemInputSchema>;
export type SupplierInput = z.infer<typeof supplierInputSchema>;
type InputOf<K extends TransferKind> = K extends 'systems' ? SystemInput : SupplierInput;

type ColumnType = 'text' | 'list' | 'tools' | 'bool' | 'int';
/** CSV columns per kind, in export order. Lists are separated by `;`. */
export const CSV_COLUMNS: Record<TransferKind, Array<[string, ColumnType]>> = {
  systems: [
    ['id', 'text'],
    ['name', 'text'],
    ['purpose', 'text'],
    ['owner', 'text'],
    ['businessUnit', 'text'],
    ['lifecycle', 'text'],
    ['role', 'text'],
    ['euAiActClass', 'text'],
    ['annexIIIArea', 'text'],
    ['dataCategories', 'list'],
    ['suppliers', 'list'],
    ['models', 'list'],
    ['tools', 'tools'],
    ['oversight', 'list'],
    ['reviewCadenceDays', 'int'],
    ['lastReviewedAt', 'text'],
    ['notes', 'text'],
  ],
  suppliers: [
    ['id', 'text'],
    ['name', 'text'],
    ['services', 'list'],
    ['models', 'list'],
    ['status', 'text'],
    ['contractRef', 'text'],
    ['contractEnd', 'text'],
    ['dpa', 'bool'],
    ['baa', 'bool'],
    ['retention', 'text'],
    ['retentionDays', 'int'],
    ['trainingUse', 'text'],
    ['trainingTerms', 'text'],
    ['regions', 'list'],
    ['nextReviewAt', 'text'],
    ['lastReviewedAt', 'text'],
    ['contact', 'text'],
    ['notes', 'text'],
  ],
};

const SCHEMAS = { systems: systemInputSchema, suppliers: supplierInputSchema } as const;
/** Fields an export carries that an import ignores (the registry sets them). */
const STAMPS = ['createdAt', 'updatedAt'];

export interface ParsedImport<T> {
  records: Array<{ line: number; value: T }>;
  problems: RegistryProblem[];
}

/** The format a file name implies, or undefined. */
export function formatOf(file: string): TransferFormat | undefined {
  if (/\.ya?ml$/i.test(file)) return 'yaml';
  if (/\.csv$/i.test(file)) return 'csv';
  return undefined;
}

/** Parses and checks an import file; the records are only usable when there are no problems. */
export function parseImport<K extends TransferKind>(kind: K, text: string, format: TransferFormat, file: string): ParsedImport<InputOf<K>> {
  const raw = format === 'csv' ? readCsvRows(kind, text, file) : readYamlRows(kind, text, file);
  const out: ParsedImport<InputOf<K>> = { records: [], problems: [...raw.problems] };
  const seen = new Map<string, number>();
  for (const row of raw.rows) {
    for (const s of STAMPS) delete row.value[s];
    const r = SCHEMAS[kind].safeParse(row.value, { reportInput: true });
    if (!r.success) {
      for (const issue of r.error.issues)
        out.problems.push({ file, line: row.lineOf(issue.path.map(String)), field: issue.path.map(String).join('.') || '(record)', message: issueMessage(issue) });
      continue;
    }
    const id = r.data.id;
    const first = seen.get(id);
    if (first !== undefined) {
      out.problems.push({ file, line: row.lineOf(['id']), field: 'id', message: `duplicate id ${id} (first on line ${first})` });
      continue;
    }
    seen.set(id, row.line);
    out.records.push({ line: row.line, value: r.data as InputOf<K> });
  }
  out.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return out;
}

interface RawRow {
  line: number;
  value: Record<string, unknown>;
  /** The line of a field path (falls back to the record's line). */
  lineOf(path: string[]): number;
}

function readCsvRows(kind: TransferKind, text: string, file: string): { rows: RawRow[]; problems: RegistryProblem[] } {
  const table = parseCsv(text);
  const problems: RegistryProblem[] = table.problems.map((p) => ({ file, line: p.line, field: '(csv)', message: p.message }));
  const columns = new Map(CSV_COLUMNS[kind]);
  if (table.header.length === 0) return { rows: [], problems: [...problems, { file, line: 1, field: '(csv)', message: 'the file is empty; the first line names the columns' }] };
  table.header.forEach((h, i) => {
    if (!columns.has(h)) problems.push({ file, line: 1, field: h || `(column ${i + 1})`, message: `unknown column; known: ${[...columns.keys()].join(', ')}` });
    else if (table.header.indexOf(h) !== i) problems.push({ file, line: 1, field: h, message: 'column named twice' });
  });
  if (!table.header.includes('id')) problems.push({ file, line: 1, field: 'id', message: 'the id column is missing' });
  const rows: RawRow[] = [];
  for (const rec of table.records) {
    if (rec.cells.length !== table.header.length) {
      problems.push({ file, line: rec.line, field: '(csv)', message: `${rec.cells.length} fields where the header has ${table.header.length}` });
      continue;
    }
    const value: Record<string, unknown> = {};
    rec.cells.forEach((cell, i) => {
      const name = table.header[i];
      const type = columns.get(name);
      const v = cell.trim();
      if (!type || v === '') return;
      const parsed = csvValue(v, type);
      if (parsed instanceof Error) problems.push({ file, line: rec.line, field: name, message: parsed.message });
      else value[name] = parsed;
    });
    rows.push({ line: rec.line, value, lineOf: () => rec.line });
  }
  return { rows, problems };
}

function csvValue(v: string, type: ColumnType): unknown {
  switch (type) {
    case 'text':
      return v;
    case 'list':
      return splitList(v);
    case 'tools':
      if (v === '*') return null;
      return v.toLowerCase() === 'none' ? [] : splitList(v);
    case 'int':
      return /^\d+$/.test(v) ? Number(v) : new Error(`"${v}" is not a whole number`);
    case 'bool': {
      const b = v.toLowerCase();
      if (['true', 'yes', 'y', '1'].includes(b)) return true;
      if (['false', 'no', 'n', '0'].includes(b)) return false;
      return new Error(`"${v}" is not yes/no (true, false, yes, no, 1, 0)`);
    }
  }
}

const splitList = (v: string) =>
  v
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);

function readYamlRows(kind: TransferKind, text: string, file: string): { rows: RawRow[]; problems: RegistryProblem[] } {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number) => lc.linePos(offset).line;
  const problems: RegistryProblem[] = doc.errors.map((e) => ({ file, line: lineAt(e.pos[0]), field: '(yaml)', message: e.message.split('\n')[0] }));
  if (problems.length) return { rows: [], problems };
  // Either a list of records or a mapping with the list under `systems:` / `suppliers:`.
  let seq: YamlNode | null | undefined = doc.contents as YamlNode | null;
  if (isMap(seq)) {
    const other = seq.items.map((p) => String((p.key as { value?: unknown })?.value ?? p.key)).filter((k) => k !== kind);
    for (const k of other) {
      const pair = seq.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === k);
      const range = (pair?.key as YamlNode | undefined)?.range;
      problems.push({ file, line: range ? lineAt(range[0]) : 1, field: k, message: `unknown top-level key; the file holds \`${kind}:\`` });
    }
    seq = seq.get(kind, true) as YamlNode | undefined;
  }
  if (seq === null || seq === undefined) return { rows: [], problems: [...problems, { file, line: 1, field: kind, message: `no ${kind} list in the file` }] };
  if (!isSeq(seq)) return { rows: [], problems: [...problems, { file, line: seq.range ? lineAt(seq.range[0]) : 1, field: kind, message: `${kind} must be a list` }] };
  const rows: RawRow[] = [];
  seq.items.forEach((item) => {
    const node = item as YamlNode;
    const line = node.range ? lineAt(node.range[0]) : 1;
    if (!isMap(node)) {
      problems.push({ file, line, field: '(record)', message: 'each entry must be a mapping of fields' });
      return;
    }
    const value = node.toJSON() as Record<string, unknown>;
    rows.push({
      line,
      value,
      lineOf(path) {
        // The deepest node along the path that exists; a missing field points at its record.
        let best = line;
        for (let k = 1; k <= path.length; k++) {
          const n = node.getIn(path.slice(0, k).map((p) => (/^\d+$/.test(p) ? Number(p) : p)), true) as YamlNode | undefined;
          if (n && typeof n === 'object' && n.range) best = lineAt(n.range[0]);
          else break;
        }
        return best;
      },
    });
  });
  return { rows, problems };
}

/** Exports records as YAML (`systems:` / `suppliers:` list, timestamps included) or CSV (the columns above). */
export function exportRecords(kind: 'systems', records: AISystem[], format: TransferFormat): string;
export function exportRecords(kind: 'suppliers', records: Supplier[], format: TransferFormat): string;
export function exportRecords(kind: TransferKind, records: Array<AISystem | Supplier>, format: TransferFormat): string {
  if (format === 'yaml') return stringify({ [kind]: records }, { lineWidth: 0 });
  const cols = CSV_COLUMNS[kind];
  const rows = records.map((r) =>
    cols.map(([name, type]) => {
      const v = (r as Record<string, unknown>)[name];
      if (v === undefined) return '';
      if (type === 'tools') return v === null ? '*' : (v as string[]).length === 0 ? 'none' : (v as string[]).join(';');
      if (Array.isArray(v)) return v.join(';');
      return String(v);
    }),
  );
  return writeCsv(
    cols.map(([n]) => n),
    rows,
  );
}
