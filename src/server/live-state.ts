import type { Principal } from '../core/types.js';
import type { KeyRecord, KillSwitchRecord, Store } from '../store/types.js';
import { hashKey } from '../store/keys.js';
import type { AISystem, Supplier as RegistrySupplier } from '../registry/types.js';

/** What a kill switch is checked against. */
export interface Target {
  system?: string;
  supplier?: string;
  model?: string;
  user?: string;
  /** An MCP call: the server, and the tool as `<server>/<tool>`. */
  mcpServer?: string;
  mcpTool?: string;
}

/**
 * Keys, kill switches and the registry's systems and suppliers held in memory and reloaded when the store changes, whichever process
 * changed it (`warden keys revoke`, `warden kill` …): the check is a cheap pragma read every
 * `pollMs`, so a change reaches every gateway on the same data within a second.
 */
export class LiveState {
  private byHash = new Map<string, KeyRecord>();
  /** Principals by key text: saves hashing a key on every request. Rebuilt on every reload. */
  private principals = new Map<string, Principal | null>();
  private kills: KillSwitchRecord[] = [];
  private systems = new Map<string, AISystem>();
  private suppliers = new Map<string, RegistrySupplier>();
  private version = -1;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    pollMs = 250,
    /** Called with switches that became active since the last reload. */
    private readonly onNewKills: (kills: KillSwitchRecord[]) => void = () => {},
  ) {
    this.refresh(true);
    if (pollMs > 0) {
      this.timer = setInterval(() => this.refresh(), pollMs);
      this.timer.unref();
    }
  }

  /** Reloads if the store changed (or always with force). */
  refresh(force = false): void {
    const v = this.store.dataVersion();
    if (!force && v === this.version) return;
    this.version = v;
    this.byHash = this.store.keys.activeByHash();
    this.principals = new Map();
    this.systems = new Map(this.store.registry.systems.list().map((s) => [s.id, s]));
    this.suppliers = new Map(this.store.registry.suppliers.list().map((s) => [s.id, s]));
    const before = new Set(this.kills.map((k) => k.id));
    this.kills = this.store.killSwitches.active();
    const added = this.kills.filter((k) => !before.has(k.id));
    if (added.length) this.onNewKills(added);
  }

  /** The principal of a key, or undefined when unknown or revoked. */
  principal(key: string): Principal | undefined {
    let p = this.principals.get(key);
    if (p === undefined) {
      const rec = this.byHash.get(hashKey(key));
      p = rec ? { user: rec.user, groups: rec.groups, keyId: rec.id, system: rec.system } : null;
      if (this.principals.size < 10_000) this.principals.set(key, p);
    }
    return p ?? undefined;
  }

  /** The inventory entry of an AI system, if registered. */
  system(id: string): AISystem | undefined {
    return this.systems.get(id);
  }

  /** The supplier-register entry of a supplier, if registered. */
  supplier(id: string): RegistrySupplier | undefined {
    return this.suppliers.get(id);
  }

  /** The active kill switch that stops this target, if any. */
  suspension(t: Target): KillSwitchRecord | undefined {
    const kills = this.kills;
    for (let i = 0; i < kills.length; i++) {
      if (matches(kills[i], t)) return kills[i];
    }
    return undefined;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/** Whether a switch applies to a target. */
export function matches(k: KillSwitchRecord, t: Target): boolean {
  switch (k.scope) {
    case 'all':
      return true;
    case 'system':
      return k.target === t.system;
    case 'supplier':
      return k.target === t.supplier;
    case 'model':
      return k.target === t.model;
    case 'user':
      return k.target === t.user;
    case 'mcp-server':
      return k.target === t.mcpServer;
    case 'mcp-tool':
      return k.target === t.mcpTool;
  }
}
