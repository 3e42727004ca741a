import type { Logger } from 'pino';
import type { FastifyReply } from 'fastify';
import { wardenHeaders } from './respond.js';
import { WardenError } from '../core/errors.js';
import type { Decision, Finding, Interaction } from '../core/types.js';
import type { SupplierConfig, SystemConfig } from '../config/schema.js';
import type { SupplierClient } from '../providers/clients/types.js';
import { setAtPath, filterArray } from '../providers/edit.js';
import type { Router } from './routing.js';
import type { LiveState, Target } from './live-state.js';
import { keyFromHeaders } from './auth.js';
import { typeMatcher, type AuditSink, type Decider, type DecideInput, type Inspector, type Redactor, type SupplierView, type SystemView } from './deps.js';
import type { GatewayMetrics } from './metrics.js';
import type { Exchange } from './exchange.js';
import { contentOf, gatewayRecord } from './records.js';
import type { StreamGuard } from './stream-guard.js';
import type { ReviewRecord, ReviewStore } from '../store/types.js';
import type { RegistryStore, Supplier as RegistrySupplier } from '../registry/types.js';
import { supplierGate, systemGate } from '../registry/gate.js';

export interface GatewayDeps {
  instance: string;
  router: Router;
  live: LiveState;
  clients: Map<string, SupplierClient>;
  inspector: Inspector;
  decider: Decider;
  redactor: Redactor;
  audit: AuditSink;
  metrics: GatewayMetrics;
  log: Logger;
  reviews: ReviewStore;
  /** Where shadow-AI discovery candidates go. */
  registry?: Pick<RegistryStore, 'recordDiscoveryCandidate'>;
  /** Called when a hold opens a review (notification webhook). */
  onReview?: (r: ReviewRecord) => void;
}

type Stage = (gw: Gateway, ex: Exchange) => void;

/** Key -> principal. */
const authenticate: Stage = (gw, ex) => {
  const key = keyFromHeaders(ex.headers);
  const principal = key ? gw.deps.live.principal(key) : undefined;
  if (!principal) throw new WardenError('WARDEN_UNAUTHENTICATED');
  ex.principal = principal;
};

/** Provider body -> Interaction. Azure names the model by its deployment path. */
const normalize: Stage = (_gw, ex) => {
  if (ex.deployment !== undefined && typeof ex.body.model !== 'string') ex.body.model = ex.deployment;
  ex.request = ex.adapter.parseRequest(ex.body);
  if (ex.request.stream && !ex.adapter.streams) throw new WardenError('WARDEN_BAD_REQUEST', 'stream: this API does not stream');
};

/** AI system and model -> supplier. */
const resolve: Stage = (gw, ex) => {
  const system = gw.systemConfig(ex.principal!.system);
  if (!system) {
    gw.discovered(ex);
    throw new WardenError('WARDEN_SYSTEM_NOT_ALLOWED', `AI system '${ex.principal!.system}' is not registered`);
  }
  ex.system = system;
  const route = gw.deps.router.resolve(system, ex.request!.model, ex.adapter.endpoint);
  ex.supplier = route.supplier;
  ex.upstreamModel = route.model;
};

/** Kill switches: a suspended system, supplier, model or user gets no traffic. */
const suspended: Stage = (gw, ex) => gw.checkSuspended(ex);

/** Detectors over every text segment of the request. */
const inspect: Stage = (gw, ex) => {
  const segs = ex.request!.segments;
  if (segs.length === 0) return;
  const texts = new Array<string>(segs.length);
  for (let i = 0; i < segs.length; i++) texts[i] = segs[i].text;
  try {
    ex.findings = gw.deps.inspector.scanSegments(texts);
  } catch (err) {
    gw.deps.log.error({ err, decision: ex.id }, 'detector failed');
    throw new WardenError('WARDEN_INSPECT_FAILED');
  }
};

/** Policy over the request. */
const decide: Stage = (gw, ex) => {
  ex.decision = gw.decide(ex, 'request', ex.request!, ex.findings);
};

/** The request stages before the record; each may throw a WardenError. */
export const REQUEST_STAGES: readonly Stage[] = [authenticate, normalize, resolve, suspended, inspect, decide];

