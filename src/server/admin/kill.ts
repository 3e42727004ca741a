// Kill switches: suspend an AI system, supplier, model, user or all traffic; resume.
import { z } from 'zod';
import { AdminError, route, type AdminRoute } from './context.js';
import { killSwitchSchema } from './schemas.js';

const SCOPES = ['system', 'supplier', 'model', 'user', 'all'] as const;

const targetFields = {
  scope: z.enum(SCOPES),
  /** The system, supplier, model or user id; omitted (or `*`) for `all`. */
  target: z.string().min(1).max(200).optional(),
};
function checkTarget(o: { scope: string; target?: string }, ctx: z.RefinementCtx) {
  if (o.scope === 'all' && o.target && o.target !== '*') ctx.addIssue({ code: 'custom', path: ['target'], message: '`all` takes no target' });
  if (o.scope !== 'all' && !o.target) ctx.addIssue({ code: 'custom', path: ['target'], message: `name the ${o.scope}` });
}
export const killSetSchema = z.object({ ...targetFields, reason: z.string().trim().min(1, 'say why traffic stops').max(2000) }).strict().superRefine(checkTarget);
export const killResumeSchema = z.object({ ...targetFields, reason: z.string().trim().max(2000).optional() }).strict().superRefine(checkTarget);
export const killListQuery = z.object({ all: z.enum(['true', 'false']).optional() }).strict();

const targetOf = (b: { scope: (typeof SCOPES)[number]; target?: string }) => (b.scope === 'all' ? '*' : b.target!);

export function killRoutes(): AdminRoute[] {
  return [
    route<unknown, z.infer<typeof killListQuery>>({
      method: 'GET',
      path: '/kill-switches',
      tag: 'oversight',
      summary: 'Active kill switches; with ?all=true also resumed ones',
      query: killListQuery,
      response: z.array(killSwitchSchema),
      handler: (call) => (call.query.all === 'true' ? call.deps.store.killSwitches.list() : call.deps.store.killSwitches.active()),
    }),
    route<z.infer<typeof killSetSchema>>({
      method: 'POST',
      path: '/kill-switches',
      tag: 'oversight',
      summary: 'Suspend a target; running gateways on the same data stop its traffic and end its streams within a second',
      body: killSetSchema,
      response: killSwitchSchema,
      status: 201,
      async handler(call) {
        const target = targetOf(call.body);
        const r = call.deps.store.killSwitches.set(call.body.scope, target, call.body.reason, call.actor);
        if (!r.created) throw new AdminError('WARDEN_ADMIN_CONFLICT', `${call.body.scope} ${target} is already suspended since ${r.record.setAt}`);
        await call.record('kill.set', `${call.body.scope}:${target}`, null, r.record);
        return r.record;
      },
    }),
    route<z.infer<typeof killResumeSchema>>({
      method: 'POST',
      path: '/kill-switches/resume',
      tag: 'oversight',
      summary: 'Lift the active kill switch on a target',
      body: killResumeSchema,
      response: killSwitchSchema,
      async handler(call) {
        const target = targetOf(call.body);
        const r = call.deps.store.killSwitches.resume(call.body.scope, target, call.actor);
        if (!r) throw new AdminError('WARDEN_ADMIN_NOT_FOUND', `${call.body.scope} ${target} is not suspended`);
        try {
          await call.record('kill.resume', `${call.body.scope}:${target}`, r.before, r.after, call.body.reason ? { reason: call.body.reason } : undefined);
        } catch (err) {
          // Traffic does not resume on a change nobody can prove: the switch is set again.
          call.deps.store.killSwitches.set(r.before.scope, r.before.target, r.before.reason, r.before.setBy);
          throw err;
        }
        return r.after;
      },
    }),
  ];
}
