import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AdminRecord } from './types.js';
import { newId } from './ids.js';

/** SHA-256 hex of the canonical JSON of a state, or null when there is none. */
export function stateHash(state: unknown): string | null {
  if (state === undefined || state === null) return null;
  return createHash('sha256').update(canonicalize(state) ?? '').digest('hex');
}

/** An admin-change record: who changed what, with hashes of the state before and after. */
export function adminRecord(
  instance: string,
  actor: string,
  op: string,
  target: string,
  before: unknown,
  after: unknown,
  detail?: Record<string, unknown>,
): AdminRecord {
  const rec: AdminRecord = {
    kind: 'admin',
    id: newId(),
    time: new Date().toISOString(),
    instance,
    actor,
    op,
    target,
    beforeHash: stateHash(before),
    afterHash: stateHash(after),
  };
  if (detail) rec.detail = detail;
  return rec;
}
