// Building an evidence pack: a folder an auditor can open and check with only the log's public
// key. Every file is listed with its SHA-256 in MANIFEST, a C2SP signed note made with the log key.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { openStore } from '../audit/read.js';
import { buildReceipt } from '../audit/receipt.js';
import { signNote, verifierKey, type NoteSigner } from '../audit/note.js';
import type { Store } from '../store/types.js';
import type { LogFacts } from './facts.js';
import { renderReport } from './report.js';
import type { GapReport } from './types.js';

export const PACK_FORMAT = 'warden-evidence-pack/v1';
export const MANIFEST_FILE = 'MANIFEST';
/** Most receipts a pack carries (sampled decisions). */
const MAX_RECEIPTS = 100;

export interface PackInput {
  out: string;
  dataDir: string;
  store: Store;
  signer: NoteSigner;
  report: GapReport;
  facts: LogFacts;
}

export interface PackSummary {
  out: string;
  files: number;
  receipts: number;
  skippedReceipts: Array<{ id: string; reason: string }>;
  checkpoint: { origin: string; size: number };
}

const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under `dir`, as forward-slash paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The manifest text (before signing): format, context lines, then `<sha256>  <path>` per file. */
export function manifestText(dir: string, header: string[]): string {
  const lines = listFiles(dir)
    .filter((f) => f !== MANIFEST_FILE)
    .map((f) => `${sha256(readFileSync(join(dir, f)))}  ${f}`);
  return [PACK_FORMAT, ...header, ...lines].join('\n') + '\n';
}

/** Builds the pack in `out` (which must not exist or be empty). */
export function buildPack(p: PackInput): PackSummary {
  if (existsSync(p.out) && readdirSync(p.out).length) throw new Error(`${p.out} is not empty`);
  mkdirSync(p.out, { recursive: true });
  const write = (rel: string, data: string | Buffer) => {
    const path = join(p.out, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  };

  // A checkpoint that covers every record up to now, so each sampled decision can be proved.
  const log = openStore(p.dataDir, true);
  let cp;
  let origin: string;
  const skipped: PackSummary['skippedReceipts'] = [];
  const receipts: string[] = [];
  try {
    origin = log.getMeta('origin') ?? '';
    cp = log.latestCheckpoint();
    if (!cp || cp.size < log.size()) cp = log.signCheckpoint(p.signer, origin) ?? log.latestCheckpoint();
    if (!cp) throw new Error('the audit log has no checkpoint and none could be signed');
    const ids = [...new Set(p.report.entries.flatMap((e) => e.evidence.flatMap((x) => x.decisions ?? [])))];
    for (const id of ids.slice(0, MAX_RECEIPTS)) {
      try {
        write(`receipts/${id}.json`, json(buildReceipt(log, id, cp)));
        receipts.push(id);
      } catch (err) {
        skipped.push({ id, reason: (err as Error).message });
      }
    }
    write('checkpoint.note', cp.note);
  } finally {
    log.close();
  }
  const publicKey = verifierKey(p.signer);
  write('public-key.txt', publicKey + '\n');

  const soa = p.store.compliance.soaList().sort((a, b) => a.control.localeCompare(b.control, 'en', { numeric: true }));
  write('report.json', json({ ...p.report, receipts, skippedReceipts: skipped }));
  write('soa.json', json(soa));
  write('policies/versions.json', json(p.store.policyVersions.list().map((v) => p.store.policyVersions.get(v.version))));
  const reg = p.store.registry;
  write('registry/systems.json', json(reg.systems.list()));
  write('registry/suppliers.json', json(reg.suppliers.list()));
  write('registry/risks.json', json(reg.risks.list()));
  write('registry/assessments.json', json(reg.assessments.list()));
  write('registry/incidents.json', json(reg.incidents.list()));
  const atts = p.store.compliance.attestations({ framework: p.report.framework });
  write('attestations/attestations.json', json(atts));
  for (const a of atts) {
    const doc = p.store.compliance.document(a.sha256);
    if (doc) write(`attestations/documents/${a.sha256}`, doc);
  }
  write(
    'index.html',
    renderReport({ report: p.report, facts: p.facts, soa, checkpoint: { origin, size: cp.size }, publicKey, receipts }),
  );
  const text = manifestText(p.out, [
    `framework ${p.report.framework}`,
    `period ${p.report.period.from} ${p.report.period.to}`,
    `checkpoint ${cp.size}`,
  ]);
  writeFileSync(join(p.out, MANIFEST_FILE), signNote(text, [p.signer]));
  return { out: p.out, files: listFiles(p.out).length, receipts: receipts.length, skippedReceipts: skipped, checkpoint: { origin, size: cp.size } };
}
