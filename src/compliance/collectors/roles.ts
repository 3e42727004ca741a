// AI roles and responsibilities (ISO 42001 A.3.2): the admin API's accounts hold distinct roles
// (someone administers, someone reviews held requests or audits), each assignment is an admin
// record, and every AI system in the inventory names its owner.
import type { Collector } from './context.js';
import { activeSystems } from './context.js';

const ROLE_OPS = new Set(['account.create', 'account.update']);

export const roles: Collector = (ctx) => {
  const accounts = ctx.store.accounts.list().filter((a) => !a.disabled);
  const byRole = new Map<string, string[]>();
  for (const a of accounts) byRole.set(a.role, [...(byRole.get(a.role) ?? []), a.user]);
  const assignments = ctx.adminHistory().filter((r) => ROLE_OPS.has(r.op));
  const recorded = new Set(assignments.map((r) => r.target));
  const unrecorded = accounts.filter((a) => !recorded.has(a.user));
  const oversight = [...(byRole.get('reviewer') ?? []), ...(byRole.get('auditor') ?? [])];
  const systems = activeSystems(ctx);
  const ownerless = systems.filter((s) => !s.owner.trim());
  const check = 'Roles are assigned to named people: administration apart from review or audit, each assignment recorded, every AI system with an owner';
  const problems = [
    accounts.length === 0 ? 'no active account of the admin API: nobody holds a role' : '',
    accounts.length && !byRole.has('admin') ? 'no active admin' : '',
    accounts.length && oversight.length === 0 ? 'nobody holds the reviewer or auditor role: oversight duties are not allocated' : '',
    unrecorded.length ? `role assignments not in the audit log: ${unrecorded.map((a) => a.user).join(', ')}` : '',
    ownerless.length ? `systems without an owner: ${ownerless.map((s) => s.id).join(', ')}` : '',
  ].filter(Boolean);
  return [
    {
      check,
      status: accounts.length === 0 || !byRole.has('admin') ? 'gap' : problems.length ? 'partial' : 'met',
      detail:
        (accounts.length ? [...byRole].map(([r, us]) => `${r}: ${us.join(', ')}`).join('; ') : 'no accounts') +
        `; ${assignments.length} role assignments recorded; ${systems.length} systems, owners ${[...new Set(systems.map((s) => s.owner))].join(', ') || '-'}` +
        (problems.length ? `; ${problems.join('; ')}` : ''),
      counts: { accounts: accounts.length, roles: byRole.size, reviewersOrAuditors: oversight.length, assignmentsRecorded: assignments.length, unrecorded: unrecorded.length },
      records: [...accounts.map((a) => `account:${a.user}`), ...assignments.slice(-5).map((r) => r.id)],
    },
  ];
};
