// Logical access (SOC 2 CC6.1): every decision names the key that made the call, and every key
// seen is a Warden key on record.
import type { Collector } from './context.js';

export const accessKeys: Collector = (ctx) => {
  const f = ctx.facts;
  const known = new Map(ctx.store.keys.list().map((k) => [k.id, k]));
  const unknown = [...f.keyIds.entries()].filter(([id]) => !known.has(id));
  const check = 'Every gateway decision names a Warden key on record';
  // No traffic shows no access control operating; the keys on record are all there is to show.
  if (f.decisions === 0)
    return [{ check, status: 'partial', detail: `no gateway traffic in the period: access control not shown operating (${known.size} keys on record)`, counts: { decisions: 0, keysOnRecord: known.size } }];
  return [
    {
      check,
      status: unknown.length ? 'gap' : f.withoutPrincipal.length ? 'partial' : 'met',
      detail: `${f.decisions} decisions from ${f.keyIds.size} keys (${known.size} keys on record, ${[...known.values()].filter((k) => k.revokedAt).length} revoked)` +
        (f.withoutPrincipal.length ? `; ${f.withoutPrincipal.length} refused before a key was known` : '') +
        (unknown.length ? `; keys not on record: ${unknown.map(([id]) => id).join(', ')}` : ''),
      counts: { decisions: f.decisions, keys: f.keyIds.size, withoutKey: f.withoutPrincipal.length, unknownKeys: unknown.length },
      decisions: [...f.withoutPrincipal.slice(0, 2), ...unknown.map(([, s]) => s.sample)].slice(0, 5),
      period: ctx.period,
    },
  ];
};
