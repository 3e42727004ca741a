// The request side of the pipeline: an ordered list of stages, each taking (deps, exchange).
// The gateway runs them, records the decision, then forwards; nothing here does HTTP.
import { WardenError } from '../core/errors.js';
import type { Decision, Finding, Interaction } from '../core/types.js';
import type { SupplierConfig, SystemConfig } from '../config/schema.js';
import type { Target } from '../server/live-state.js';
import { keyFromHeaders } from '../server/auth.js';
import { supplierGate, systemGate } from '../registry/gate.js';
import type { Supplier as RegistrySupplier } from '../registry/types.js';
import { callIdentities, removeTools } from '../providers/tools.js';
import { typeMatcher, type DecideInput, type SupplierView, type SystemView } from './deps.js';
import type { GatewayDeps } from './gateway.js';
import type { Exchange } from './exchange.js';
import { walkFields } from './walk.js';
import { rewriteFields } from './enforce.js';

export type Stage = (deps: GatewayDeps, ex: Exchange) => void | Promise<void>;

/** Key -> principal. */
export const authenticate: Stage = (deps, ex) => {
  const key = keyFromHeaders(ex.headers);
  const principal = key ? deps.live.principal(key) : undefined;
  if (!principal) throw new WardenError('WARDEN_UNAUTHENTICATED');
  ex.principal = principal;
};

/** Provider body -> Interaction over every field of the body. Azure names the model by its deployment path. */
const parse: Stage = (_deps, ex) => {
  if (ex.deployment !== undefined && typeof ex.body.model !== 'string') ex.body.model = ex.deployment;
  const view = ex.adapter.parseRequest(ex.body);
  if (view.stream && !ex.adapter.streams) throw new WardenError('WARDEN_BAD_REQUEST', 'stream: this API does not stream');
  ex.fields = walkFields(ex.body);
  ex.request = { ...view, direction: 'request', segments: ex.fields };
};

/** AI system and model -> supplier. */
const resolve: Stage = (deps, ex) => {
  const system = systemConfig(deps, ex.principal!.system);
  if (!system) {
    deps.discovery.record(deps, ex);
    throw new WardenError('WARDEN_SYSTEM_NOT_ALLOWED', `AI system '${ex.principal!.system}' is not registered`);
  }
  ex.system = system;
  const route = deps.router.resolve(system, ex.request!.model, ex.adapter.endpoint);
  ex.supplier = route.supplier;
  ex.upstreamModel = route.model;
};

/** Kill switches: a suspended system, supplier, model or user gets no traffic. */
export const suspended: Stage = (deps, ex) => checkSuspended(deps, ex);

/** Detectors over every field of the request; large bodies are scanned off the event loop. */
export const inspect: Stage = (deps, ex) => {
  const segs = ex.fields;
  if (segs.length === 0) return;
  const texts = new Array<string>(segs.length);
  for (let i = 0; i < segs.length; i++) texts[i] = segs[i].text;
  const failed = (err: unknown) => {
    deps.log.error({ err, decision: ex.id }, 'detector failed');
    return new WardenError('WARDEN_INSPECT_FAILED');
  };
  let found: Finding[] | Promise<Finding[]>;
  try {
    found = deps.inspector.scanSegments(texts);
  } catch (err) {
    throw failed(err);
  }
  if (Array.isArray(found)) {
    ex.findings = found;
    return;
  }
  return found.then(
    (f) => {
      ex.findings = f;
    },
    (err) => {
      throw failed(err);
    },
  );
};

/** Policy over the request. */
export const decide: Stage = (deps, ex) => {
  ex.decision = decideFor(deps, ex, 'request', ex.request!, ex.findings);
};

/**
 * What the decision changes before anything is recorded: redaction, stripped tools and the route,
 * so the record names the supplier and model actually used. Block and hold change nothing here.
 */
const plan: Stage = (deps, ex) => {
  const d = ex.decision!;
  if (d.action === 'block' || d.action === 'hold') return;
  applyPlan(deps, ex, d);
};

/** The request stages before the record; each may throw a WardenError. */
export const REQUEST_STAGES: readonly Stage[] = [authenticate, parse, resolve, suspended, inspect, decide, plan];

