// Kill switches: suspend an AI system, supplier, model, user or all traffic; resume.
import { z } from 'zod';
import { killResumeSchema, killSetSchema } from '../../changes/schemas.js';
import { route, type AdminRoute } from './context.js';
import { killSwitchSchema } from './schemas.js';

export { killResumeSchema, killSetSchema };
export const killListQuery = z.object({ all: z.enum(['true', 'false']).optional() }).strict();

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
    route({
      method: 'POST',
      path: '/kill-switches',
      tag: 'oversight',
      summary: 'Suspend a target; running gateways on the same data stop its traffic and end its streams within a second',
      body: killSetSchema,
      response: killSwitchSchema,
      status: 201,
      handler: (call) => call.changes.setKill(call.body),
    }),
    route({
      method: 'POST',
      path: '/kill-switches/resume',
      tag: 'oversight',
      summary: 'Lift the active kill switch on a target',
      body: killResumeSchema,
      response: killSwitchSchema,
      handler: (call) => call.changes.resumeKill(call.body),
    }),
  ];
}
