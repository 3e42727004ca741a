// The answer side of the pipeline for a non-streamed answer: stages as a list, each taking
// (deps, exchange, answer). Streams go through StreamGuard, which uses the same inspection,
// decision and enforcement functions event by event.
import { WardenError } from '../core/errors.js';
import type { Finding, Interaction } from '../core/types.js';
import { typeMatcher } from './deps.js';
import type { Exchange } from './exchange.js';
import type { GatewayDeps } from './gateway.js';
import { decideFor } from './request.js';
import { rewriteFields } from './enforce.js';
import { JsonInputError, parseStrictJson } from './json.js';
import { walkFields, type Field } from './walk.js';

/** A supplier's answer as it moves through the answer stages. */
export interface Answer {
  text: string;
  parsed?: unknown;
  fields: Field[];
  interaction?: Interaction;
}

export type AnswerStage = (deps: GatewayDeps, ex: Exchange, a: Answer) => void | Promise<void>;

/** Parses the answer (duplicate keys and excess depth refused like in requests) and lists every field. */
const read: AnswerStage = (_deps, ex, a) => {
  try {
    a.parsed = parseStrictJson(a.text);
  } catch (err) {
    const why = err instanceof JsonInputError && err.reason !== 'invalid' ? ` (${err.message})` : '';
    throw new WardenError('WARDEN_UPSTREAM_ERROR', `Supplier ${ex.supplier!.id} answered with a body that is not valid JSON${why}`);
  }
  a.fields = walkFields(a.parsed);
  const { toolCalls, tokens, messageCount } = ex.adapter.parseResponse(a.parsed);
  ex.tokens = tokens;
  a.interaction = {
    ...ex.request!,
    direction: 'response',
    stream: false,
    segments: a.fields,
    tools: [],
    toolCalls,
    messageCount,
  };
};

/** Detectors over every field of the answer. */
export const inspectAnswer: AnswerStage = (deps, ex, a) => {
  if (a.fields.length === 0) return;
  const done = (f: Finding[]) => {
    ex.responseFindings = f;
  };
  const failed = (err: unknown) => {
    deps.log.error({ err, decision: ex.id }, 'detector failed on response');
    return new WardenError('WARDEN_INSPECT_FAILED');
  };
  let found: Finding[] | Promise<Finding[]>;
  try {
    found = deps.inspector.scanSegments(a.fields.map((f) => f.text));
  } catch (err) {
    throw failed(err);
  }
  if (Array.isArray(found)) return done(found);
  return found.then(done, (err) => {
    throw failed(err);
  });
};

/** Policy over the answer; an answer cannot wait for a reviewer, so hold stops it like block. */
export const decideAnswer: AnswerStage = (deps, ex, a) => {
  if (a.fields.length === 0 && a.interaction!.toolCalls.length === 0) return;
  const d = decideFor(deps, ex, 'response', a.interaction!, ex.responseFindings);
  ex.responseDecision = d;
  if (d.action === 'block' || d.action === 'hold') throw new WardenError('WARDEN_RESPONSE_BLOCKED', d.message ?? undefined);
  if (d.action === 'warn') ex.warnings.push(d.message ?? 'policy warning');
};

/** Masks what the decision redacts (answers are masked or hashed, never tokenised) and restores the caller's own placeholders. */
export const enforceAnswer: AnswerStage = (deps, ex, a) => {
  const d = ex.responseDecision;
  const method = d?.redact ? (d.redact.method === 'tokenize' ? 'mask' : d.redact.method) : undefined;
  rewriteFields(
    a.parsed,
    a.fields,
    { findings: ex.responseFindings, wanted: d?.redact ? typeMatcher(d.redact.types) : undefined, method, vault: ex.vault, restore: ex.tokenized },
    deps.redactor,
  );
};

export const ANSWER_STAGES: readonly AnswerStage[] = [read, inspectAnswer, decideAnswer, enforceAnswer];

/** Runs the answer stages; returns the body to send, re-serialised from Warden's model. */
export async function admitAnswer(deps: GatewayDeps, ex: Exchange, text: string): Promise<string> {
  const a: Answer = { text, fields: [] };
  for (let i = 0; i < ANSWER_STAGES.length; i++) {
    const pending = ANSWER_STAGES[i](deps, ex, a);
    if (pending) await pending;
  }
  return JSON.stringify(a.parsed);
}

/**
 * A supplier's error answer passed on to the client: every field inspected and every finding
 * masked (an error message has no business carrying personal data), with the decision id added.
 * Undefined when it is not a JSON object.
 */
export async function maskedErrorBody(deps: GatewayDeps, ex: Exchange, text: string): Promise<string | undefined> {
  let parsed: unknown;
  try {
    parsed = parseStrictJson(text);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const fields = walkFields(parsed);
  const findings = fields.length ? await deps.inspector.scanSegments(fields.map((f) => f.text)) : [];
  rewriteFields(parsed, fields, { findings, wanted: () => true, method: 'mask', vault: ex.vault, restore: ex.tokenized }, deps.redactor);
  const error = (parsed as Record<string, unknown>).error;
  if (error && typeof error === 'object' && !Array.isArray(error)) (error as Record<string, unknown>).decision_id = ex.id;
  return JSON.stringify(parsed);
}
