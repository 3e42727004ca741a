// The storage interface. Only src/store/ knows SQL; other modules see these types.

export interface KeyRecord {
  /** Public id of the key, safe to log and show. */
  id: string;
  user: string;
  groups: string[];
  system: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewKey {
  user: string;
  groups: string[];
  system: string;
}

export interface KeyStore {
  /** Creates a key; the secret is returned once and stored only as a hash. */
  create(input: NewKey): { key: string; record: KeyRecord };
  list(): KeyRecord[];
  get(id: string): KeyRecord | undefined;
  /** Marks a key revoked; returns the record before and after, or undefined when unknown. */
  revoke(id: string): { before: KeyRecord; after: KeyRecord } | undefined;
  /** Active (not revoked) keys by the SHA-256 hex of the secret. */
  activeByHash(): Map<string, KeyRecord>;
}

export interface PolicyVersionRecord {
  version: string;
  loadedAt: string;
  loadedBy: string;
  files: Array<{ name: string; content: string }>;
}

export interface PolicyVersionStore {
  /** Keeps a policy version (once per version); returns true when it was new. */
  save(rec: PolicyVersionRecord): boolean;
  list(): Array<Omit<PolicyVersionRecord, 'files'>>;
  get(version: string): PolicyVersionRecord | undefined;
}

export interface Store {
  keys: KeyStore;
  policyVersions: PolicyVersionStore;
  /** Changes whenever any process commits a change to the store: poll it to pick up changes. */
  dataVersion(): number;
  close(): void;
}
