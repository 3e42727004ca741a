// `warden scan`: runs the detection engine over text from a file or stdin and prints findings.
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { CliError } from '../../core/errors.js';
import type { Finding } from '../../core/types.js';
import type { CliIO } from '../io.js';

export interface ScanOptions {
  json?: boolean;
  jsonl?: boolean;
  detectors?: string;
  minScore?: string;
  custom?: string;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** The fields `--json` and `--jsonl` print for each finding. */
function publicFinding(f: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = { type: f.type };
  if (f.subtype !== undefined) out.subtype = f.subtype;
  out.start = f.start;
  out.end = f.end;
  out.score = f.score;
  return out;
}

/** Masks a found value for the terminal: its first two characters and its length. */
function preview(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  return flat.length <= 4 ? '*'.repeat(flat.length) : `${flat.slice(0, 2)}${'*'.repeat(Math.min(12, flat.length - 2))} (${flat.length} chars)`;
}

export async function run(file: string | undefined, opts: ScanOptions, io: CliIO): Promise<void> {
  if (opts.json && opts.jsonl) throw new CliError('choose one of --json and --jsonl');
  const { createDetectorSet, customDetectorSchema } = await import('../../detect/index.js');
  let custom;
  if (opts.custom) {
    const { parse } = await import('yaml');
    let raw: unknown;
    try {
      raw = parse(await readFile(opts.custom, 'utf8'));
    } catch (err) {
      throw new CliError(`cannot read custom detectors from ${opts.custom}: ${(err as Error).message}`);
    }
    const list = Array.isArray(raw) ? raw : (raw as { detectors?: unknown })?.detectors;
    if (!Array.isArray(list)) throw new CliError(`${opts.custom}: expected a list of custom detectors (or a "detectors:" list)`);
    custom = list.map((c, i) => {
      const parsed = customDetectorSchema.safeParse(c);
      if (!parsed.success) throw new CliError(`${opts.custom}: detector ${i + 1}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
      return parsed.data;
    });
  }
  let minScore: number | undefined;
  if (opts.minScore !== undefined) {
    minScore = Number(opts.minScore);
    if (!(minScore >= 0 && minScore <= 1)) throw new CliError('--min-score must be a number between 0 and 1');
  }
  const detectors = opts.detectors?.split(',').map((d) => d.trim()).filter(Boolean);
  let set;
  try {
    set = createDetectorSet({ detectors, custom, minScore });
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  let input: string;
  try {
    input = file && file !== '-' ? await readFile(file, 'utf8') : await readAll(io.stdin);
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }

  if (opts.jsonl) {
    const lines = input.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
      if (!line) continue;
      let obj: { text?: unknown; id?: unknown };
      try {
        obj = JSON.parse(line);
      } catch {
        throw new CliError(`line ${i + 1}: not valid JSON`);
      }
      if (typeof obj?.text !== 'string') throw new CliError(`line ${i + 1}: expected an object with a string "text" field`);
      const out: Record<string, unknown> = {};
      if (obj.id !== undefined) out.id = obj.id;
      out.findings = set.scan(obj.text).map(publicFinding);
      io.out(JSON.stringify(out) + '\n');
    }
    return;
  }
  const findings = set.scan(input);
  if (opts.json) {
    io.out(JSON.stringify(findings.map(publicFinding), null, 2) + '\n');
    return;
  }
  if (findings.length === 0) {
    io.out('no findings\n');
    return;
  }
  for (const f of findings) {
    const type = f.subtype ? `${f.type}:${f.subtype}` : f.type;
    io.out(`${type.padEnd(34)} ${`${f.start}-${f.end}`.padEnd(13)} ${f.score.toFixed(2)}  ${f.detector.padEnd(28)} ${preview(input.slice(f.start, f.end))}\n`);
  }
}

export function define(program: Command, io: CliIO): void {
  program
    .command('scan')
    .description('find personal, health, payment and secret data and prompt injection in text (a file, or stdin)')
    .argument('[file]', 'file to scan (default: stdin; "-" also means stdin)')
    .option('--json', 'print the findings as a JSON array (type, subtype, start, end, score)')
    .option('--jsonl', 'read one JSON object per line with a "text" field; write one line per input with a "findings" array')
    .option('--detectors <a,b>', 'only these entity types or detector ids (default: all)')
    .option('--min-score <n>', 'drop findings scoring below this (0..1, default 0.5)')
    .option('--custom <file>', 'YAML or JSON list of custom detectors (keywords, RE2 patterns)')
    .addHelpText('after', '\nOffsets are UTF-16 code unit offsets into the input text.\nExamples:\n  echo "card 4111 1111 1111 1111" | warden scan\n  warden scan --jsonl < prompts.jsonl\n')
    .action((file: string | undefined, opts: ScanOptions) => run(file, opts, io));
}
