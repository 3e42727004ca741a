// C2SP tlog-checkpoint bodies (c2sp.org/tlog-checkpoint): origin, size, base64 root, extensions.
import { HASH_SIZE } from './hash.js';

export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
  extensions?: string[];
}

export class CheckpointError extends Error {}

/** The checkpoint text (the signed part of the note). */
export function formatCheckpoint(cp: Checkpoint): string {
  if (!cp.origin || cp.origin.includes('\n')) throw new CheckpointError('origin must be one non-empty line');
  let s = `${cp.origin}\n${cp.size}\n${cp.root.toString('base64')}\n`;
  for (const e of cp.extensions ?? []) s += `${e}\n`;
  return s;
}

/** Parses the text of a checkpoint note (already verified). */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new CheckpointError('checkpoint must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new CheckpointError('checkpoint needs origin, size and root lines');
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  if (!origin) throw new CheckpointError('empty origin');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) throw new CheckpointError('bad tree size');
  const root = Buffer.from(rootLine, 'base64');
  if (root.length !== HASH_SIZE || root.toString('base64') !== rootLine) throw new CheckpointError('bad root hash');
  if (extensions.some((e) => e === '')) throw new CheckpointError('empty extension line');
  return { origin, size: Number(sizeLine), root, extensions };
}
