// SQLite storage of the Statement of Applicability and of attestations with their documents.
import type Database from 'better-sqlite3';
import type { Attestation, ComplianceStore, FrameworkId, SoaEntry } from '../compliance/types.js';

export const COMPLIANCE_SCHEMA = `
CREATE TABLE IF NOT EXISTS soa (
  control TEXT PRIMARY KEY,
  applicable INTEGER NOT NULL,
  justification TEXT NOT NULL,
  implementation TEXT NOT NULL,
  evidence TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attestations (
  id TEXT PRIMARY KEY,
  framework TEXT NOT NULL,
  requirement TEXT NOT NULL,
  body TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX IF NOT EXISTS attestations_req ON attestations (framework, requirement);
CREATE TABLE IF NOT EXISTS attestation_documents (
  sha256 TEXT PRIMARY KEY,
  content BLOB NOT NULL
);
`;

interface SoaRow {
  control: string;
  applicable: number;
  justification: string;
  implementation: string;
  evidence: string;
  updated_at: string;
  updated_by: string;
}

const soaOf = (r: SoaRow): SoaEntry => ({
  control: r.control,
  applicable: r.applicable === 1,
  justification: r.justification,
  implementation: r.implementation as SoaEntry['implementation'],
  evidence: JSON.parse(r.evidence),
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

const attOf = (r: { body: string; revoked_at: string | null }): Attestation => ({ ...JSON.parse(r.body), revokedAt: r.revoked_at });

export class SqliteComplianceStore implements ComplianceStore {
  constructor(private readonly db: Database.Database) {}

  soaList(): SoaEntry[] {
    return (this.db.prepare('SELECT * FROM soa').all() as SoaRow[]).map(soaOf);
  }

  soaGet(control: string): SoaEntry | undefined {
    const r = this.db.prepare('SELECT * FROM soa WHERE control = ?').get(control) as SoaRow | undefined;
    return r ? soaOf(r) : undefined;
  }

  soaPut(e: SoaEntry): void {
    this.db
      .prepare('INSERT OR REPLACE INTO soa (control, applicable, justification, implementation, evidence, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(e.control, e.applicable ? 1 : 0, e.justification, e.implementation, JSON.stringify(e.evidence), e.updatedAt, e.updatedBy);
  }

  soaDelete(control: string): void {
    this.db.prepare('DELETE FROM soa WHERE control = ?').run(control);
  }

  attestations(filter: { framework?: FrameworkId; requirement?: string } = {}): Attestation[] {
    const rows = this.db.prepare('SELECT body, revoked_at FROM attestations ORDER BY id').all() as Array<{ body: string; revoked_at: string | null }>;
    return rows
      .map(attOf)
      .filter((a) => (!filter.framework || a.framework === filter.framework) && (!filter.requirement || a.requirement === filter.requirement));
  }

  attestationGet(id: string): Attestation | undefined {
    const r = this.db.prepare('SELECT body, revoked_at FROM attestations WHERE id = ?').get(id) as { body: string; revoked_at: string | null } | undefined;
    return r ? attOf(r) : undefined;
  }

  attestationCreate(a: Attestation, document: Buffer): void {
    const { revokedAt: _r, ...body } = a;
    this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO attestation_documents (sha256, content) VALUES (?, ?)').run(a.sha256, document);
      this.db.prepare('INSERT INTO attestations (id, framework, requirement, body, revoked_at) VALUES (?, ?, ?, ?, NULL)').run(a.id, a.framework, a.requirement, JSON.stringify(body));
    })();
  }

  attestationRevoke(id: string, at: string | null): Attestation | undefined {
    if (at === null) this.db.prepare('UPDATE attestations SET revoked_at = NULL WHERE id = ?').run(id);
    else this.db.prepare('UPDATE attestations SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id);
    return this.attestationGet(id);
  }

  attestationDelete(id: string): void {
    this.db.prepare('DELETE FROM attestations WHERE id = ?').run(id);
  }

  document(sha256: string): Buffer | undefined {
    const r = this.db.prepare('SELECT content FROM attestation_documents WHERE sha256 = ?').get(sha256) as { content: Buffer } | undefined;
    return r?.content;
  }
}
