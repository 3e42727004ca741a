import type { FastifyReply } from 'fastify';
import { WardenError } from '../core/errors.js';
import { setAtPath } from '../providers/edit.js';
import { SseReader } from '../providers/sse.js';
import { upstreamFailure } from '../providers/clients/http.js';
import type { UpstreamResponse } from '../providers/clients/types.js';
import type { Exchange } from './exchange.js';
import type { Gateway } from './gateway.js';
import { StreamGuard } from './stream-guard.js';
import { typeMatcher } from './deps.js';

const MAX_ERROR_BODY = 64 * 1024;

/** Common response headers of a gateway answer. */
export function wardenHeaders(ex: Exchange, action: string): Record<string, string> {
  const h: Record<string, string> = { 'x-warden-decision-id': ex.id, 'x-warden-action': action };
  if (ex.warnings.length) h['x-warden-warning'] = ex.warnings.join('; ').replace(/[\r\n]/g, ' ');
  if (ex.reviewId) h['x-warden-review-id'] = ex.reviewId;
  return h;
}

/** Reads an upstream error answer and turns it into what the client gets: supplier 4xx pass through (scrubbed), the rest become Warden errors. */
async function upstreamErrorBody(ex: Exchange, res: UpstreamResponse): Promise<{ status: number; body: string } | WardenError> {
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
  try {
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && parsed.error && typeof parsed.error === 'object') parsed.error.decision_id = ex.id;
    return { status: res.status, body: JSON.stringify(parsed) };
  } catch {
    return new WardenError('WARDEN_UPSTREAM_ERROR', `Supplier ${supplier.id} answered with status ${res.status}`);
  }
}

/** Sends the (possibly edited) request upstream and answers the client, enforcing policy on the response. */
export async function forward(gw: Gateway, ex: Exchange, reply: FastifyReply): Promise<void> {
  const abort = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableFinished) abort.abort();
  };
  reply.raw.once('close', onClose);
  const body = ex.bodyChanged ? JSON.stringify(ex.body) : ex.rawBody;
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
    const e = await upstreamErrorBody(ex, res);
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
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new WardenError('WARDEN_UPSTREAM_ERROR', `Supplier ${ex.supplier!.id} answered with a body that is not JSON`);
  }
  const t0 = performance.now();
  const { interaction, tokens } = ex.adapter.parseResponse(parsed, ex.request!);
  ex.tokens = tokens;
  const segs = interaction.segments;
  if (segs.length > 0) {
    try {
      ex.responseFindings = gw.deps.inspector.scanSegments(segs.map((s) => s.text));
    } catch (err) {
      gw.deps.log.error({ err, decision: ex.id }, 'detector failed on response');
      throw new WardenError('WARDEN_INSPECT_FAILED');
    }
  }
  let changed = false;
  if (segs.length > 0 || interaction.toolCalls.length > 0) {
    const d = gw.decide(ex, 'response', interaction, ex.responseFindings);
    ex.responseDecision = d;
    // An answer cannot wait for a reviewer: hold on a response stops it like block.
    if (d.action === 'block' || d.action === 'hold') {
      ex.gatewayMs += performance.now() - t0;
      throw new WardenError('WARDEN_RESPONSE_BLOCKED', d.message ?? undefined);
    }
    if (d.action === 'warn') ex.warnings.push(d.message ?? 'policy warning');
    if (d.redact) {
      const wanted = typeMatcher(d.redact.types);
      const method = d.redact.method === 'tokenize' ? 'mask' : d.redact.method;
      segs.forEach((seg, i) => {
        const list = ex.responseFindings.filter((f) => (f.segment ?? 0) === i && wanted(f));
        if (list.length === 0) return;
        seg.text = gw.deps.redactor.redact(seg.text, list, method, undefined);
        setAtPath(parsed, seg.path, seg.text);
        changed = true;
      });
    }
  }
  if (ex.tokenized) {
    for (const seg of segs) {
      const restored = gw.deps.redactor.restore(seg.text, ex.vault);
      if (restored !== seg.text) {
        setAtPath(parsed, seg.path, restored);
        changed = true;
      }
    }
  }
  ex.gatewayMs += performance.now() - t0;
  ex.status = 200;
  const action = ex.responseDecision && ex.responseDecision.action !== 'allow' ? ex.responseDecision.action : ex.decision!.action;
  // A response that policy changed is recorded before the client sees it.
  if (ex.responseDecision && ex.responseDecision.action !== 'allow') await gw.recordCompletion(ex, true);
  reply.code(200).headers(wardenHeaders(ex, action)).type('application/json').send(changed ? JSON.stringify(parsed) : text);
  if (!ex.responseDecision || ex.responseDecision.action === 'allow') await gw.recordCompletion(ex, false);
}

async function streamResponse(gw: Gateway, ex: Exchange, reply: FastifyReply, res: UpstreamResponse, abort: AbortController): Promise<void> {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    ...wardenHeaders(ex, ex.decision!.action),
  });
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
      for (const ev of reader.push(chunk)) guard.onEvent(ev);
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
    if (!guard.blocked) for (const ev of reader.end()) guard.onEvent(ev);
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
    if (!raw.destroyed) raw.end(ex.adapter.streamErrorEvent(endErr, ex.id));
    return;
  }
  ex.streamCompleted = true;
  raw.end();
  await gw.recordCompletion(ex, false);
}
