import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AccountCredentials, AccountRecord, AccountStore, Role, TokenKind, TokenRecord } from './accounts.js';

export const ACCOUNTS_SCHEMA = `
CREATE TABLE IF NOT EXISTS admin_accounts (
  user TEXT PRIMARY KEY,
  role TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT,
  password_set_at TEXT,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS admin_tokens (
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  user TEXT NOT NULL,
  role TEXT NOT NULL,
  name TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  expires_at TEXT,
  revoked_at TEXT,
  roles TEXT
);
CREATE INDEX IF NOT EXISTS admin_tokens_user ON admin_tokens (user, kind);
`;

const PREFIX: Record<TokenKind, string> = { api: 'wda_', session: 'wds_' };

/** SHA-256 hex of a token: tokens carry 256 random bits, so a fast hash is enough. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface AccountRow {
  user: string;
  role: Role;
  disabled: number;
  password_hash: string | null;
  password_set_at: string | null;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

interface TokenRow {
  id: string;
  kind: TokenKind;
  user: string;
  role: Role;
  name: string | null;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
  /** JSON list of roles: set only on identity-provider sessions. */
  roles: string | null;
}

const toAccount = (r: AccountRow): AccountRecord => ({
  user: r.user,
  role: r.role,
  disabled: r.disabled === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  passwordSetAt: r.password_set_at,
});

const toToken = (r: TokenRow): TokenRecord => ({
  id: r.id,
  kind: r.kind,
  user: r.user,
  role: r.role,
  name: r.name,
  createdAt: r.created_at,
  createdBy: r.created_by,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  ...(r.roles ? { roles: JSON.parse(r.roles) as Role[] } : {}),
});

/** Admin-API accounts and tokens in the embedded store. */
export class SqliteAccountStore implements AccountStore {
  private readonly q;

