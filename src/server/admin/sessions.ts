// Opening a session: the one way a password sign-in and an identity-provider sign-in both end.
import type { FastifyReply } from 'fastify';
import type { Role, TokenRecord } from '../../store/types.js';
import type { AdminCall } from './context.js';
import { secureCookie, setSessionCookie } from './session-cookie.js';

/**
 * Opens a session for someone who just proved who they are, records it (undone when the log
 * refuses), and for the console sets its cookie. `roles` marks a session from the identity provider.
 */
export async function openSession(
  call: AdminCall,
  reply: FastifyReply,
  who: { user: string; role: Role; roles?: Role[]; actor: string },
  cookie: boolean,
): Promise<{ token: string; record: TokenRecord }> {
  const { deps } = call;
  const expiresAt = new Date(Date.now() + deps.config.session_minutes * 60_000).toISOString();
  const made = deps.store.accounts.createToken({ kind: 'session', user: who.user, role: who.role, roles: who.roles, createdBy: who.actor, expiresAt });
  try {
    await call.recordAs(who.actor, 'session.create', made.record.id, null, made.record);
  } catch (err) {
    deps.store.accounts.revokeToken(made.record.id);
    throw err;
  }
  if (cookie) setSessionCookie(reply, made.token, expiresAt, secureCookie(reply.request, deps.config.cookie_secure));
  return made;
}
