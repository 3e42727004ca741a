// The registry (AI systems, suppliers, risks, impact assessments, incidents, discovery
// candidates) in the embedded store: each record is a JSON body plus the columns queried by.
import type Database from 'better-sqlite3';
import type {
  AISystem,
  AssessmentFilter,
  DiscoveryCandidate,
  ImpactAssessment,
  Incident,
  IncidentFilter,
  RecordTable,
  RegistryStore,
  Risk,
  RiskFilter,
  Supplier,
  SupplierFilter,
  SystemFilter,
} from '../registry/types.js';

export const REGISTRY_SCHEMA = `
CREATE TABLE IF NOT EXISTS registry_systems (
  id TEXT PRIMARY KEY,
  lifecycle TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS registry_suppliers (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  next_review_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS registry_risks (
  id TEXT PRIMARY KEY,
  system_id TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS registry_risks_system ON registry_risks (system_id);
CREATE TABLE IF NOT EXISTS registry_assessments (
  id TEXT PRIMARY KEY,
  system_id TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS registry_assessments_system ON registry_assessments (system_id);
CREATE TABLE IF NOT EXISTS registry_incidents (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS registry_incident_links (
  incident_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  target TEXT NOT NULL,
  PRIMARY KEY (kind, target, incident_id)
);
CREATE TABLE IF NOT EXISTS discovery_candidates (
  system_id TEXT NOT NULL,
  key_id TEXT NOT NULL,
  user TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (system_id, key_id, user)
);
`;

/** One table of JSON records with extra indexed columns taken from each record. */
class JsonTable<T extends { id: string }, F> implements RecordTable<T, F> {
  private readonly one;
  private readonly insert;
  private readonly replace;
  private readonly remove;

  constructor(
    private readonly db: Database.Database,
    private readonly table: string,
    /** Indexed columns and how to read each from a record. */
    private readonly columns: Array<[string, (r: T) => string]>,
    /** SQL conditions for a filter (column names, `?` parameters), and the order of a listing. */
    private readonly where: (f: F) => Array<[string, unknown]>,
    private readonly order: string,
    private readonly afterWrite?: (rec: T | undefined, id: string) => void,
  ) {
    const cols = columns.map(([c]) => c);
    this.one = db.prepare(`SELECT body FROM ${table} WHERE id = ?`).pluck();
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO ${table} (id, ${cols.join(', ')}${cols.length ? ', ' : ''}body) VALUES (?, ${cols.map(() => '?, ').join('')}?)`,
    );
    this.replace = db.prepare(`UPDATE ${table} SET ${[...cols, 'body'].map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
    this.remove = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
  }

  get(id: string): T | undefined {
    const body = this.one.get(id) as string | undefined;
    return body === undefined ? undefined : (JSON.parse(body) as T);
  }

  list(filter?: F): T[] {
    const conds = filter ? this.where(filter) : [];
    const sql = `SELECT body FROM ${this.table}${conds.length ? ' WHERE ' + conds.map(([c]) => c).join(' AND ') : ''} ORDER BY ${this.order}`;
    return (this.db.prepare(sql).pluck().all(...conds.map(([, v]) => v)) as string[]).map((b) => JSON.parse(b) as T);
  }

  create(rec: T): boolean {
    return this.db.transaction(() => {
      const ok = this.insert.run(rec.id, ...this.columns.map(([, f]) => f(rec)), JSON.stringify(rec)).changes > 0;
      if (ok) this.afterWrite?.(rec, rec.id);
      return ok;
    })();
  }

  update(rec: T): boolean {
    return this.db.transaction(() => {
      const ok = this.replace.run(...this.columns.map(([, f]) => f(rec)), JSON.stringify(rec), rec.id).changes > 0;
      if (ok) this.afterWrite?.(rec, rec.id);
      return ok;
    })();
  }

  delete(id: string): boolean {
    return this.db.transaction(() => {
      const ok = this.remove.run(id).changes > 0;
      if (ok) this.afterWrite?.(undefined, id);
      return ok;
    })();
  }
}

const defined = (conds: Array<[string, unknown]>) => conds.filter(([, v]) => v !== undefined);

interface CandidateRow {
  system_id: string;
  key_id: string;
  user: string;
  first_seen: string;
  last_seen: string;
  count: number;
}
const toCandidate = (r: CandidateRow): DiscoveryCandidate => ({
  systemId: r.system_id,
  keyId: r.key_id,
  user: r.user,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  count: r.count,
});

/** The registry in SQLite; run REGISTRY_SCHEMA on the database first. */
export class SqliteRegistryStore implements RegistryStore {
  readonly systems: RecordTable<AISystem, SystemFilter>;
  readonly suppliers: RecordTable<Supplier, SupplierFilter>;
  readonly risks: RecordTable<Risk, RiskFilter>;
  readonly assessments: RecordTable<ImpactAssessment, AssessmentFilter>;
  readonly incidents: RecordTable<Incident, IncidentFilter>;
  private readonly seen;
  private readonly candidate;
  private readonly allCandidates;
  private readonly clearCandidates;

