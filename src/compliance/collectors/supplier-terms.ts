// Allocating responsibilities with third parties (ISO 42001 A.10.2): every supplier in use (seen
// in traffic or named by an AI system) is in the register with its contract, a data-processing
// agreement, its training-use terms known and a contact.
import type { Supplier } from '../../registry/types.js';
import type { Collector } from './context.js';
import { activeSystems, share } from './context.js';

function gaps(s: Supplier): string[] {
  return [
    s.contractRef ? '' : 'no contract reference',
    s.dpa ? '' : 'no DPA',
    s.trainingUse === 'unknown' ? 'training use unknown' : '',
    s.contact ? '' : 'no contact',
  ].filter(Boolean);
}

export const supplierResponsibilities: Collector = (ctx) => {
  const check = 'Every supplier in use has its responsibilities on record: contract, data-processing agreement, training-use terms, contact';
  const register = ctx.store.registry.suppliers.list();
  const inUse = new Set([...ctx.facts.suppliers.keys(), ...activeSystems(ctx).flatMap((s) => s.suppliers)]);
  if (inUse.size === 0 && register.length === 0)
    return [{ check, status: 'gap', detail: 'the supplier register is empty and no supplier is in use: no responsibilities are recorded' }];
  // With nothing in use, the register itself is what an auditor reads.
  const ids = inUse.size ? [...inUse] : register.map((s) => s.id);
  const missing = ids.filter((id) => !ctx.store.registry.suppliers.get(id));
  const lacking = ids
    .map((id) => ctx.store.registry.suppliers.get(id))
    .filter((s): s is Supplier => !!s)
    .map((s) => [s.id, gaps(s)] as const)
    .filter(([, g]) => g.length);
  const ok = ids.length - missing.length - lacking.length;
  return [
    {
      check,
      status: missing.length ? 'gap' : share(ok, ids.length),
      detail:
        `${ok} of ${ids.length} suppliers ${inUse.size ? 'in use ' : ''}with every term on record` +
        (missing.length ? `; not in the register: ${missing.join(', ')}` : '') +
        (lacking.length ? `; ${lacking.map(([id, g]) => `${id}: ${g.join(', ')}`).join('; ')}` : ''),
      counts: { suppliers: ids.length, complete: ok, unregistered: missing.length },
      records: ids,
    },
  ];
};