function systemView(s: SystemConfig | undefined, id: string): SystemView {
  return s
    ? { id: s.id, registered: true, approved: s.approved, dataCategories: s.data_categories, allowedTools: s.tools ?? null }
    : { id, registered: false, approved: false, dataCategories: [], allowedTools: [] };
}

/** The policy's view of a supplier: its config, with the supplier register's due diligence where it has an entry. */
function supplierView(s: SupplierConfig | undefined, reg: RegistrySupplier | undefined, now: Date): SupplierView {
  if (!s) return { id: '', type: '', registered: false, approved: false, public: true, baa: false, reviewOverdue: false };
  if (!reg) return { id: s.id, type: s.type, registered: true, approved: s.approved, public: s.public, baa: s.baa, reviewOverdue: false };
  const gate = supplierGate(reg, now);
  return { id: s.id, type: s.type, registered: true, approved: s.approved && gate.approved, public: s.public, baa: gate.baa, reviewOverdue: gate.reviewOverdue };
}

/** A decision for a request refused before policy ran (bad key, bad body, model not allowed …). */
export function builtinDecision(err: WardenError, policyVersion: string): Decision {
  return {
    action: 'block',
    mode: 'enforce',
    rules: [{ id: `builtin:${err.code}`, action: 'block', mode: 'enforce', controls: [] }],
    policyVersion,
    controls: [],
  };
}

/** What kill switches are checked against for an exchange. */
export function targetOf(ex: Exchange): Target {
  return { system: ex.principal?.system, supplier: ex.supplier?.id, model: ex.upstreamModel, user: ex.principal?.user };
}

/** The decision after a reviewer approved a held request: what the rest of the policy says, with the approval named. */
function approvedDecision(d: Decision, reviewId: string): Decision {
  const action = d.redact ? 'redact' : d.route ? 'route' : 'allow';
  return { ...d, action, rules: [...d.rules, { id: `review:${reviewId}`, action, mode: 'enforce', controls: [] }] };
}

function summarizeCounts(findings: Finding[]): Array<{ type: string; count: number }> {
  const m = new Map<string, number>();
  for (const f of findings) m.set(f.type, (m.get(f.type) ?? 0) + 1);
  return [...m].map(([type, count]) => ({ type, count }));
}

/** Runs the stages of DESIGN.md for one request; the HTTP layer only wires it. */
export class Gateway {
  /** Streams in flight, so a kill switch or shutdown can end them. */
  private readonly streams = new Map<string, { ex: Exchange; guard: StreamGuard; abort: AbortController }>();

  constructor(readonly deps: GatewayDeps) {}

  trackStream(ex: Exchange, guard: StreamGuard, abort: AbortController): void {
    this.streams.set(ex.id, { ex, guard, abort });
  }

  untrackStream(ex: Exchange): void {
    this.streams.delete(ex.id);
  }

  /** Ends in-flight streams that match, with an error event (kill switch). Returns how many. */
  endStreams(match: (ex: Exchange) => boolean, err: WardenError): number {
    let n = 0;
    for (const s of this.streams.values()) {
      if (!match(s.ex)) continue;
      s.guard.abort(err);
      // Wake a stream waiting on the supplier: the guard's error then ends it.
      s.abort.abort();
      n++;
    }
    return n;
  }

  get activeStreams(): number {
    return this.streams.size;
  }

  /** Runs the stages up to and including the durable record of the decision, then enforces it on the body. */
  async admit(ex: Exchange): Promise<void> {
    for (let i = 0; i < REQUEST_STAGES.length; i++) REQUEST_STAGES[i](this, ex);
    if (ex.decision!.action === 'hold') {
      await this.hold(ex);
      return;
    }
    await this.recordDecision(ex, ex.decision!, ex.findings);
    this.enforceRequest(ex);
  }

