// The review queue of held requests: list, show, approve, deny.
import { z } from 'zod';
import type { ReviewRecord } from '../../store/types.js';
import { reviewDecisionSchema } from '../../changes/schemas.js';
import { notFound, route, type AdminCall, type AdminRoute } from './context.js';
import { reviewSchema } from './schemas.js';

export const reviewListQuery = z.object({ status: z.enum(['pending', 'approved', 'denied', 'expired']).optional() }).strict();
export { reviewDecisionSchema };

/** A review with its waiting time against the SLA. */
function withWaiting(r: ReviewRecord, slaMinutes: number, now = Date.now()) {
  const end = r.decidedAt ? Date.parse(r.decidedAt) : now;
  const minutes = Math.round((end - Date.parse(r.createdAt)) / 60_000);
  return { ...r, waiting: { minutes, slaMinutes, overSla: minutes > slaMinutes } };
}

async function decide(call: AdminCall, status: 'approved' | 'denied') {
  return withWaiting(await call.changes.decideReview(call.params.id, status, call.body), call.deps.reviewSlaMinutes);
}

export function reviewRoutes(): AdminRoute[] {
  return [
    route<unknown, z.infer<typeof reviewListQuery>>({
      method: 'GET',
      path: '/reviews',
      tag: 'oversight',
      summary: 'List reviews (pending first by age when filtered), with waiting time against the SLA',
      query: reviewListQuery,
      response: z.array(reviewSchema),
      handler: (call) => call.deps.store.reviews.list(call.query.status ? { status: call.query.status } : {}).map((r) => withWaiting(r, call.deps.reviewSlaMinutes)),
    }),
    route({
      method: 'GET',
      path: '/reviews/:id',
      tag: 'oversight',
      summary: 'One review: principal, system, supplier, findings, masked excerpt',
      response: reviewSchema,
      handler(call) {
        const r = call.deps.store.reviews.get(call.params.id);
        if (!r) throw notFound(`review ${call.params.id}`);
        return withWaiting(r, call.deps.reviewSlaMinutes);
      },
    }),
    route<z.infer<typeof reviewDecisionSchema>>({
      method: 'POST',
      path: '/reviews/:id/approve',
      tag: 'oversight',
      summary: 'Approve a held request: the same request may then go through once while the approval is valid',
      body: reviewDecisionSchema,
      response: reviewSchema,
      handler: (call) => decide(call, 'approved'),
    }),
    route<z.infer<typeof reviewDecisionSchema>>({
      method: 'POST',
      path: '/reviews/:id/deny',
      tag: 'oversight',
      summary: 'Deny a held request',
      body: reviewDecisionSchema,
      response: reviewSchema,
      handler: (call) => decide(call, 'denied'),
    }),
  ];
}
