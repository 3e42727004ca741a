import type { Decision, Finding, FindingSummary, GatewayRecord, Interaction } from '../core/types.js';
import type { Exchange } from './exchange.js';

/**
 * Offsets kept per finding type: enough to locate what was found, while a flood of findings
 * (a megabyte of numbers) cannot turn one audit record into megabytes. `count` stays exact.
 */
export const MAX_OFFSETS_PER_TYPE = 256;

/** Finding summaries for the log: types, counts, scores and offsets, never the values. */
export function summarizeFindings(findings: Finding[]): FindingSummary[] {
  const byKey = new Map<string, FindingSummary>();
  for (const f of findings) {
    const key = f.subtype ? `${f.type}/${f.subtype}` : f.type;
    let s = byKey.get(key);
    if (!s) {
      s = { type: f.type, count: 0, maxScore: 0, offsets: [] };
      if (f.subtype) s.subtype = f.subtype;
      byKey.set(key, s);
    }
    s.count++;
    if (f.score > s.maxScore) s.maxScore = f.score;
    if (s.offsets.length < MAX_OFFSETS_PER_TYPE) s.offsets.push([f.segment ?? 0, f.start, f.end]);
  }
  return [...byKey.values()];
}

/** The text the content HMAC covers: every segment, in order, separated by NUL. */
export function contentOf(interaction: Interaction | undefined): string {
  if (!interaction) return '';
  let s = '';
  for (let i = 0; i < interaction.segments.length; i++) s += (i ? '\u0000' : '') + interaction.segments[i].text;
  return s;
}

/** Builds the decision or completion record of an exchange. */
export function gatewayRecord(
  ex: Exchange,
  kind: 'decision' | 'completion',
  instance: string,
  decision: Decision,
  findings: Finding[],
  contentHmac: string | undefined,
): GatewayRecord {
  const rec: GatewayRecord = {
    kind,
    id: ex.id,
    time: new Date().toISOString(),
    instance,
    principal: ex.principal ? { user: ex.principal.user, groups: ex.principal.groups, keyId: ex.principal.keyId } : null,
    system: ex.principal?.system ?? null,
    supplier: ex.mcp?.server ?? ex.supplier?.id ?? null,
    model: ex.upstreamModel ?? ex.request?.model ?? null,
    api: ex.adapter.api,
    direction: kind === 'decision' ? 'request' : 'response',
    action: decision.action,
    mode: decision.mode,
    rules: decision.rules,
    controls: decision.controls,
    findings: summarizeFindings(findings),
    policyVersion: decision.policyVersion || null,
  };
  if (contentHmac) rec.contentHmac = contentHmac;
  if (ex.reviewId) rec.reviewId = ex.reviewId;
  if (ex.mcp) {
    const { resultBytes: _bytes, isError: _isError, ...call } = ex.mcp.record;
    rec.mcp = kind === 'decision' ? call : { ...ex.mcp.record };
  }
  if (kind === 'completion') {
    rec.latency = { gatewayMs: round(ex.gatewayMs), upstreamMs: ex.upstreamMs === undefined ? undefined : round(ex.upstreamMs) };
    rec.tokens = ex.tokens;
    rec.outcome = { status: ex.status };
    if (ex.error) rec.outcome.error = ex.error;
    if (ex.request?.stream) {
      rec.outcome.deliveredChars = ex.deliveredChars;
      rec.outcome.streamCompleted = ex.streamCompleted ?? false;
    }
  } else {
    rec.latency = { gatewayMs: round(performance.now() - ex.startedAt) };
  }
  return rec;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