  constructor(private readonly db: Database.Database) {
    this.systems = new JsonTable<AISystem, SystemFilter>(db, 'registry_systems', [['lifecycle', (s) => s.lifecycle]], (f) => defined([['lifecycle = ?', f.lifecycle]]), 'id');
    this.suppliers = new JsonTable<Supplier, SupplierFilter>(
      db,
      'registry_suppliers',
      [
        ['status', (s) => s.status],
        ['next_review_at', (s) => s.nextReviewAt],
      ],
      (f) => defined([['status = ?', f.status]]),
      'id',
    );
    this.risks = new JsonTable<Risk, RiskFilter>(db, 'registry_risks', [['system_id', (r) => r.systemId]], (f) => defined([['system_id = ?', f.systemId]]), 'system_id, id');
    this.assessments = new JsonTable<ImpactAssessment, AssessmentFilter>(
      db,
      'registry_assessments',
      [['system_id', (r) => r.systemId]],
      (f) => defined([['system_id = ?', f.systemId]]),
      'system_id, id',
    );
    const unlink = db.prepare('DELETE FROM registry_incident_links WHERE incident_id = ?');
    const link = db.prepare('INSERT OR IGNORE INTO registry_incident_links (incident_id, kind, target) VALUES (?, ?, ?)');
    this.incidents = new JsonTable<Incident, IncidentFilter>(
      db,
      'registry_incidents',
      [
        ['status', (i) => i.status],
        ['opened_at', (i) => i.openedAt],
      ],
      (f) =>
        defined([
          ['status = ?', f.status],
          ["id IN (SELECT incident_id FROM registry_incident_links WHERE kind = 'system' AND target = ?)", f.systemId],
          ["id IN (SELECT incident_id FROM registry_incident_links WHERE kind = 'decision' AND target = ?)", f.decisionId],
        ]),
      'opened_at DESC, id DESC',
      // Links are kept in their own table so "incidents of this decision" is an index lookup.
      (rec, id) => {
        unlink.run(id);
        if (!rec) return;
        for (const s of rec.systems) link.run(id, 'system', s);
        for (const d of rec.decisions) link.run(id, 'decision', d);
      },
    );
    this.seen = db.prepare(
      `INSERT INTO discovery_candidates (system_id, key_id, user, first_seen, last_seen, count) VALUES (?, ?, ?, ?, ?, 1)
       ON CONFLICT (system_id, key_id, user) DO UPDATE SET count = count + 1,
         last_seen = max(last_seen, excluded.last_seen), first_seen = min(first_seen, excluded.first_seen)`,
    );
    this.candidate = db.prepare('SELECT * FROM discovery_candidates WHERE system_id = ? AND key_id = ? AND user = ?');
    this.allCandidates = db.prepare('SELECT * FROM discovery_candidates ORDER BY last_seen DESC, system_id, key_id, user');
    this.clearCandidates = db.prepare('DELETE FROM discovery_candidates WHERE system_id = ?');
  }

  recordDiscoveryCandidate(c: { systemId: string; keyId: string; user: string; at?: Date }): DiscoveryCandidate {
    const at = (c.at ?? new Date()).toISOString();
    this.seen.run(c.systemId, c.keyId, c.user, at, at);
    return toCandidate(this.candidate.get(c.systemId, c.keyId, c.user) as CandidateRow);
  }

  discoveryCandidates(): DiscoveryCandidate[] {
    return (this.allCandidates.all() as CandidateRow[]).map(toCandidate);
  }

  clearDiscoveryCandidates(systemId: string): number {
    return this.clearCandidates.run(systemId).changes;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
