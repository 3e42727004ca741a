// Who is signed in, from `GET /api/auth/me`: user, roles, the operations they may call and the
// CSRF token for changes. Every screen reads it through useAuth(); `Can` reads `allowed`.
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, call, onUnauthenticated, setCsrfToken } from '../api/client';
import { ApiError } from '../api/errors';

// The answer is read leniently: fields still being added on the server (allowed, csrfToken) may
// be missing, and an older server calls `allowed` `endpoints`.
const meSchema = z.object({
  user: z.string(),
  roles: z.array(z.string()).catch([]),
  via: z.string().optional().catch(undefined),
  actor: z.string().optional().catch(undefined),
  allowed: z.array(z.string()).optional().catch(undefined),
  endpoints: z.array(z.string()).optional().catch(undefined),
  csrfToken: z.string().optional().catch(undefined),
});

export interface Me {
  user: string;
  roles: string[];
  via?: string;
  actor?: string;
  /** Permission keys ("POST /api/kill-switches"); null when the server did not say. */
  allowed: ReadonlySet<string> | null;
  csrfToken?: string;
}

export function parseMe(raw: unknown): Me {
  const m = meSchema.parse(raw);
  const list = m.allowed ?? m.endpoints;
  return { user: m.user, roles: m.roles, via: m.via, actor: m.actor, allowed: list ? new Set(list) : null, csrfToken: m.csrfToken };
}

export interface AuthState {
  /** Undefined while loading, null when nobody is signed in. */
  me: Me | null | undefined;
  loading: boolean;
  /** A failure other than "not signed in". */
  error: ApiError | null;
  /** Re-reads `me` (after sign-in). */
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export const ME_KEY = ['auth', 'me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    return parseMe(await call(api.GET('/api/auth/me')));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, retry: false, staleTime: 60_000 });
  const me = q.data;

  useEffect(() => setCsrfToken(me?.csrfToken), [me?.csrfToken]);

  // A 401 anywhere else means the session ended (expired, signed out elsewhere, account disabled):
  // forget everything cached for it and show sign-in.
  useEffect(
    () =>
      onUnauthenticated(() => {
        setCsrfToken(null);
        qc.setQueryData(ME_KEY, null);
        qc.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      }),
    [qc],
  );

  const refresh = useCallback(async () => {
    await qc.invalidateQueries({ queryKey: ME_KEY });
  }, [qc]);

  const signOut = useCallback(async () => {
    try {
      await call(api.POST('/api/auth/logout'));
    } finally {
      setCsrfToken(null);
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    }
  }, [qc]);

  const value = useMemo<AuthState>(
    () => ({ me, loading: q.isPending, error: q.error instanceof ApiError ? q.error : q.error ? new ApiError(0, 'NETWORK', String(q.error)) : null, refresh, signOut }),
    [me, q.isPending, q.error, refresh, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** For tests and stories: a fixed auth state without a server. */
export function StaticAuthProvider({ me, children }: { me: Me | null; children: ReactNode }) {
  useEffect(() => setCsrfToken(me?.csrfToken), [me?.csrfToken]);
  const value = useMemo<AuthState>(() => ({ me, loading: false, error: null, refresh: async () => {}, signOut: async () => {} }), [me]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