/** Applies redact, strip and route of a decision to the exchange (also after a reviewer approved a held request). */
export function applyPlan(deps: GatewayDeps, ex: Exchange, d: Decision): void {
  applyEdits(deps, ex, d);
  if (d.stripTools?.length) {
    const strip = new Set(d.stripTools);
    const gone = ex.request!.tools.filter((t) => strip.has(t.name));
    if (removeTools(ex.body, gone) > 0) ex.adapter.afterStrip(ex.body, strip);
  }
  if (d.route) {
    const r = deps.router.reroute(ex.system!, { supplier: ex.supplier!, model: ex.upstreamModel! }, d.route, ex.adapter.endpoint);
    ex.supplier = r.supplier;
    ex.upstreamModel = r.model;
    checkSuspended(deps, ex);
  }
  ex.body.model = ex.upstreamModel;
  ex.client = deps.clients.get(ex.supplier!.id);
  if (!ex.client) throw new WardenError('WARDEN_SUPPLIER_NOT_ALLOWED', `Supplier '${ex.supplier!.id}' has no client`);
}

/** The warnings and redaction of a decision, applied to the body (model calls and MCP calls alike). */
export function applyEdits(deps: GatewayDeps, ex: Exchange, d: Decision): void {
  // Every enforced warn rule speaks, also when a stricter action (redact, route) won.
  for (const r of d.rules) if (r.action === 'warn' && r.mode === 'enforce') ex.warnings.push(r.message ?? d.message ?? 'policy warning');
  if (d.action === 'warn' && ex.warnings.length === 0) ex.warnings.push(d.message ?? 'policy warning');
  if (d.redact) {
    if (d.redact.method === 'tokenize') {
      ex.vault ??= deps.redactor.newVault();
      ex.tokenized = true;
    }
    rewriteFields(ex.body, ex.fields, { findings: ex.findings, wanted: typeMatcher(d.redact.types), method: d.redact.method, vault: ex.vault }, deps.redactor);
  }
}

/** What kill switches are checked against for an exchange. */
export function targetOf(ex: Exchange): Target {
  const t: Target = { system: ex.principal?.system, supplier: ex.supplier?.id, model: ex.upstreamModel, user: ex.principal?.user };
  if (ex.mcp) {
    t.supplier = t.mcpServer = ex.mcp.server;
    if (ex.mcp.method === 'tools/call') t.mcpTool = `${ex.mcp.server}/${ex.mcp.tool}`;
  }
  return t;
}

/** Throws WARDEN_SUSPENDED when an active kill switch covers this exchange. */
export function checkSuspended(deps: GatewayDeps, ex: Exchange): void {
  const k = deps.live.suspension(targetOf(ex));
  if (k) throw new WardenError('WARDEN_SUSPENDED', `Suspended by a kill switch on ${k.scope === 'all' ? 'all traffic' : `${k.scope} ${k.target}`}: ${k.reason}`);
}

/**
 * An AI system as the gateway uses it: the config entry, with the inventory's entry (lifecycle,
 * data categories, suppliers, models, tools) taking precedence where one exists.
 */
export function systemConfig(deps: GatewayDeps, id: string): SystemConfig | undefined {
  const cfg = deps.router.system(id);
  const reg = deps.live.system(id);
  if (!reg) return cfg;
  const gate = systemGate(reg, new Date());
  return {
    id,
    name: reg.name,
    suppliers: gate.suppliers.length ? gate.suppliers : (cfg?.suppliers ?? []),
    models: gate.models.length ? gate.models : (cfg?.models ?? []),
    tools: gate.allowedTools ?? cfg?.tools,
    data_categories: gate.dataCategories,
    approved: gate.approved && (cfg?.approved ?? true),
    mcp: cfg?.mcp ?? [],
  };
}

function systemView(s: SystemConfig | undefined, id: string): SystemView {
  return s
    ? { id: s.id, registered: true, approved: s.approved, dataCategories: s.data_categories, allowedTools: s.tools ?? null }
    : { id, registered: false, approved: false, dataCategories: [], allowedTools: [] };
}

