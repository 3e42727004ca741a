import type { AuditHandle } from '../server/wiring.js';
import type { WardenConfig } from '../config/schema.js';

/** Where a command writes and reads; tests pass their own. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  stdin: NodeJS.ReadableStream;
  /** Opens the audit log changes are recorded in (default: the data folder's); tests pass one that refuses. */
  openAudit?(config: WardenConfig, dataDir: string, instance: string): Promise<AuditHandle>;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  stdin: process.stdin,
};

/** Prints a value as pretty JSON followed by a newline. */
export function printJson(io: CliIO, value: unknown): void {
  io.out(JSON.stringify(value, null, 2) + '\n');
}
