import type { Logger } from 'pino';
import type { FastifyReply } from 'fastify';
import { wardenHeaders } from './forward.js';
import { WardenError } from '../core/errors.js';
import type { Decision, Finding, Interaction } from '../core/types.js';
import type { SystemConfig } from '../config/schema.js';
import type { SupplierClient } from '../providers/clients/types.js';
import type { Router } from '../server/routing.js';
import type { LiveState } from '../server/live-state.js';
import type { AuditSink, Decider, Inspector, Redactor } from './deps.js';
import type { GatewayMetrics } from '../server/metrics.js';
import type { Exchange } from './exchange.js';
import { contentOf, gatewayRecord } from './records.js';
import type { StreamGuard } from './stream.js';
import type { ReviewRecord, ReviewStore } from '../store/types.js';
import type { RegistryStore } from '../registry/types.js';
import { applyPlan, decideFor, DiscoveryThrottle, REQUEST_STAGES, systemConfig, type Stage } from './request.js';
import { maskedExcerpt } from './enforce.js';

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
  /** Shadow-AI throttle; made by the Gateway when not given. */
  discovery: DiscoveryThrottle;
  /** Masks a held request's excerpt beyond the findings (oversight.excerpt); findings only when not given. */
  maskExcerpt?: (text: string) => string;
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

/** The request stages of one kind of call, and how an approved or allowed decision is applied. */
export interface Pipeline {
  stages: readonly Stage[];
  applyPlan(deps: GatewayDeps, ex: Exchange, d: Decision): void;
}

/** Model calls: the provider-adapter stages of src/gateway/request.ts. */
export const MODEL_PIPELINE: Pipeline = { stages: REQUEST_STAGES, applyPlan };

/** Runs the stages of DESIGN.md for one request; the HTTP layer only wires it. */
export class Gateway {
  /** Streams in flight, so a kill switch or shutdown can end them. */
  private readonly streams = new Map<string, { ex: Exchange; guard: StreamGuard; abort: AbortController }>();

  readonly deps: GatewayDeps;

  constructor(deps: Omit<GatewayDeps, 'discovery'> & { discovery?: DiscoveryThrottle }) {
    this.deps = { ...deps, discovery: deps.discovery ?? new DiscoveryThrottle() };
  }

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
  async admit(ex: Exchange, pipeline: Pipeline = MODEL_PIPELINE): Promise<void> {
    const stages = pipeline.stages;
    for (let i = 0; i < stages.length; i++) {
      const pending = stages[i](this.deps, ex);
      if (pending) await pending;
    }
    const d = ex.decision!;
    if (d.action === 'hold') {
      await this.hold(ex, pipeline);
      return;
    }
    await this.recordDecision(ex, d, ex.findings);
    if (d.action === 'block') throw new WardenError('WARDEN_POLICY_BLOCKED', d.message ?? undefined);
  }

  /**
   * The hold action: a request a reviewer already approved (same caller, system, model and
   * content, within the approval's validity) goes through once; otherwise a review is opened and
   * the decision recorded, and the client waits up to the rule's wait time for the outcome.
   */
  private async hold(ex: Exchange, pipeline: Pipeline): Promise<void> {
    const d = ex.decision!;
    const reviews = this.deps.reviews;
    // An MCP call's approval covers its canonical JSON (method, target and arguments, keys included).
    const content = ex.mcp ? `mcp\u0000${ex.mcp.server}\u0000${ex.mcp.holdKey}` : `${ex.upstreamModel}\u0000${contentOf(ex.request)}`;
    const fingerprint = this.deps.audit.contentHmac(`${ex.principal!.keyId}\u0000${ex.principal!.system}\u0000${content}`);
    const now = new Date();
    const approved = reviews.consumeApproval(fingerprint, now);
    if (approved) {
      ex.reviewId = approved.id;
      ex.decision = approvedDecision(d, approved.id);
      pipeline.applyPlan(this.deps, ex, ex.decision);
      await this.recordDecision(ex, ex.decision, ex.findings);
      return;
    }
    const hold = d.hold ?? { waitMs: 0, timeoutMs: 24 * 3600_000, validityMs: 3600_000, reviewers: [] };
    let review = reviews.pendingFor(fingerprint, now);
    if (!review) {
      const excerpt = maskedExcerpt(ex.fields, ex.findings, this.deps.redactor, this.deps.maskExcerpt);
      // The clear request exists only encrypted, apart from the log, where the deployment keeps raw content.
      try {
        this.deps.audit.content?.put(ex.id, 'request', JSON.stringify(ex.body));
      } catch (err) {
        this.deps.log.error({ err, decision: ex.id }, 'could not keep the held request in the content store');
      }
      review = reviews.create({
        id: '',
        decisionId: ex.id,
        fingerprint,
        user: ex.principal!.user,
        system: ex.principal!.system,
        supplier: ex.mcp ? ex.mcp.server : ex.supplier!.id,
        model: ex.mcp ? `${ex.mcp.method} ${ex.mcp.tool}`.trim() : ex.upstreamModel!,
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
        pipeline.applyPlan(this.deps, ex, ex.decision);
        return;
      }
    }
    throw new WardenError('WARDEN_POLICY_HELD', `${d.message ?? 'The request is held for human review'} (review ${review.id})`, { review_id: review.id });
  }

  /** An AI system as the gateway uses it (config and inventory). */
  systemConfig(id: string): SystemConfig | undefined {
    return systemConfig(this.deps, id);
  }

  /** Turns a failure into the client's error, recording it first where nothing was recorded yet. */
  async fail(ex: Exchange, reply: FastifyReply, err: unknown): Promise<void> {
    if (reply.sent || reply.raw.headersSent) {
      this.deps.log.warn({ decision: ex.id, code: err instanceof WardenError ? err.code : 'WARDEN_INTERNAL' }, 'error after the response started');
      return;
    }
    const { error, action } = await this.settleFailure(ex, err);
    reply.code(error.status).headers(wardenHeaders(ex, action)).send(ex.adapter.errorBody(error, ex.id));
  }

  /**
   * Records a failure where nothing was recorded yet (a builtin decision) or as the completion of
   * an allowed request; returns the error the client gets and the action to report. Every
   * transport (HTTP APIs, MCP) settles its failures here.
   */
  async settleFailure(ex: Exchange, err: unknown): Promise<{ error: WardenError; action: string }> {
    let we: WardenError;
    if (err instanceof WardenError) we = err;
    else {
      this.deps.log.error({ err, decision: ex.id }, 'unexpected error');
      we = new WardenError('WARDEN_INTERNAL');
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
    return { error: we, action };
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
    return decideFor(this.deps, ex, direction, interaction, findings);
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
}
