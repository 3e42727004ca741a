import type { FastifyReply } from 'fastify';
import { WardenError } from '../core/errors.js';
import { SseReader } from '../providers/sse.js';
import { upstreamFailure } from '../providers/clients/http.js';
import type { UpstreamResponse } from '../providers/clients/types.js';
import type { Exchange } from './exchange.js';
import type { Gateway } from './gateway.js';
import { StreamGuard } from './stream.js';
import { admitAnswer, maskedErrorBody } from './response.js';

const MAX_ERROR_BODY = 64 * 1024;

/** Common response headers of a gateway answer whose action is known. */
export function wardenHeaders(ex: Exchange, action: string): Record<string, string> {
  const h: Record<string, string> = { 'x-warden-decision-id': ex.id, 'x-warden-action': action };
  if (ex.warnings.length) h['x-warden-warning'] = ex.warnings.join('; ').replace(/[\r\n]/g, ' ');
  if (ex.reviewId) h['x-warden-review-id'] = ex.reviewId;
  return h;
}

/** Headers of a stream: the request's action only; the final one is a trailer. */
function streamHeaders(ex: Exchange): Record<string, string> {
  const h = wardenHeaders(ex, ex.decision!.action);
  delete h['x-warden-action'];
  h['x-warden-request-action'] = ex.decision!.action;
  h['content-type'] = 'text/event-stream; charset=utf-8';
  h['cache-control'] = 'no-cache';
  h.connection = 'keep-alive';
  h.trailer = 'x-warden-action';
  return h;
}

/** The action of a whole exchange: the answer's decision where it changed something, else the request's. */
export function finalAction(ex: Exchange): string {
  const r = ex.responseDecision;
  if (ex.error === 'WARDEN_RESPONSE_BLOCKED') return 'block';
  return r && r.action !== 'allow' ? r.action : ex.decision!.action;
}

/** Ends a stream: an SSE comment and an HTTP trailer name the final action (clients ignore comments). */
function endStream(raw: FastifyReply['raw'], ex: Exchange, last?: string): void {
  const action = finalAction(ex);
  raw.write(`${last ?? ''}: warden action=${action} decision=${ex.id}\n\n`);
  raw.addTrailers({ 'x-warden-action': action });
  raw.end();
}

/** Reads an upstream error answer and turns it into what the client gets: supplier 4xx pass through (scrubbed), the rest become Warden errors. */
async function upstreamErrorBody(gw: Gateway, ex: Exchange, res: UpstreamResponse): Promise<{ status: number; body: string } | WardenError> {
  let text = '';
  try {
    for await (const chunk of res.body) {
      text += Buffer.from(chunk).toString();
      if (text.length > MAX_ERROR_BODY) {
        res.cancel();
        break;
      }
    }
  } catch {
    // The body was cut; what arrived is enough to report.
  }
  const supplier = ex.supplier!;
  if (res.status === 401 || res.status === 403)
    return new WardenError('WARDEN_UPSTREAM_ERROR', `Supplier ${supplier.id} refused Warden's credentials (status ${res.status})`);
  if (res.status >= 500 || res.status < 400) return new WardenError('WARDEN_UPSTREAM_ERROR', `Supplier ${supplier.id} answered with status ${res.status}`);
  if (supplier.api_key) text = text.split(supplier.api_key).join('[REDACTED]');
  const body = await maskedErrorBody(gw.deps, ex, text);
  return body === undefined ? new WardenError('WARDEN_UPSTREAM_ERROR', `Supplier ${supplier.id} answered with status ${res.status}`) : { status: res.status, body };
}

/** Sends the (possibly edited) request upstream and answers the client, enforcing policy on the response. */
export async function forward(gw: Gateway, ex: Exchange, reply: FastifyReply): Promise<void> {
  const abort = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableFinished) abort.abort();
  };
  reply.raw.once('close', onClose);
  // Only what was inspected goes out: Warden's model of the body, never the bytes received.
  const body = JSON.stringify(ex.body);
  ex.gatewayMs = performance.now() - ex.startedAt;
  ex.upstreamStartedAt = performance.now();
  let res: UpstreamResponse;
  try {
    res = await ex.client!.send({ endpoint: ex.adapter.endpoint, model: ex.upstreamModel!, body, stream: ex.request!.stream, signal: abort.signal });
  } catch (err) {
    ex.upstreamMs = performance.now() - ex.upstreamStartedAt;
    throw upstreamFailure(err, ex.supplier!.id);
  }
  ex.upstreamMs = performance.now() - ex.upstreamStartedAt;
  gw.deps.metrics.upstreamLatency.observe({ supplier: ex.supplier!.id }, ex.upstreamMs / 1000);

  if (res.status >= 400 || res.status < 200) {
    const e = await upstreamErrorBody(gw, ex, res);
    if (e instanceof WardenError) throw e;
    ex.status = e.status;
    ex.error = 'upstream_error';
    reply.code(e.status).headers(wardenHeaders(ex, ex.decision!.action)).type('application/json').send(e.body);
    await gw.recordCompletion(ex, false);
    return;
  }
  if (ex.request!.stream) await streamResponse(gw, ex, reply, res, abort);
  else await plainResponse(gw, ex, reply, res);
}

