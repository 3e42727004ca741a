import type { WardenError } from '../core/errors.js';
import { formatSse } from './sse.js';

/** OpenAI-style error body: what the openai SDK reads into APIError. */
export function openaiErrorBody(err: WardenError, decisionId: string): unknown {
  return {
    error: {
      message: `${err.message} (decision ${decisionId})`,
      type: err.type,
      param: null,
      code: err.code,
      decision_id: decisionId,
      ...err.extra,
    },
  };
}

/** Anthropic-style error body. */
export function anthropicErrorBody(err: WardenError, decisionId: string): unknown {
  const type = err.status === 413 ? 'request_too_large' : err.type;
  return {
    type: 'error',
    error: { type, message: `${err.message} (decision ${decisionId})`, code: err.code, decision_id: decisionId, ...err.extra },
    decision_id: decisionId,
  };
}

/** Chat-completions stream error: a data line with an `error` object, as the openai SDK expects. */
export function openaiChatStreamError(err: WardenError, decisionId: string): string {
  return formatSse(undefined, JSON.stringify(openaiErrorBody(err, decisionId)));
}

/** Responses stream error event. */
export function openaiResponsesStreamError(err: WardenError, decisionId: string): string {
  const body = openaiErrorBody(err, decisionId) as { error: Record<string, unknown> };
  return formatSse('error', JSON.stringify({ type: 'error', ...body.error }));
}

/** Anthropic stream error event. */
export function anthropicStreamError(err: WardenError, decisionId: string): string {
  return formatSse('error', JSON.stringify(anthropicErrorBody(err, decisionId)));
}