  constructor(private readonly db: Database.Database) {
    // Data folders from before identity-provider sessions lack the column.
    if (!(db.prepare("SELECT 1 FROM pragma_table_info('admin_tokens') WHERE name = 'roles'").get())) db.exec('ALTER TABLE admin_tokens ADD COLUMN roles TEXT');
    this.q = {
      insert: db.prepare(
        'INSERT OR IGNORE INTO admin_accounts (user, role, password_hash, password_set_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      one: db.prepare('SELECT * FROM admin_accounts WHERE user = ?'),
      all: db.prepare('SELECT * FROM admin_accounts ORDER BY user'),
      update: db.prepare(
        'UPDATE admin_accounts SET role = ?, disabled = ?, password_hash = ?, password_set_at = ?, updated_at = ?, failed_logins = ?, locked_until = ? WHERE user = ?',
      ),
      failed: db.prepare('UPDATE admin_accounts SET failed_logins = failed_logins + 1 WHERE user = ? RETURNING failed_logins'),
      lock: db.prepare('UPDATE admin_accounts SET locked_until = ?, failed_logins = 0 WHERE user = ?'),
      succeeded: db.prepare('UPDATE admin_accounts SET failed_logins = 0, locked_until = NULL WHERE user = ? AND (failed_logins != 0 OR locked_until IS NOT NULL)'),
      insertToken: db.prepare(
        'INSERT INTO admin_tokens (id, hash, kind, user, role, name, created_at, created_by, expires_at, roles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      tokenByHash: db.prepare('SELECT * FROM admin_tokens WHERE hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)'),
      token: db.prepare('SELECT * FROM admin_tokens WHERE id = ?'),
      tokens: db.prepare('SELECT * FROM admin_tokens ORDER BY created_at, id'),
      revoke: db.prepare('UPDATE admin_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
      unrevoke: db.prepare('UPDATE admin_tokens SET revoked_at = NULL WHERE id = ?'),
      restore: db.prepare(
        'UPDATE admin_accounts SET role = @role, disabled = @disabled, password_hash = @password_hash, password_set_at = @password_set_at, updated_at = @updated_at, failed_logins = @failed_logins, locked_until = @locked_until WHERE user = @user',
      ),
      remove: db.prepare('DELETE FROM admin_accounts WHERE user = ?'),
      removeTokens: db.prepare('DELETE FROM admin_tokens WHERE user = ?'),
      revokeOf: db.prepare('UPDATE admin_tokens SET revoked_at = ? WHERE user = ? AND revoked_at IS NULL'),
      revokeOfKind: db.prepare('UPDATE admin_tokens SET revoked_at = ? WHERE user = ? AND kind = ? AND revoked_at IS NULL'),
    };
  }

  private row(user: string): AccountRow | undefined {
    return this.q.one.get(user) as AccountRow | undefined;
  }

  create(input: { user: string; role: Role; passwordHash: string | null }): AccountRecord | undefined {
    const now = new Date().toISOString();
    const changes = this.q.insert.run(input.user, input.role, input.passwordHash, input.passwordHash ? now : null, now, now).changes;
    return changes ? this.get(input.user) : undefined;
  }

  get(user: string): AccountRecord | undefined {
    const r = this.row(user);
    return r ? toAccount(r) : undefined;
  }

  remove(user: string): boolean {
    return this.db.transaction(() => {
      this.q.removeTokens.run(user);
      return this.q.remove.run(user).changes > 0;
    })();
  }

  list(): AccountRecord[] {
    return (this.q.all.all() as AccountRow[]).map(toAccount);
  }

  update(user: string, change: { role?: Role; disabled?: boolean; passwordHash?: string | null }) {
    return this.db.transaction(() => {
      const r = this.row(user);
      if (!r) return undefined;
      const now = new Date().toISOString();
      const newPassword = change.passwordHash !== undefined;
      const enabling = change.disabled === false && r.disabled === 1;
      this.q.update.run(
        change.role ?? r.role,
        change.disabled === undefined ? r.disabled : change.disabled ? 1 : 0,
        newPassword ? change.passwordHash : r.password_hash,
        newPassword ? (change.passwordHash ? now : null) : r.password_set_at,
        now,
        // A new password or re-enabling lifts a lockout.
        newPassword || enabling ? 0 : r.failed_logins,
        newPassword || enabling ? null : r.locked_until,
        user,
      );
      return { before: toAccount(r), after: this.get(user)! };
    })();
  }

  credentials(user: string): AccountCredentials | undefined {
    const r = this.row(user);
    return r ? { passwordHash: r.password_hash, failedLogins: r.failed_logins, lockedUntil: r.locked_until } : undefined;
  }

  loginFailed(user: string, maxFailures: number, lockUntil: Date): number {
    return this.db.transaction(() => {
      const row = this.q.failed.get(user) as { failed_logins: number } | undefined;
      if (!row) return 0;
      if (row.failed_logins >= maxFailures) this.q.lock.run(lockUntil.toISOString(), user);
      return row.failed_logins;
    })();
  }

  loginSucceeded(user: string): void {
    this.q.succeeded.run(user);
  }

  createToken(input: { kind: TokenKind; user: string; role: Role; roles?: Role[]; name?: string; createdBy: string; expiresAt: string | null }) {
    const id = (input.kind === 'api' ? 't_' : 's_') + randomBytes(6).toString('hex');
    const token = `${PREFIX[input.kind]}${id}_${randomBytes(32).toString('base64url')}`;
    const createdAt = new Date().toISOString();
    this.q.insertToken.run(id, hashToken(token), input.kind, input.user, input.role, input.name ?? null, createdAt, input.createdBy, input.expiresAt, input.roles ? JSON.stringify(input.roles) : null);
    return { token, record: this.getToken(id)! };
  }

  activeToken(hash: string, now: Date): TokenRecord | undefined {
    const r = this.q.tokenByHash.get(hash, now.toISOString()) as TokenRow | undefined;
    return r ? toToken(r) : undefined;
  }

  getToken(id: string): TokenRecord | undefined {
    const r = this.q.token.get(id) as TokenRow | undefined;
    return r ? toToken(r) : undefined;
  }

  listTokens(filter: { kind?: TokenKind; user?: string } = {}): TokenRecord[] {
    return (this.q.tokens.all() as TokenRow[]).map(toToken).filter((t) => (!filter.kind || t.kind === filter.kind) && (!filter.user || t.user === filter.user));
  }

  revokeToken(id: string) {
    const before = this.getToken(id);
    if (!before) return undefined;
    this.q.revoke.run(new Date().toISOString(), id);
    return { before, after: this.getToken(id)! };
  }

  unrevokeToken(id: string): void {
    this.q.unrevoke.run(id);
  }

  saveState(user: string): unknown {
    return this.row(user);
  }

  restoreState(state: unknown): void {
    this.q.restore.run(state as AccountRow);
  }

  revokeTokensOf(user: string, kind?: TokenKind): number {
    const now = new Date().toISOString();
    return (kind ? this.q.revokeOfKind.run(now, user, kind) : this.q.revokeOf.run(now, user)).changes;
  }
}
