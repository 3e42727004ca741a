// Gate a control on the signed-in person's permissions. The server enforces them; this only
// keeps people from reaching for buttons that will answer 403, and tells them why.
import type { ReactNode } from 'react';
import { useAuth } from './AuthContext';
import { whyNot } from './permissions';

export interface Permission {
  allowed: boolean;
  /** Why not ("your role (viewer) cannot set kill switches"); null when allowed. */
  reason: string | null;
}

/**
 * Whether the signed-in person may call `op` ("POST /api/kill-switches", path parameters as
 * `:id`). When the server did not send the list, everything is allowed here and the server's 403
 * is shown instead.
 */
export function useCan(op: string): Permission {
  const { me } = useAuth();
  if (!me) return { allowed: false, reason: 'you are not signed in' };
  if (!me.allowed || me.allowed.has(op)) return { allowed: true, reason: null };
  return { allowed: false, reason: whyNot(op, me.roles) };
}

type CanProps =
  | {
      op: string;
      /** Render-prop form: the control decides how to look when not allowed (usually disabled + the reason). */
      children: (p: Permission) => ReactNode;
    }
  | {
      op: string;
      /** `hide` (default): render nothing when not allowed. `explain`: render the reason instead. */
      otherwise?: 'hide' | 'explain';
      children: ReactNode;
    };

/**
 * `<Can op="POST /api/kill-switches">…</Can>` hides its children unless allowed;
 * `otherwise="explain"` shows the reason instead; a function child gets `{allowed, reason}`.
 */
export function Can(props: CanProps) {
  const p = useCan(props.op);
  if (typeof props.children === 'function') return <>{props.children(p)}</>;
  if (p.allowed) return <>{props.children}</>;
  if ('otherwise' in props && props.otherwise === 'explain')
    return (
      <p className="permission-note" role="note">
        {capitalize(p.reason ?? '')}.
      </p>
    );
  return null;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
