import type { WardenConfig } from '../config/schema.js';
import { DEMO_MODELS } from '../providers/demo.js';

export const DEMO_SYSTEM = 'demo-assistant';
export const DEMO_SUPPLIER = 'demo';

/** Adds the demo supplier and the `demo-assistant` AI system to a config (once). */
export function withDemo(config: WardenConfig): WardenConfig {
  const suppliers = config.suppliers.some((s) => s.id === DEMO_SUPPLIER)
    ? config.suppliers
    : [
        ...config.suppliers,
        { id: DEMO_SUPPLIER, type: 'demo' as const, models: DEMO_MODELS, public: true, baa: false, approved: true, headers: {} },
      ];
  const systems = config.systems.some((s) => s.id === DEMO_SYSTEM)
    ? config.systems
    : [
        ...config.systems,
        {
          id: DEMO_SYSTEM,
          name: 'Demo assistant',
          suppliers: [DEMO_SUPPLIER],
          models: DEMO_MODELS,
          tools: ['search_docs', 'get_weather'],
          data_categories: ['personal'],
          approved: true,
        },
      ];
  return { ...config, suppliers, systems };
}
