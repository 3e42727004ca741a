// Messages between the log (main thread) and its writer thread.

export interface WriterConfig {
  dbPath: string;
  signingKey: string;
  origin: string;
  checkpointIntervalMs: number;
  checkpointEveryRecords: number;
  retention: { decisionDays: number; adminDays: number } | null;
  synchronous: 'FULL' | 'NORMAL' | 'OFF';
}

/** [id, kind, time, canonical leaf text] */
export type LeafTuple = [string, string, string, string];

export type ToWriter =
  | { t: 'append'; seq: number; leaves: LeafTuple[] }
  | { t: 'checkpoint'; seq: number }
  | { t: 'cursor'; name: string; next: number }
  | { t: 'close'; seq: number };

export type FromWriter =
  | { t: 'ready'; size: number }
  | { t: 'appended'; seq: number; first: number }
  | { t: 'failed'; seq: number; message: string }
  | { t: 'done'; seq: number }
  | { t: 'checkpoint'; size: number; note: string }
  | { t: 'expired'; count: number }
  | { t: 'fatal'; message: string };
