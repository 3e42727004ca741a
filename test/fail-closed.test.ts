// Fail closed: when a detector or the audit log fails, nothing goes to the supplier and the client
// gets a clear error naming the decision id.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { parseConfig } from '../src/config/load.js';
import { startWarden, type RunningWarden } from '../src/server/runtime.js';
import type { Inspector } from '../src/gateway/deps.js';
import type { AuditHandle } from '../src/server/wiring.js';
import { startMockUpstream, type MockUpstream } from './helpers/mock-upstream.js';
import { testConfigYaml } from './helpers/warden.js';

let mock: MockUpstream;
before(async () => {
  mock = await startMockUpstream();
});
after(() => mock.close());

async function withWarden(overrides: { inspector?: Inspector; audit?: AuditHandle }, fn: (w: RunningWarden, key: string) => Promise<void>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-fc-'));
  const w = await startWarden({ config: parseConfig(testConfigYaml(mock.url)), dataDir, port: 0, log: pino({ level: 'silent' }), overrides });
  try {
    const { key } = w.store.keys.create({ user: 'u', groups: [], system: 'app' });
    w.gateway.deps.live.refresh(true);
    await fn(w, key);
  } finally {
    await w.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function call(w: RunningWarden, key: string) {
  const res = await fetch(`${w.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hello' }] }),
  });
  return { status: res.status, id: res.headers.get('x-warden-decision-id'), json: (await res.json()) as any };
}

describe('fail closed', () => {
  it('a failing detector stops the request', async () => {
    const broken: Inspector = {
      scanSegments: () => {
        throw new Error('detector crashed');
      },
      createStreamScanner: () => {
        throw new Error('detector crashed');
      },
    };
    await withWarden({ inspector: broken }, async (w, key) => {
      const seen = mock.seen.length;
      const r = await call(w, key);
      assert.equal(r.status, 500);
      assert.equal(r.json.error.code, 'WARDEN_INSPECT_FAILED');
      assert.equal(r.json.error.decision_id, r.id);
      assert.ok(!r.json.error.message.includes('crashed'), 'internal details stay in the log');
      assert.equal(mock.seen.length, seen, 'nothing reached the supplier');
    });
  });

  it('an audit log that cannot record stops the request', async () => {
    const failing = {
      log: {
        append: async () => {
          throw new Error('disk full');
        },
        contentHmac: () => 'x',
        size: () => 0,
        close: async () => {},
      },
      close: async () => {},
    } as unknown as AuditHandle;
    await withWarden({ audit: failing }, async (w, key) => {
      const seen = mock.seen.length;
      const r = await call(w, key);
      assert.equal(r.status, 503);
      assert.equal(r.json.error.code, 'WARDEN_AUDIT_FAILED');
      assert.equal(r.json.error.decision_id, r.id);
      assert.equal(mock.seen.length, seen, 'nothing reached the supplier');
    });
  });
});