async function plainResponse(gw: Gateway, ex: Exchange, reply: FastifyReply, res: UpstreamResponse): Promise<void> {
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    throw upstreamFailure(err, ex.supplier!.id);
  }
  const t0 = performance.now();
  let body: string;
  try {
    body = await admitAnswer(gw.deps, ex, text);
  } finally {
    ex.gatewayMs += performance.now() - t0;
  }
  ex.status = 200;
  const changedByPolicy = ex.responseDecision !== undefined && ex.responseDecision.action !== 'allow';
  const action = changedByPolicy ? ex.responseDecision!.action : ex.decision!.action;
  // A response that policy changed is recorded before the client sees it.
  if (changedByPolicy) await gw.recordCompletion(ex, true);
  reply.code(200).headers(wardenHeaders(ex, action)).type('application/json').send(body);
  if (!changedByPolicy) await gw.recordCompletion(ex, false);
}

async function streamResponse(gw: Gateway, ex: Exchange, reply: FastifyReply, res: UpstreamResponse, abort: AbortController): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  // The answer is not known when headers go out: they say what the request's decision was, and
  // the final action follows as a trailer and an SSE comment (streamHeaders).
  raw.writeHead(200, streamHeaders(ex));
  ex.status = 200;
  let writable = true;
  const guard = new StreamGuard(gw, ex, (s) => {
    writable = raw.write(s) && writable;
  });
  gw.trackStream(ex, guard, abort);
  const reader = new SseReader();
  let cutBy: WardenError | undefined;
  try {
    for await (const chunk of res.body) {
      // What one upstream chunk releases goes out in one write, not one system call per event.
      raw.cork();
      try {
        for (const ev of reader.push(chunk)) {
          const pending = guard.onEvent(ev);
          if (pending) await pending;
        }
      } finally {
        raw.uncork();
      }
      if (guard.blocked) break;
      if (!writable) {
        writable = true;
        if (raw.destroyed) break;
        await new Promise<void>((resolve) => {
          raw.once('drain', resolve);
          raw.once('close', resolve);
        });
      }
    }
    if (!guard.blocked) {
      for (const ev of reader.end()) {
        const pending = guard.onEvent(ev);
        if (pending) await pending;
      }
    }
  } catch (err) {
    if (!abort.signal.aborted) {
      const mapped = upstreamFailure(err, ex.supplier!.id);
      cutBy = mapped.code === 'WARDEN_UPSTREAM_TIMEOUT' ? mapped : new WardenError('WARDEN_UPSTREAM_STREAM_CUT', `Supplier ${ex.supplier!.id} ended the stream early`);
    }
  } finally {
    gw.untrackStream(ex);
  }
  if (abort.signal.aborted && !guard.blocked) {
    // The client went away: the supplier request is already aborted.
    ex.error = 'client_disconnected';
    ex.streamCompleted = false;
    await gw.recordCompletion(ex, false);
    return;
  }
  let endErr: WardenError | undefined = guard.blocked;
  if (!endErr && !guard.sawDone) {
    guard.finalize();
    endErr = guard.blocked ?? cutBy ?? new WardenError('WARDEN_UPSTREAM_STREAM_CUT', `Supplier ${ex.supplier!.id} ended the stream early`);
  }
  if (endErr) {
    res.cancel();
    ex.error = endErr.code;
    ex.streamCompleted = false;
    try {
      await gw.recordCompletion(ex, true);
    } catch (err) {
      endErr = err as WardenError;
    }
    if (!raw.destroyed) endStream(raw, ex, ex.adapter.streamErrorEvent(endErr, ex.id));
    return;
  }
  ex.streamCompleted = true;
  endStream(raw, ex);
  await gw.recordCompletion(ex, false);
}
