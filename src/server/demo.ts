import type { WardenConfig } from '../config/schema.js';
import { DEMO_MODELS } from '../providers/demo.js';
import type { RunningWarden } from './runtime.js';

export const DEMO_SYSTEM = 'demo-assistant';
export const DEMO_SUPPLIER = 'demo';
/** Who demo mode's admin records name. */
export const DEMO_ACTOR = 'warden start --demo';
const DEMO_TOOLS = ['search_docs', 'get_weather'];

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
          tools: DEMO_TOOLS,
          data_categories: ['personal'],
          approved: true,
          mcp: [],
        },
      ];
  return { ...config, suppliers, systems };
}

/**
 * Puts the demo supplier and `demo-assistant` in the supplier register and the AI system
 * inventory of the data folder, through the registry service (so each creation is an admin
 * record), once: a second demo start on the same folder changes nothing. Records someone
 * edited since are left as they are. Returns the ids it created.
 */
export async function registerDemo(w: Pick<RunningWarden, 'store' | 'audit' | 'gateway'>, now = new Date()): Promise<string[]> {
  const { RegistryService } = await import('../registry/service.js');
  const registry = new RegistryService(w.store.registry, w.audit.log, DEMO_ACTOR, w.gateway.deps.instance);
  const created: string[] = [];
  if (!registry.getSupplier(DEMO_SUPPLIER)) {
    await registry.createSupplier({
      id: DEMO_SUPPLIER,
      name: 'Demo supplier (built into Warden)',
      services: ['chat completions', 'embeddings'],
      models: DEMO_MODELS,
      status: 'approved',
      trainingUse: 'none',
      regions: ['local'],
      // Answers come from inside the Warden process: review it with the rest a year from now.
      nextReviewAt: new Date(now.getTime() + 365 * 86_400_000).toISOString().slice(0, 10),
      notes: 'Answers locally; nothing leaves the machine. No contract or DPA: it is part of Warden.',
    });
    created.push(`supplier:${DEMO_SUPPLIER}`);
  }
  if (!registry.getSystem(DEMO_SYSTEM)) {
    await registry.createSystem({
      id: DEMO_SYSTEM,
      name: 'Demo assistant',
      purpose: 'Shows Warden at work: answers from the built-in demo supplier',
      owner: 'demo',
      lifecycle: 'production',
      role: 'deployer',
      euAiActClass: 'minimal',
      dataCategories: ['personal'],
      suppliers: [DEMO_SUPPLIER],
      models: DEMO_MODELS,
      tools: DEMO_TOOLS,
    });
    created.push(`system:${DEMO_SYSTEM}`);
  }
  if (created.length) w.gateway.deps.live.refresh(true);
  return created;
}
