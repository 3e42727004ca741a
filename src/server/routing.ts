import { WardenError } from '../core/errors.js';
import type { SupplierConfig, SystemConfig, WardenConfig } from '../config/schema.js';
import type { Endpoint } from '../providers/types.js';
import { SUPPLIER_ENDPOINTS } from '../providers/clients/http.js';

export interface Route {
  supplier: SupplierConfig;
  /** The supplier's model name. */
  model: string;
}

/** Resolves model names to suppliers for the AI systems in the config. Pure. */
export class Router {
  private readonly suppliers = new Map<string, SupplierConfig>();
  private readonly systems = new Map<string, SystemConfig>();

  constructor(private readonly config: Pick<WardenConfig, 'suppliers' | 'systems' | 'aliases'>) {
    for (const s of config.suppliers) this.suppliers.set(s.id, s);
    for (const s of config.systems) this.systems.set(s.id, s);
  }

  system(id: string): SystemConfig | undefined {
    return this.systems.get(id);
  }

  supplier(id: string): SupplierConfig | undefined {
    return this.suppliers.get(id);
  }

  private serves(s: SupplierConfig, model: string, endpoint: Endpoint): boolean {
    if (!SUPPLIER_ENDPOINTS[s.type].includes(endpoint)) return false;
    return s.models.includes('*') || s.models.includes(model) || (s.deployments !== undefined && model in s.deployments);
  }

  /** The supplier and model a system's request for `requested` goes to, or a 403-class error. */
  resolve(system: SystemConfig, requested: string, endpoint: Endpoint): Route {
    if (!system.models.includes('*') && !system.models.includes(requested))
      throw new WardenError('WARDEN_MODEL_NOT_ALLOWED', `The model '${requested}' is not allowed for AI system '${system.id}'`);
    const alias = this.config.aliases[requested];
    if (alias) {
      const s = this.suppliers.get(alias.supplier)!;
      if (!system.suppliers.includes(s.id))
        throw new WardenError('WARDEN_SUPPLIER_NOT_ALLOWED', `Supplier '${s.id}' is not allowed for AI system '${system.id}'`);
      if (!SUPPLIER_ENDPOINTS[s.type].includes(endpoint))
        throw new WardenError('WARDEN_MODEL_NOT_ALLOWED', `The model '${requested}' is not served for this API`);
      return { supplier: s, model: alias.model };
    }
    for (const id of system.suppliers) {
      const s = this.suppliers.get(id);
      if (s && this.serves(s, requested, endpoint)) return { supplier: s, model: requested };
    }
    throw new WardenError('WARDEN_MODEL_NOT_ALLOWED', `No supplier of AI system '${system.id}' serves the model '${requested}' for this API`);
  }

  /** A route chosen by policy (route action): same checks, explicit supplier. */
  reroute(system: SystemConfig, current: Route, target: { supplier?: string; model?: string }, endpoint: Endpoint): Route {
    const s = target.supplier ? this.suppliers.get(target.supplier) : current.supplier;
    if (!s) throw new WardenError('WARDEN_SUPPLIER_NOT_ALLOWED', `Policy routes to unknown supplier '${target.supplier}'`);
    const model = target.model ?? current.model;
    if (!SUPPLIER_ENDPOINTS[s.type].includes(endpoint))
      throw new WardenError('WARDEN_SUPPLIER_NOT_ALLOWED', `Policy routes to supplier '${s.id}', which does not serve this API`);
    return { supplier: s, model };
  }

  /** Model names a system may list (GET /v1/models). */
  modelsFor(system: SystemConfig): string[] {
    const names = new Set<string>();
    for (const m of system.models) {
      if (m !== '*') {
        names.add(m);
        continue;
      }
      for (const id of system.suppliers) for (const x of this.suppliers.get(id)?.models ?? []) if (x !== '*') names.add(x);
      for (const [alias, t] of Object.entries(this.config.aliases)) if (system.suppliers.includes(t.supplier)) names.add(alias);
    }
    return [...names].sort();
  }
}
