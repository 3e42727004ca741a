// Shared fixtures of the registry tests.
import Database from 'better-sqlite3';
import type { AuditRecord } from '../core/types.js';
import { REGISTRY_SCHEMA, SqliteRegistryStore } from '../store/sqlite-registry.js';
import { RegistryService } from './service.js';

/** A registry on an in-memory database with an audit log that keeps records in an array. */
export function memoryRegistry(now = () => new Date('2026-04-01T12:00:00Z')) {
  const db = new Database(':memory:');
  db.exec(REGISTRY_SCHEMA);
  const store = new SqliteRegistryStore(db);
  const records: AuditRecord[] = [];
  const audit = { append: async (r: AuditRecord) => void records.push(r) };
  const service = new RegistryService(store, audit, 'alice@example.com', 'test', { now });
  return { db, store, records, service };
}

export const SYSTEM = {
  id: 'support-bot',
  name: 'Support assistant',
  purpose: 'Answers customer questions',
  owner: 'cx-team@example.com',
  lifecycle: 'production',
  role: 'deployer',
  euAiActClass: 'limited',
  dataCategories: ['personal'],
  suppliers: ['openai'],
  models: ['gpt-4o-mini'],
  oversight: ['agent reviews escalations'],
};

export const SUPPLIER = {
  id: 'openai',
  name: 'OpenAI',
  services: ['chat completions'],
  models: ['gpt-4o-mini'],
  status: 'approved',
  dpa: true,
  nextReviewAt: '2026-06-30',
};
