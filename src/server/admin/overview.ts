// The console's first screen: decisions over time, top rules, findings, holds waiting, kill
// switches in force and the audit log's size, in one answer.
import { z } from 'zod';
import { ACTIONS } from '../../core/types.js';
import { logOverview } from '../../audit/overview.js';
import { route, type AdminRoute } from './context.js';
import { killSwitchSchema } from './schemas.js';

const SPANS = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export const overviewQuery = z
  .object({
    since: z.enum(['24h', '7d', '30d']).default('24h'),
    /** Default: hours for 24h, days otherwise. */
    bucket: z.enum(['hour', 'day']).optional(),
  })
  .strict();

const actionCounts = z.object(Object.fromEntries(ACTIONS.map((a) => [a, z.number().int()])) as Record<(typeof ACTIONS)[number], z.ZodNumber>);
const time = z.string().describe('ISO 8601 time');

export const overviewSchema = z.object({
  since: time,
  until: time,
  bucket: z.enum(['hour', 'day']),
  decisions: z.array(z.object({ start: time.describe('start of the bucket (UTC)'), total: z.number().int(), actions: actionCounts })).describe('decision records per bucket by action, oldest first'),
  totals: actionCounts.describe('decisions in the period by action'),
  topRules: z.array(z.object({ id: z.string(), count: z.number().int() })).describe('rules that matched most (requests and responses)'),
  findings: z.array(z.object({ type: z.string(), count: z.number().int(), records: z.number().int() })).describe('findings by type: how many, in how many records'),
  holds: z.object({
    waiting: z.number().int(),
    oldestSeconds: z.number().int().nullable().describe('age of the oldest pending review'),
    overSla: z.number().int().describe('pending reviews waiting longer than the SLA'),
    slaSeconds: z.number().int(),
  }),
  killSwitches: z.array(killSwitchSchema).describe('kill switches in force'),
  log: z.object({
    size: z.number().int().describe('leaves in the audit log'),
    checkpoint: z.object({ size: z.number().int(), time }).nullable().describe('the latest signed checkpoint'),
  }),
});

export function overviewRoutes(): AdminRoute[] {
  return [
    route<unknown, z.infer<typeof overviewQuery>>({
      method: 'GET',
      path: '/overview',
      tag: 'overview',
      summary: 'Dashboard: decisions over time by action, top rules, findings by type, holds waiting, kill switches in force, audit log size',
      query: overviewQuery,
      response: overviewSchema,
      handler(call) {
        const now = Date.now();
        const until = new Date(now).toISOString();
        const since = new Date(now - SPANS[call.query.since]).toISOString();
        const bucket = call.query.bucket ?? (call.query.since === '24h' ? 'hour' : 'day');
        const store = call.deps.auditStore();
        const logView = logOverview(store, since, until, bucket);
        const pending = call.deps.store.reviews.list({ status: 'pending' });
        const slaSeconds = call.deps.reviewSlaMinutes * 60;
        const ages = pending.map((r) => Math.max(0, Math.floor((now - Date.parse(r.createdAt)) / 1000)));
        const cp = store.latestCheckpoint();
        return {
          ...logView,
          holds: { waiting: pending.length, oldestSeconds: ages.length ? Math.max(...ages) : null, overSla: ages.filter((a) => a > slaSeconds).length, slaSeconds },
          killSwitches: call.deps.store.killSwitches.active(),
          log: { size: store.size(), checkpoint: cp ? { size: cp.size, time: cp.time } : null },
        };
      },
    }),
  ];
}