/** The policy's view of a supplier: its config, with the supplier register's due diligence where it has an entry. */
export function supplierView(s: { id: string; type: string; approved: boolean; public: boolean; baa: boolean } | undefined, reg: RegistrySupplier | undefined, now: Date): SupplierView {
  if (!s) return { id: '', type: '', registered: false, approved: false, public: true, baa: false, reviewOverdue: false };
  if (!reg) return { id: s.id, type: s.type, registered: true, approved: s.approved, public: s.public, baa: s.baa, reviewOverdue: false };
  const gate = supplierGate(reg, now);
  return { id: s.id, type: s.type, registered: true, approved: s.approved && gate.approved, public: s.public, baa: gate.baa, reviewOverdue: gate.reviewOverdue };
}

/** Policy evaluation for one direction; fails closed. */
export function decideFor(deps: GatewayDeps, ex: Exchange, direction: 'request' | 'response', interaction: Interaction, findings: Finding[]): Decision {
  const now = new Date();
  const toolCalls = callIdentities(interaction.toolCalls, ex.request?.tools ?? []);
  const supplier = ex.mcp ? ex.mcp.supplier : ex.supplier;
  const input: DecideInput = {
    direction,
    principal: ex.principal!,
    system: systemView(ex.system, ex.principal!.system),
    supplier: supplierView(supplier, supplier && deps.live.supplier(supplier.id), now),
    model: ex.upstreamModel ?? interaction.model,
    findings,
    tools: interaction.tools.map((t) => t.name),
    toolCalls,
    messageCount: interaction.messageCount,
    labels: [],
    time: now,
  };
  if (ex.mcp) input.mcp = ex.mcp.view;
  try {
    return deps.decider.decide(input);
  } catch (err) {
    deps.log.error({ err, decision: ex.id }, 'policy evaluation failed');
    throw new WardenError('WARDEN_POLICY_FAILED');
  }
}

/**
 * The input the request path would decide on for a sample prompt (the admin API's policy
 * explain): the same system and supplier views, the supplier routed from the model as a chat
 * request would be, unless named.
 */
export function sampleInput(
  deps: Pick<GatewayDeps, 'router' | 'live'>,
  spec: { system: string; user: string; groups: string[]; model?: string; supplier?: string; direction: 'request' | 'response' },
  findings: Finding[],
  now = new Date(),
): DecideInput {
  const system = systemConfig(deps as GatewayDeps, spec.system);
  let supplier = spec.supplier ? deps.router.supplier(spec.supplier) : undefined;
  let model = spec.model ?? '';
  if (!supplier && system && spec.model) {
    try {
      const r = deps.router.resolve(system, spec.model, 'chat');
      supplier = r.supplier;
      model = r.model;
    } catch {
      // A model the system may not use: the request path refuses it before policy; explain shows the policy anyway.
    }
  }
  return {
    direction: spec.direction,
    principal: { user: spec.user, groups: spec.groups, keyId: 'sample', system: spec.system },
    system: systemView(system, spec.system),
    supplier: supplierView(supplier, supplier && deps.live.supplier(supplier.id), now),
    model,
    findings,
    tools: [],
    toolCalls: [],
    messageCount: 1,
    labels: [],
    time: now,
  };
}

/** A key naming an unknown AI system is shadow AI: counted as a discovery candidate (at most once a minute per key). */
export class DiscoveryThrottle {
  private readonly recently = new Set<string>();
  private since = Date.now();

  record(deps: GatewayDeps, ex: Exchange): void {
    const p = ex.principal!;
    if (Date.now() - this.since > 60_000) {
      this.recently.clear();
      this.since = Date.now();
    }
    const k = `${p.system}\u0000${p.keyId}\u0000${p.user}`;
    if (this.recently.has(k)) return;
    this.recently.add(k);
    try {
      deps.registry?.recordDiscoveryCandidate({ systemId: p.system, keyId: p.keyId, user: p.user });
    } catch (err) {
      deps.log.warn({ err, decision: ex.id }, 'could not record a discovery candidate');
    }
  }
}
