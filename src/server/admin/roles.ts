// The admin API's roles and what each is for; permissions.ts says endpoint by endpoint.
import { ROLES, type Role } from '../../store/accounts.js';

export { ROLES, type Role };

export const ROLE_DESCRIPTIONS: Readonly<Record<Role, string>> = {
  admin: 'everything: accounts, tokens, Warden keys, the inventory and supplier register, approvals',
  'policy-author': 'reads the records and policy; checks policy changes; keeps the risk register and impact assessments',
  reviewer: 'human oversight: decides held requests, sets and lifts kill switches, handles incidents',
  auditor: 'reads everything (including the audit log, accounts and tokens) and exports evidence; changes nothing',
  viewer: 'reads the inventory, suppliers, risks, assessments, incidents, policy and kill switches',
};

export function isRole(v: unknown): v is Role {
  return typeof v === 'string' && (ROLES as readonly string[]).includes(v);
}
