// Records for tests and the benchmark.
import type { AdminRecord, GatewayRecord } from '../core/types.js';
import { newId } from '../core/ids.js';

const ACTIONS = ['allow', 'block', 'redact', 'hold', 'warn', 'route'] as const;

/** A realistic decision record. */
export function sampleDecision(i: number, over: Partial<GatewayRecord> = {}): GatewayRecord {
  return {
    kind: 'decision',
    id: newId(),
    time: new Date().toISOString(),
    instance: 'gw-1',
    principal: { user: `user${i % 50}@example.com`, groups: ['engineering', 'ai-users'], keyId: `wk_${(i % 20).toString(16).padStart(8, '0')}` },
    system: `system-${i % 5}`,
    supplier: 'openai',
    model: 'gpt-4o-mini',
    api: 'openai.chat',
    direction: 'request',
    action: ACTIONS[i % ACTIONS.length],
    mode: i % 7 === 0 ? 'monitor' : 'enforce',
    rules: i % 3 === 0 ? [{ id: 'pii.email', action: 'redact', mode: 'enforce', controls: ['ISO42001:A.7.4', 'EUAIA:Art10'] }] : [],
    controls: i % 3 === 0 ? ['ISO42001:A.7.4', 'EUAIA:Art10'] : [],
    findings: i % 3 === 0 ? [{ type: 'email', count: 1, maxScore: 0.99, offsets: [[1, 10, 27]] }] : [],
    contentHmac: 'a3f1c2'.repeat(10) + 'abcd',
    policyVersion: 'sha256:7d2c0e5b',
    latency: { gatewayMs: 1.234 },
    ...over,
  };
}

/** An admin record. */
export function sampleAdmin(i: number): AdminRecord {
  return {
    kind: 'admin',
    id: newId(),
    time: new Date().toISOString(),
    instance: 'cli',
    actor: 'admin@example.com',
    op: 'key.create',
    target: `wk_${i}`,
    beforeHash: null,
    afterHash: 'b'.repeat(64),
  };
}
