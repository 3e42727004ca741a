// Evidence packs kept as zip files in the data folder (`<data>/evidence-packs/<id>.zip`, with
// `<id>.json` beside it), for the admin API: built by the same buildPack the CLI uses, zipped,
// listed, read back.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { newId } from '../core/ids.js';
import { buildPack, listFiles, type PackInput } from './pack.js';
import type { FrameworkId, Status } from './types.js';

export const PACKS_DIR = 'evidence-packs';
const ID = /^[0-9A-Z]{26}$/;

export interface StoredPack {
  id: string;
  framework: FrameworkId;
  from: string;
  to: string;
  /** Files in the pack (the zip's entries). */
  files: number;
  receipts: number;
  /** SHA-256 of the zip, hex. */
  sha256: string;
  bytes: number;
  createdAt: string;
  createdBy: string;
  checkpoint: { origin: string; size: number };
  summary: Record<Status, number>;
}

/** The files under `dir` as one zip, paths relative to it. */
export function zipFolder(dir: string): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const f of listFiles(dir)) entries[f] = readFileSync(join(dir, f));
  return zipSync(entries, { level: 6 });
}

/** The evidence packs of one data folder. */
export class EvidencePacks {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = join(dataDir, PACKS_DIR);
  }

  /** Builds a pack with buildPack into a temporary folder, zips it and keeps the zip; returns what was kept. */
  build(input: Omit<PackInput, 'out'>, createdBy: string): StoredPack {
    const tmp = mkdtempSync(join(tmpdir(), 'warden-pack-'));
    try {
      const out = join(tmp, 'pack');
      const summary = buildPack({ ...input, out });
      const zip = zipFolder(out);
      const r = input.report;
      const pack: StoredPack = {
        id: newId(),
        framework: r.framework,
        from: r.period.from,
        to: r.period.to,
        files: summary.files,
        receipts: summary.receipts,
        sha256: createHash('sha256').update(zip).digest('hex'),
        bytes: zip.length,
        createdAt: new Date().toISOString(),
        createdBy,
        checkpoint: summary.checkpoint,
        summary: r.summary,
      };
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      writeFileSync(join(this.dir, `${pack.id}.zip`), zip, { mode: 0o600 });
      writeFileSync(join(this.dir, `${pack.id}.json`), JSON.stringify(pack, null, 2) + '\n', { mode: 0o600 });
      return pack;
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  /** Every kept pack, newest first. */
  list(): StoredPack[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((n) => n.endsWith('.json') && ID.test(n.slice(0, -5)) && existsSync(join(this.dir, `${n.slice(0, -5)}.zip`)))
      .sort()
      .reverse()
      .map((n) => JSON.parse(readFileSync(join(this.dir, n), 'utf8')) as StoredPack);
  }

  get(id: string): StoredPack | undefined {
    if (!ID.test(id)) return undefined;
    const meta = join(this.dir, `${id}.json`);
    if (!existsSync(meta) || !existsSync(this.zipPath(id))) return undefined;
    return JSON.parse(readFileSync(meta, 'utf8')) as StoredPack;
  }

  zipPath(id: string): string {
    if (!ID.test(id)) throw new Error(`not a pack id: ${id}`);
    return join(this.dir, `${id}.zip`);
  }

  /** Removes a pack (one the audit log refused to record). */
  remove(id: string): void {
    rmSync(this.zipPath(id), { force: true });
    rmSync(join(this.dir, `${id}.json`), { force: true });
  }
}
