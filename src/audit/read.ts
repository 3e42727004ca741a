// Read-side access for the CLI and auditors: opening an existing log without writing to it.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DB_FILE } from './keys.js';
import { LogStore } from './store.js';

/** The origin an existing log was created with, or null when there is no log yet. */
export function existingOrigin(dbPath: string): string | null {
  if (!existsSync(dbPath)) return null;
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'origin'").pluck().get() as string | undefined;
    return row ?? null;
  } catch {
    return null;
  } finally {
    db.close();
  }
}

/** Opens the log of a data folder; read-only unless `writable`. */
export function openStore(dataDir: string, writable = false): LogStore {
  const path = join(dataDir, DB_FILE);
  if (!existsSync(path)) throw new Error(`no audit log at ${path}`);
  return new LogStore(path, { readonly: !writable });
}
