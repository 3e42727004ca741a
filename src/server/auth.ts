import type { Principal } from '../core/types.js';
import type { Store, KeyRecord } from '../store/types.js';
import { hashKey } from '../store/keys.js';

/** Reads a Warden key the way each SDK sends it: Authorization Bearer, x-api-key, api-key. */
export function keyFromHeaders(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.length > 7 && auth.slice(0, 7).toLowerCase() === 'bearer ') return auth.slice(7).trim();
  const x = headers['x-api-key'] ?? headers['api-key'];
  return typeof x === 'string' && x.length > 0 ? x.trim() : undefined;
}

/**
 * Active keys held in memory, reloaded when the store changes (another process such as
 * `warden keys revoke` commits): the check is a cheap pragma read, done at most every `pollMs`.
 */
export class KeyCache {
  private byHash = new Map<string, KeyRecord>();
  private version = -1;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    pollMs = 250,
  ) {
    this.refresh(true);
    if (pollMs > 0) {
      this.timer = setInterval(() => this.refresh(), pollMs);
      this.timer.unref();
    }
  }

  /** Reloads keys if the store changed (or always with force). */
  refresh(force = false): void {
    const v = this.store.dataVersion();
    if (!force && v === this.version) return;
    this.version = v;
    this.byHash = this.store.keys.activeByHash();
  }

  /** The principal of a key, or undefined when unknown or revoked. */
  principal(key: string): Principal | undefined {
    const rec = this.byHash.get(hashKey(key));
    return rec ? { user: rec.user, groups: rec.groups, keyId: rec.id, system: rec.system } : undefined;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
