import { request } from 'undici';
import type { Logger } from 'pino';
import type { ReviewRecord } from '../store/types.js';

/**
 * Posts a notice of a new review to a webhook (chat, ticketing, paging). Best effort with a few
 * retries: the review itself is already stored, so a missed notice loses nothing.
 */
export function reviewNotifier(hook: { url: string; headers: Record<string, string> }, slaMinutes: number, log: Logger): (r: ReviewRecord) => void {
  return (r) => {
    const body = JSON.stringify({
      type: 'warden.review.created',
      review: {
        id: r.id,
        decisionId: r.decisionId,
        user: r.user,
        system: r.system,
        supplier: r.supplier,
        model: r.model,
        rules: r.rules,
        findings: r.findings,
        excerpt: r.excerpt,
        reviewers: r.reviewers,
        createdAt: r.createdAt,
        expiresAt: r.expiresAt,
        slaDueAt: new Date(Date.parse(r.createdAt) + slaMinutes * 60_000).toISOString(),
      },
    });
    const send = async (attempt: number): Promise<void> => {
      try {
        const res = await request(hook.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...hook.headers },
          body,
          headersTimeout: 5000,
          bodyTimeout: 5000,
        });
        await res.body.dump();
        if (res.statusCode >= 300) throw new Error(`status ${res.statusCode}`);
      } catch (err) {
        if (attempt >= 3) {
          log.warn({ review: r.id, err: (err as Error).message }, 'review webhook failed');
          return;
        }
        setTimeout(() => void send(attempt + 1), 500 * 2 ** attempt).unref();
      }
    };
    void send(0);
  };
}
