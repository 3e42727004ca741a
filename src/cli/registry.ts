// What the registry commands (systems, suppliers, risks, assessments, incidents, discover) share:
// opening the registry on a data folder, reading record fields from flags or a file, printing.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError } from '../core/errors.js';
import { changeErrorToCli, openForAdmin, openForRead, type ChangeOptions } from './admin.js';
import { changeOptions } from './context.js';
import { printJson, type CliIO } from './io.js';
import type { RegistryService } from '../registry/service.js';
import type { FieldFlag } from '../registry/kind-flags.js';
import type { KindName, KindRecords, RecordKind } from '../registry/kinds.js';

/**
 * Opens the registry of a data folder. With `write`, through the change service (src/changes),
 * so every change is recorded in the audit log and undone if the log refuses it; reads do not
 * open the log. `done()` closes what was opened.
 */
export async function openRegistry(opts: ChangeOptions, write: boolean, io?: CliIO): Promise<{ service: RegistryService; dataDir: string; done(): Promise<void> }> {
  if (write) {
    const a = await openForAdmin(opts, io);
    return { service: a.changes.registry, dataDir: a.dataDir, done: a.done };
  }
  const { RegistryService } = await import('../registry/service.js');
  const { store, dataDir, done } = await openForRead(opts);
  const readOnly = {
    append: async () => {
      throw new Error('read-only registry');
    },
  };
  const service = new RegistryService(store.registry, readOnly, 'cli:read', `cli:${process.pid}`);
  return { service, dataDir, done };
}

/** Runs a registry action; registry and change errors come out as CLI errors that list every problem. */
export async function withRegistry<T>(opts: ChangeOptions, write: boolean, fn: (service: RegistryService, dataDir: string) => Promise<T> | T, io?: CliIO): Promise<T> {
  const { RegistryError, formatProblem } = await import('../registry/errors.js');
  const reg = await openRegistry(opts, write, io);
  try {
    return await fn(reg.service, reg.dataDir);
  } catch (err) {
    if (err instanceof RegistryError) throw new CliError([err.message, ...err.problems.map((p) => `  ${formatProblem(p)}`)].join('\n'));
    throw changeErrorToCli(err);
  } finally {
    await reg.done();
  }
}

export type { FieldFlag, FieldType } from '../registry/kind-flags.js';

/** Adds the field flags of a record kind, plus --file and --set, to a command. */
export function fieldOptions(cmd: Command, flags: FieldFlag[]): Command {
  for (const [f, , , help] of flags) cmd.option(f, help);
  return cmd
    .option('--file <file>', 'read the fields from a YAML or JSON file (flags override)')
    .option('--set <field=value...>', 'set any field; the value is YAML (e.g. models=[a,b], notes=null removes)');
}

const camel = (flag: string) => flag.replace(/^--/, '').split(/[ =<[]/)[0].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The record fields given by --file, --set and the field flags (in that order of precedence, last wins). */
export async function collectFields(opts: Record<string, unknown>, flags: FieldFlag[]): Promise<Record<string, unknown>> {
  const { parse } = await import('yaml');
  let out: Record<string, unknown> = {};
  if (typeof opts.file === 'string') {
    const raw = parse(readFileSync(opts.file, 'utf8')) as unknown;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new CliError(`${opts.file}: expected a mapping of fields`);
    out = { ...(raw as Record<string, unknown>) };
  }
  for (const s of (opts.set as string[] | undefined) ?? []) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw new CliError(`--set ${s}: expected field=value`);
    out[s.slice(0, eq).trim()] = parse(s.slice(eq + 1));
  }
  for (const [flag, field, type] of flags) {
    const v = opts[camel(flag)];
    if (v === undefined) continue;
    if (type === 'list') out[field] = String(v).split(',').map((x) => x.trim()).filter(Boolean);
    else if (type === 'int') {
      if (!/^\d+$/.test(String(v))) throw new CliError(`${flag.split(' ')[0]}: expected a whole number`);
      out[field] = Number(v);
    } else if (type === 'bool') out[field] = v === true || ['true', 'yes', '1'].includes(String(v).toLowerCase());
    else out[field] = v;
  }
  return out;
}

