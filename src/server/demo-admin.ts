// The demo's way into the console: a first admin account with a random password, made once per
// data folder when it has no enabled admin, through the same change service as
// `warden accounts create` (so the creation is an admin record). The password is kept in
// `demo-admin-password` (mode 0600) so every demo start can print it, and is printed only by
// `warden start --demo`; it never goes to the log.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AdminChanges } from '../changes/service.js';
import { verifyPassword } from './admin/passwords.js';
import { DEMO_ACTOR } from './demo.js';
import type { RunningWarden } from './runtime.js';

export interface DemoLogin {
  user: string;
  /** Known only for the account the demo made; absent when the data folder has an admin of its own. */
  password?: string;
}

const FILE = 'demo-admin-password';

/** The console login to print in demo mode; undefined when no admin account can be named. */
export async function demoAdmin(w: Pick<RunningWarden, 'store' | 'audit' | 'gateway' | 'dataDir'>): Promise<DemoLogin | undefined> {
  const accounts = w.store.accounts;
  const file = join(w.dataDir, FILE);
  if (existsSync(file)) {
    const [user, password] = readFileSync(file, 'utf8').trim().split('\n');
    const account = user ? accounts.get(user) : undefined;
    const hash = user ? accounts.credentials(user)?.passwordHash : undefined;
    // Still the demo's account, with the demo's password: print it again.
    if (account?.role === 'admin' && !account.disabled && hash && password && (await verifyPassword(password, hash))) return { user, password };
  }
  const admin = accounts.list().find((a) => a.role === 'admin' && !a.disabled);
  if (admin) return { user: admin.user };
  const user = ['admin', 'demo-admin'].find((u) => !accounts.get(u));
  if (!user) return undefined;
  const password = randomBytes(18).toString('base64url');
  const changes = new AdminChanges({ store: w.store, audit: w.audit.log, instance: w.gateway.deps.instance, actor: { name: DEMO_ACTOR, via: 'demo' } });
  await changes.createAccount({ user, role: 'admin', password });
  writeFileSync(file, `${user}\n${password}\n`, { mode: 0o600 });
  return { user, password };
}
