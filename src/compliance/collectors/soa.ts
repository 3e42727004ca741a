// Statement of Applicability (ISO 42001 6.1.3): every Annex A control has an entry with a decision
// on applicability and its justification.
import { loadCatalog } from '../catalog.js';
import type { Collector } from './context.js';

export const soa: Collector = (ctx) => {
  const controls = loadCatalog('iso42001').requirements.filter((r) => r.kind === 'annexA');
  const entries = new Map(ctx.store.compliance.soaList().map((e) => [e.control, e]));
  const missing = controls.filter((c) => !entries.get(c.id)?.justification.trim());
  return [
    {
      check: 'Every Annex A control has a Statement of Applicability entry with a justification',
      status: missing.length === 0 ? 'met' : missing.length === controls.length ? 'gap' : 'partial',
      detail: missing.length ? `${controls.length - missing.length} of ${controls.length} controls decided; missing: ${missing.map((c) => c.id).join(', ')}` : `all ${controls.length} controls decided`,
      counts: { controls: controls.length, decided: controls.length - missing.length, applicable: [...entries.values()].filter((e) => e.applicable).length },
      records: controls.filter((c) => entries.has(c.id)).map((c) => c.id),
    },
  ];
};