  /**
   * The hold action: a request a reviewer already approved (same caller, system, model and
   * content, within the approval's validity) goes through once; otherwise a review is opened and
   * the decision recorded, and the client waits up to the rule's wait time for the outcome.
   */
  private async hold(ex: Exchange): Promise<void> {
    const d = ex.decision!;
    const reviews = this.deps.reviews;
    const fingerprint = this.deps.audit.contentHmac(
      `${ex.principal!.keyId}\u0000${ex.principal!.system}\u0000${ex.upstreamModel}\u0000${contentOf(ex.request)}`,
    );
    const now = new Date();
    const approved = reviews.consumeApproval(fingerprint, now);
    if (approved) {
      ex.reviewId = approved.id;
      ex.decision = approvedDecision(d, approved.id);
      await this.recordDecision(ex, ex.decision, ex.findings);
      this.enforceRequest(ex);
      return;
    }
    const hold = d.hold ?? { waitMs: 0, timeoutMs: 24 * 3600_000, validityMs: 3600_000, reviewers: [] };
    let review = reviews.pendingFor(fingerprint, now);
    if (!review) {
      const excerpt = ex.request!.segments
        .map((seg, i) => {
          const found = ex.findings.filter((f) => (f.segment ?? 0) === i);
          return found.length ? this.deps.redactor.redact(seg.text, found, 'mask', undefined) : seg.text;
        })
        .join('\n')
        .slice(0, 500);
      review = reviews.create({
        id: '',
        decisionId: ex.id,
        fingerprint,
        user: ex.principal!.user,
        system: ex.principal!.system,
        supplier: ex.supplier!.id,
        model: ex.upstreamModel!,
        rules: d.rules.map((r) => r.id),
        findings: summarizeCounts(ex.findings),
        excerpt,
        reviewers: hold.reviewers,
        validityMs: hold.validityMs,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + hold.timeoutMs).toISOString(),
      });
      this.deps.onReview?.(review);
    }
    ex.reviewId = review.id;
    await this.recordDecision(ex, d, ex.findings);
    const deadline = Date.now() + hold.waitMs;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, Math.min(200, Math.max(1, deadline - Date.now()))));
      const cur = reviews.get(review.id);
      if (cur?.status === 'denied')
        throw new WardenError('WARDEN_POLICY_BLOCKED', `A reviewer denied this request${cur.reason ? `: ${cur.reason}` : ''}`, { review_id: review.id });
      if (cur?.status === 'approved' && reviews.consumeApproval(fingerprint, new Date())) {
        ex.decision = approvedDecision(d, review.id);
        this.enforceRequest(ex);
        return;
      }
    }
    throw new WardenError('WARDEN_POLICY_HELD', `${d.message ?? 'The request is held for human review'} (review ${review.id})`, { review_id: review.id });
  }

  /**
   * An AI system as the gateway uses it: the config entry, with the inventory's entry (lifecycle,
   * data categories, suppliers, models, tools) taking precedence where one exists.
   */
  systemConfig(id: string): SystemConfig | undefined {
    const cfg = this.deps.router.system(id);
    const reg = this.deps.live.system(id);
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
    };
  }

  private readonly discoveredRecently = new Set<string>();
  private discoveredSince = Date.now();

  /** A key naming an unknown AI system is shadow AI: count it as a discovery candidate (at most once a minute per key). */
  discovered(ex: Exchange): void {
    const p = ex.principal!;
    if (Date.now() - this.discoveredSince > 60_000) {
      this.discoveredRecently.clear();
      this.discoveredSince = Date.now();
    }
    const k = `${p.system}\u0000${p.keyId}\u0000${p.user}`;
    if (this.discoveredRecently.has(k)) return;
    this.discoveredRecently.add(k);
    try {
      this.deps.registry?.recordDiscoveryCandidate({ systemId: p.system, keyId: p.keyId, user: p.user });
    } catch (err) {
      this.deps.log.warn({ err, decision: ex.id }, 'could not record a discovery candidate');
    }
  }

  /** Throws WARDEN_SUSPENDED when an active kill switch covers this exchange. */
  checkSuspended(ex: Exchange): void {
    const k = this.deps.live.suspension(targetOf(ex));
    if (k) throw new WardenError('WARDEN_SUSPENDED', `Suspended by a kill switch on ${k.scope === 'all' ? 'all traffic' : `${k.scope} ${k.target}`}: ${k.reason}`);
  }

  /** Turns a failure into the client's error, recording it first where nothing was recorded yet. */
  async fail(ex: Exchange, reply: FastifyReply, err: unknown): Promise<void> {
    let we: WardenError;
    if (err instanceof WardenError) we = err;
    else {
      this.deps.log.error({ err, decision: ex.id }, 'unexpected error');
      we = new WardenError('WARDEN_INTERNAL');
    }
    if (reply.sent || reply.raw.headersSent) {
      this.deps.log.warn({ decision: ex.id, code: we.code }, 'error after the response started');
      return;
    }
    let action: string = 'block';
    try {
      if (!ex.decisionRecorded) {
        await this.recordDecision(ex, builtinDecision(we, this.deps.decider.version()), ex.findings);
      } else if (ex.decision!.action !== 'block' && ex.decision!.action !== 'hold') {
        ex.status = we.status;
        ex.error = we.code;
        await this.recordCompletion(ex, true);
        if (we.code !== 'WARDEN_RESPONSE_BLOCKED') action = ex.decision!.action;
      } else action = ex.decision!.action;
    } catch (e) {
      we = e as WardenError;
    }
    ex.status = we.status;
    reply.code(we.status).headers(wardenHeaders(ex, action)).send(ex.adapter.errorBody(we, ex.id));
  }

  /** Metrics and one log line per request; never content. */
  finish(ex: Exchange): void {
    const m = this.deps.metrics.findings;
    for (let i = 0; i < ex.findings.length; i++) m.inc({ type: ex.findings[i].type, direction: 'request' });
    for (let i = 0; i < ex.responseFindings.length; i++) m.inc({ type: ex.responseFindings[i].type, direction: 'response' });
    const action = ex.responseDecision && ex.responseDecision.action !== 'allow' ? ex.responseDecision.action : (ex.decision?.action ?? 'block');
    this.count(ex.adapter.api, ex.status, action, ex);
    this.deps.metrics.gatewayLatency.observe({ route: ex.adapter.api }, ex.gatewayMs / 1000 || (performance.now() - ex.startedAt) / 1000);
    if (ex.tokens.input) this.deps.metrics.tokens.inc({ supplier: ex.supplier?.id ?? '', system: ex.principal?.system ?? '', kind: 'input' }, ex.tokens.input);
    if (ex.tokens.output) this.deps.metrics.tokens.inc({ supplier: ex.supplier?.id ?? '', system: ex.principal?.system ?? '', kind: 'output' }, ex.tokens.output);
  }

  count(route: string, status: number, action: string, ex: Exchange): void {
    this.deps.metrics.requests.inc({ route, status: String(status), action });
    if (this.deps.log.isLevelEnabled('info'))
      this.deps.log.info(
        {
          decision: ex.id,
          route,
          status,
          action,
          user: ex.principal?.user,
          system: ex.principal?.system,
          supplier: ex.supplier?.id,
          model: ex.upstreamModel,
          findings: ex.findings.length + ex.responseFindings.length,
          gatewayMs: Math.round(ex.gatewayMs * 1000) / 1000,
          upstreamMs: ex.upstreamMs === undefined ? undefined : Math.round(ex.upstreamMs * 1000) / 1000,
          error: ex.error,
        },
        'request',
      );
  }

  /** Policy evaluation for one direction; fails closed. */
  decide(ex: Exchange, direction: 'request' | 'response', interaction: Interaction, findings: Finding[]): Decision {
    const now = new Date();
    const input: DecideInput = {
      direction,
      principal: ex.principal!,
      system: systemView(ex.system, ex.principal!.system),
      supplier: supplierView(ex.supplier, ex.supplier && this.deps.live.supplier(ex.supplier.id), now),
      model: ex.upstreamModel ?? interaction.model,
      findings,
      tools: interaction.tools.map((t) => t.name),
      toolCalls: interaction.toolCalls,
      messageCount: interaction.messageCount,
      labels: [],
      time: now,
    };
    try {
      return this.deps.decider.decide(input);
    } catch (err) {
      this.deps.log.error({ err, decision: ex.id }, 'policy evaluation failed');
      throw new WardenError('WARDEN_POLICY_FAILED');
    }
  }

  /** Appends the decision record and waits until it is durable. */
  async recordDecision(ex: Exchange, decision: Decision, findings: Finding[]): Promise<void> {
    const text = contentOf(ex.request);
    const rec = gatewayRecord(ex, 'decision', this.deps.instance, decision, findings, text ? this.deps.audit.contentHmac(text) : undefined);
    try {
      await this.deps.audit.append(rec);
    } catch (err) {
      this.deps.log.error({ err, decision: ex.id }, 'audit append failed');
      throw new WardenError('WARDEN_AUDIT_FAILED');
    }
    ex.decisionRecorded = true;
  }

  /** Appends the completion record; waits for durability when asked (before a response block is visible). */
  async recordCompletion(ex: Exchange, wait: boolean): Promise<void> {
    const decision = ex.responseDecision ?? { action: 'allow', mode: 'enforce', rules: [], controls: [], policyVersion: this.deps.decider.version() };
    const rec = gatewayRecord(ex, 'completion', this.deps.instance, decision, ex.responseFindings, undefined);
    // A completion nobody waits for shares the next decision's commit: one fsync per request, not two.
    const p = this.deps.audit.append(rec, wait ? undefined : { defer: true });
    if (wait) {
      try {
        await p;
      } catch (err) {
        this.deps.log.error({ err, decision: ex.id }, 'audit append failed');
        throw new WardenError('WARDEN_AUDIT_FAILED');
      }
    } else {
      p.catch((err) => this.deps.log.error({ err, decision: ex.id }, 'audit append of completion failed'));
    }
  }

  /** Applies the request decision: block and hold throw; redact, strip and route edit the exchange. */
  private enforceRequest(ex: Exchange): void {
    const d = ex.decision!;
    if (d.action === 'block') throw new WardenError('WARDEN_POLICY_BLOCKED', d.message ?? undefined);
    // Every enforced warn rule speaks, also when a stricter action (redact, route) won.
    for (const r of d.rules) if (r.action === 'warn' && r.mode === 'enforce') ex.warnings.push(r.message ?? d.message ?? 'policy warning');
    if (d.action === 'warn' && ex.warnings.length === 0) ex.warnings.push(d.message ?? 'policy warning');
    // Redact, strip and route all apply whenever present: several rules may match at once.
    if (d.redact) this.redactRequest(ex, d.redact.types, d.redact.method);
    if (d.stripTools?.length) {
      const strip = new Set(d.stripTools);
      const removed = filterArray<{ name?: string; function?: { name?: string } }>(ex.body, 'tools', (t) => !strip.has(t.function?.name ?? t.name ?? ''));
      if (removed) ex.bodyChanged = true;
    }
    if (d.route) {
      const r = this.deps.router.reroute(ex.system!, { supplier: ex.supplier!, model: ex.upstreamModel! }, d.route, ex.adapter.endpoint);
      ex.supplier = r.supplier;
      ex.upstreamModel = r.model;
      this.checkSuspended(ex);
    }
    if (ex.body.model !== ex.upstreamModel) {
      ex.body.model = ex.upstreamModel;
      ex.bodyChanged = true;
    }
    ex.client = this.deps.clients.get(ex.supplier!.id);
    if (!ex.client) throw new WardenError('WARDEN_SUPPLIER_NOT_ALLOWED', `Supplier '${ex.supplier!.id}' has no client`);
  }

  private redactRequest(ex: Exchange, types: string[], method: 'mask' | 'hash' | 'tokenize'): void {
    const wanted = typeMatcher(types);
    const bySegment = new Map<number, Finding[]>();
    for (const f of ex.findings) {
      if (!wanted(f)) continue;
      const seg = f.segment ?? 0;
      let list = bySegment.get(seg);
      if (!list) bySegment.set(seg, (list = []));
      list.push(f);
    }
    if (bySegment.size === 0) return;
    if (method === 'tokenize') {
      ex.vault ??= this.deps.redactor.newVault();
      ex.tokenized = true;
    }
    for (const [seg, list] of bySegment) {
      const segment = ex.request!.segments[seg];
      const text = this.deps.redactor.redact(segment.text, list, method, ex.vault);
      setAtPath(ex.body, segment.path, text);
    }
    ex.bodyChanged = true;
  }
}
