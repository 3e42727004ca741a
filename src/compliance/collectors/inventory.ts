// AI system inventory (ISO 42001 4.3, A.4.2; NIST GOVERN 1.6; NAIC inventory): every system seen
// in traffic is in the inventory, and no unregistered system is waiting in discovery.
import type { Collector } from './context.js';

export const inventory: Collector = (ctx) => {
  const seen = [...ctx.facts.systems.entries()];
  const unknown = seen.filter(([id]) => !ctx.store.registry.systems.get(id));
  const candidates = ctx.store.registry.discoveryCandidates();
  const systems = ctx.store.registry.systems.list();
  return [
    {
      check: 'Every AI system seen in traffic is in the inventory; no unregistered system is waiting in discovery',
      status: systems.length === 0 ? 'gap' : unknown.length || candidates.length ? 'partial' : 'met',
      detail:
        systems.length === 0
          ? 'the inventory is empty'
          : `${systems.length} systems in the inventory; ${seen.length} seen in traffic` +
            (unknown.length ? `; not in the inventory: ${unknown.map(([id]) => id).join(', ')}` : '') +
            (candidates.length ? `; discovery candidates: ${[...new Set(candidates.map((c) => c.systemId))].join(', ')}` : ''),
      counts: { inventory: systems.length, seenInTraffic: seen.length, unregistered: unknown.length, discoveryCandidates: candidates.length },
      decisions: unknown.map(([, s]) => s.sample).slice(0, 5),
      records: systems.map((s) => s.id),
    },
  ];
};
