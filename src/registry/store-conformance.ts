// The behaviour every RegistryStore must show; each backend's tests run this suite on itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aiSystemSchema, incidentSchema, supplierSchema } from './schemas.js';
import type { RegistryStore } from './types.js';

const stamps = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
const system = (id: string, lifecycle = 'production') =>
  aiSystemSchema.parse({ id, name: id, purpose: 'p', owner: 'o', lifecycle, role: 'deployer', euAiActClass: 'minimal', ...stamps });

/** Registers the conformance tests for a backend; `open` gives a fresh, empty store. */
export function registryStoreSuite(backend: string, open: () => { store: RegistryStore; close(): void }): void {
  const withStore = (fn: (s: RegistryStore) => void) => () => {
    const h = open();
    try {
      fn(h.store);
    } finally {
      h.close();
    }
  };

  test(`${backend}: records are created once, read, listed by filter in id order, updated and deleted`, withStore((store) => {
    const a = system('support-bot');
    const b = system('agent', 'development');
    assert.equal(store.systems.create(a), true);
    assert.equal(store.systems.create(a), false);
    assert.equal(store.systems.create(b), true);
    assert.deepEqual(store.systems.get('support-bot'), a);
    assert.equal(store.systems.get('nope'), undefined);
    assert.deepEqual(store.systems.list().map((s) => s.id), ['agent', 'support-bot']);
    assert.deepEqual(store.systems.list({ lifecycle: 'development' }).map((s) => s.id), ['agent']);
    assert.equal(store.systems.update({ ...b, lifecycle: 'production' }), true);
    assert.equal(store.systems.update({ ...b, id: 'ghost' }), false);
    assert.deepEqual(store.systems.list({ lifecycle: 'production' }).map((s) => s.id), ['agent', 'support-bot']);
    assert.equal(store.systems.delete('agent'), true);
    assert.equal(store.systems.delete('agent'), false);
    const sup = supplierSchema.parse({ id: 'openai', name: 'OpenAI', status: 'approved', nextReviewAt: '2026-06-30', ...stamps });
    store.suppliers.create(sup);
    assert.deepEqual(store.suppliers.list({ status: 'approved' }), [sup]);
    assert.deepEqual(store.suppliers.list({ status: 'pending' }), []);
  }));

  test(`${backend}: incidents are found by status, linked system and decision, and links follow changes`, withStore((store) => {
    const i = incidentSchema.parse({ id: 'inc-1', title: 't', severity: 'low', openedAt: stamps.createdAt, openedBy: 'a', awareAt: stamps.createdAt, updatedAt: stamps.createdAt, systems: ['s1'], decisions: ['d1'] });
    store.incidents.create(i);
    assert.equal(store.incidents.list({ decisionId: 'd1' }).length, 1);
    store.incidents.update({ ...i, decisions: ['d2'], status: 'closed' });
    assert.equal(store.incidents.list({ decisionId: 'd1' }).length, 0);
    assert.equal(store.incidents.list({ decisionId: 'd2', systemId: 's1', status: 'closed' }).length, 1);
    assert.equal(store.incidents.list({ status: 'open' }).length, 0);
    store.incidents.delete('inc-1');
    assert.equal(store.incidents.list({ systemId: 's1' }).length, 0);
  }));

  test(`${backend}: a transaction that throws writes nothing`, withStore((store) => {
    assert.throws(() =>
      store.transaction(() => {
        store.systems.create(system('a'));
        store.systems.create(system('b'));
        throw new Error('stop');
      }),
    );
    assert.deepEqual(store.systems.list(), []);
  }));

  test(`${backend}: discovery candidates count per system, key and user with first and last seen`, withStore((store) => {
    store.recordDiscoveryCandidate({ systemId: 'ghost', keyId: 'k1', user: 'u1', at: new Date('2026-04-01T11:00:00Z') });
    // An earlier time seen later (another replica) still moves first-seen back.
    const c = store.recordDiscoveryCandidate({ systemId: 'ghost', keyId: 'k1', user: 'u1', at: new Date('2026-04-01T10:00:00Z') });
    assert.deepEqual(c, { systemId: 'ghost', keyId: 'k1', user: 'u1', firstSeen: '2026-04-01T10:00:00.000Z', lastSeen: '2026-04-01T11:00:00.000Z', count: 2 });
    store.recordDiscoveryCandidate({ systemId: 'ghost', keyId: 'k1', user: 'u2', at: new Date('2026-04-01T12:00:00Z') });
    assert.equal(store.discoveryCandidates().length, 2);
    assert.equal(store.clearDiscoveryCandidates('ghost'), 2);
    assert.deepEqual(store.discoveryCandidates(), []);
  }));
}
