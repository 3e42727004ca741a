import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminRecord } from '../core/admin.js';
import { hashKey } from '../store/keys.js';
import { DEMO_SYSTEM } from './demo.js';
import type { RunningWarden } from './runtime.js';

/** The demo key: made once per data folder (kept in `demo-key`, mode 0600) so every demo start can print it. */
export async function demoKey(w: RunningWarden): Promise<string> {
  const file = join(w.dataDir, 'demo-key');
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (w.store.keys.activeByHash().has(hashKey(key))) return key;
  }
  const { key, record } = w.store.keys.create({ user: 'demo', groups: ['demo'], system: DEMO_SYSTEM });
  await w.audit.log.append(adminRecord(w.gateway.deps.instance, 'warden start --demo', 'key.create', record.id, null, record));
  writeFileSync(file, key + '\n', { mode: 0o600 });
  w.gateway.deps.live.refresh(true);
  return key;
}