/** How `add`, `update` and `remove` of a record kind read in `--help` and print a changed record. */
export interface RecordCommandText<K extends KindName> {
  add: string;
  update: string;
  remove: string;
  /** What `--json` prints of a changed record (default: the record). */
  view?(rec: KindRecords[K], svc: RegistryService): object | Promise<object>;
  /** The words after `added <noun> <id>` (default: the kind's summary in parentheses). */
  line?(rec: KindRecords[K], svc: RegistryService): string | Promise<string>;
}

/** Defines `add`, `update` and `remove` of a record kind, from its flags (kind-flags.ts) and its description (kinds.ts). */
export function defineRecordChanges<K extends KindName>(cmd: Command, io: CliIO, name: K, flags: FieldFlag[], text: RecordCommandText<K>): void {
  const kindOf = async () => (await import('../registry/kinds.js')).RECORD_KINDS.find((k) => k.name === name) as unknown as RecordKind<K>;
  const change = async (id: string | undefined, opts: ChangeOptions & { json?: boolean } & Record<string, unknown>) => {
    const kind = await kindOf();
    const fields = await collectFields(opts, flags);
    await withRegistry(
      opts,
      true,
      async (svc) => {
        const rec = id ? await svc.update(kind, id, fields) : await svc.create(kind, fields);
        if (opts.json) printJson(io, text.view ? await text.view(rec, svc) : rec);
        else io.out(`${id ? 'updated' : 'added'} ${kind.noun} ${rec.id} ${text.line ? await text.line(rec, svc) : `(${kind.summary(rec)})`}\n`);
      },
      io,
    );
  };
  fieldOptions(changeOptions(cmd.command('add').description(text.add)), flags)
    .option('--json', 'print JSON')
    .action((o) => change(undefined, o));
  fieldOptions(changeOptions(cmd.command('update').description(text.update).argument('<id>')), flags)
    .option('--json', 'print JSON')
    .action((id: string, o) => change(id, o));
  changeOptions(cmd.command('remove').description(text.remove).argument('<id>'))
    .option('--json', 'print JSON')
    .action(async (id: string, opts: ChangeOptions & { json?: boolean }) => {
      const kind = await kindOf();
      await withRegistry(
        opts,
        true,
        async (svc) => {
          const rec = await svc.remove(kind, id);
          if (opts.json) printJson(io, rec);
          else io.out(`removed ${kind.noun} ${id}\n`);
        },
        io,
      );
    });
}

/** Prints rows as aligned columns. */
export function printTable(io: CliIO, header: string[], rows: string[][], empty: string): void {
  if (rows.length === 0) {
    io.out(`${empty}\n`);
    return;
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : (c ?? '').padEnd(widths[i]))).join('  ').trimEnd() + '\n';
  io.out(line(header));
  for (const r of rows) io.out(line(r));
}

/** Prints a record as `field  value` lines (lists joined, objects as JSON). */
export function printRecord(io: CliIO, rec: Record<string, unknown>): void {
  const keys = Object.keys(rec);
  const w = Math.max(...keys.map((k) => k.length));
  for (const k of keys) {
    const v = rec[k];
    const text = Array.isArray(v) && v.every((x) => typeof x === 'string') ? v.join(', ') : typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
    io.out(`${k.padEnd(w)}  ${text}\n`);
  }
}

/** Writes text to --out, or to the output. */
export function writeOut(io: CliIO, text: string, out?: string): void {
  if (out) writeFileSync(out, text);
  else io.out(text);
}

/** Reads an import file and its format (from --format or the file name). */
export async function readImport(file: string, format?: string): Promise<{ text: string; format: 'yaml' | 'csv' }> {
  const { formatOf } = await import('../registry/transfer.js');
  const f = format ?? formatOf(file);
  if (f !== 'yaml' && f !== 'csv') throw new CliError(`cannot tell the format of ${file}: name it .yaml/.yml/.csv or pass --format yaml|csv`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }
  return { text, format: f };
}
