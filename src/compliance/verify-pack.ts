// Checking an evidence pack: the manifest's signature, every file against it, the checkpoint,
// and each receipt against that checkpoint. Reports every problem, naming the file.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openNote, parseVerifierKey, type NoteVerifier } from '../audit/note.js';
import { parseCheckpoint } from '../audit/checkpoint.js';
import { verifyReceipt } from '../audit/receipt.js';
import { listFiles, MANIFEST_FILE, PACK_FORMAT } from './pack.js';

export interface PackCheck {
  ok: boolean;
  problems: string[];
  files: number;
  receipts: number;
  keyName?: string;
  framework?: string;
}

const LINE = /^([0-9a-f]{64}) {2}(.+)$/;

/** Verifies the pack in `dir`; with `key`, the pack must be signed by that key (else by the key it ships). */
export function verifyPack(dir: string, key?: string): PackCheck {
  const problems: string[] = [];
  const res: PackCheck = { ok: false, problems, files: 0, receipts: 0 };
  if (!existsSync(join(dir, MANIFEST_FILE))) {
    problems.push(`${MANIFEST_FILE}: missing`);
    return res;
  }
  const shipped = existsSync(join(dir, 'public-key.txt')) ? readFileSync(join(dir, 'public-key.txt'), 'utf8').trim() : null;
  let verifier: NoteVerifier;
  try {
    if (key && shipped && key.trim() !== shipped) problems.push('public-key.txt: not the key given with --key');
    if (!key && !shipped) throw new Error('public-key.txt is missing and no --key was given');
    verifier = parseVerifierKey(key ?? shipped!);
    res.keyName = verifier.name;
  } catch (err) {
    problems.push(`public key: ${(err as Error).message}`);
    return res;
  }

  let text: string;
  try {
    text = openNote(readFileSync(join(dir, MANIFEST_FILE), 'utf8'), [verifier]).text;
  } catch (err) {
    problems.push(`${MANIFEST_FILE}: changed or not signed by ${verifier.name}: ${(err as Error).message}`);
    return res;
  }
  const lines = text.slice(0, -1).split('\n');
  if (lines[0] !== PACK_FORMAT) problems.push(`${MANIFEST_FILE}: not a ${PACK_FORMAT} manifest`);
  const listed = new Map<string, string>();
  let checkpointSize: number | undefined;
  for (const line of lines.slice(1)) {
    const m = LINE.exec(line);
    if (m) {
      if (m[2].split('/').some((part) => part === '..' || part === '')) problems.push(`${MANIFEST_FILE}: unsafe path ${m[2]}`);
      else listed.set(m[2], m[1]);
    } else if (line.startsWith('framework ')) res.framework = line.slice(10);
    else if (line.startsWith('checkpoint ')) checkpointSize = Number(line.slice(11));
  }
  const present = listFiles(dir).filter((f) => f !== MANIFEST_FILE);
  res.files = present.length;
  for (const [path, hash] of listed) {
    if (!existsSync(join(dir, path))) problems.push(`removed: ${path}`);
    else if (createHash('sha256').update(readFileSync(join(dir, path))).digest('hex') !== hash) problems.push(`changed: ${path}`);
  }
  for (const f of present) if (!listed.has(f)) problems.push(`added: ${f}`);

  // The checkpoint and receipts: checked on their own signatures too, not only by hash.
  let cp;
  try {
    cp = parseCheckpoint(openNote(readFileSync(join(dir, 'checkpoint.note'), 'utf8'), [verifier]).text);
    if (checkpointSize !== undefined && cp.size !== checkpointSize) problems.push(`checkpoint.note: size ${cp.size}, the manifest says ${checkpointSize}`);
  } catch (err) {
    problems.push(`checkpoint.note: ${(err as Error).message}`);
  }
  for (const f of present.filter((p) => p.startsWith('receipts/') && p.endsWith('.json'))) {
    try {
      const entries = verifyReceipt(JSON.parse(readFileSync(join(dir, f), 'utf8')), verifier);
      for (const e of entries)
        if (cp && (e.checkpoint.size !== cp.size || !e.checkpoint.root.equals(cp.root))) throw new Error(`proves against checkpoint size ${e.checkpoint.size}, not the pack's (${cp.size})`);
      const id = f.slice('receipts/'.length, -'.json'.length);
      if (entries[0]?.record.id !== id) throw new Error(`holds record ${entries[0]?.record.id}, not ${id}`);
      res.receipts++;
    } catch (err) {
      problems.push(`${f}: receipt does not verify: ${(err as Error).message}`);
    }
  }
  res.ok = problems.length === 0;
  return res;
}
