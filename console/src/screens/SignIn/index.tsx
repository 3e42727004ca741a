// Sign-in: a local account (the server answers with an HttpOnly session cookie), or the company's
// identity provider when OIDC is configured.
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useQuery } from '@tanstack/react-query';
import { Navigate, useSearchParams } from 'react-router';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { api, call } from '../../api/client';
import { ApiError, asApiError } from '../../api/errors';
import { useAuth } from '../../auth/AuthContext';
import { ApiErrorMessage } from '../../components/States';

const signInSchema = z.object({
  user: z.string().trim().min(1, 'Enter your user name.'),
  password: z.string().min(1, 'Enter your password.'),
});
type SignInForm = z.infer<typeof signInSchema>;

interface Providers {
  oidc: boolean;
  /** The identity provider's name, when the server gives one. */
  oidcName?: string;
}

/** `GET /api/auth/providers`, read leniently: an older server without it means password only. */
async function fetchProviders(): Promise<Providers> {
  try {
    const res = await globalThis.fetch(`${location.origin}/api/auth/providers`, { credentials: 'same-origin' });
    if (!res.ok) return { oidc: false };
    const body = (await res.json()) as { oidc?: unknown };
    const o = body.oidc;
    if (o && typeof o === 'object') {
      const v = o as { enabled?: unknown; name?: unknown };
      return { oidc: v.enabled !== false, oidcName: typeof v.name === 'string' ? v.name : undefined };
    }
    return { oidc: o === true };
  } catch {
    return { oidc: false };
  }
}

/** Only paths inside the console: `next` must not send people to another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/signin') ? next : '/';
}

function explain(err: unknown): unknown {
  const e = asApiError(err);
  if (e.code === 'WARDEN_ADMIN_LOGIN_FAILED')
    return new ApiError(e.status, e.code, 'Wrong user name or password, or the account is locked or disabled. Ask an admin if it keeps happening.');
  if (e.code === 'WARDEN_ADMIN_RATE_LIMITED') return new ApiError(e.status, e.code, 'Too many sign-ins from this address just now.', [], e.retryAfter);
  return e;
}

export default function SignIn() {
  const { me, refresh } = useAuth();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [error, setError] = useState<unknown>(null);
  const providers = useQuery({ queryKey: ['auth', 'providers'], queryFn: fetchProviders, staleTime: Infinity });
  const { control, handleSubmit, formState } = useForm<SignInForm>({ resolver: zodResolver(signInSchema), defaultValues: { user: '', password: '' } });

  if (me) return <Navigate to={next} replace />;

  const onSubmit = handleSubmit(async ({ user, password }) => {
    setError(null);
    try {
      // `cookie: true`: the session lives in an HttpOnly cookie, never in page script.
      await call(api.POST('/api/auth/login', { body: { user, password, cookie: true } as never }));
      await refresh();
    } catch (err) {
      setError(explain(err));
    }
  });

  const oidcHref = `/api/auth/oidc/start?next=${encodeURIComponent(`/console${next === '/' ? '/' : next}`)}`;

  return (
    <div className="signin-page">
      <main id="main" tabIndex={-1} className="signin-card">
        <h1 className="signin-title">
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={28} height={28} />
          Sign in to Warden
        </h1>
        <p className="page-description">The console for reviewers, auditors, policy authors and admins.</p>
        <Form onSubmit={onSubmit} validationBehavior="aria" className="form" aria-label="Sign in">
          <Controller
            control={control}
            name="user"
            render={({ field: { ref, disabled, ...field }, fieldState }) => (
              <TextField className="field" {...field} ref={ref} isDisabled={disabled} isInvalid={fieldState.invalid} autoComplete="username" autoFocus>
                <Label>User</Label>
                <Input />
                <FieldError className="field-error">{fieldState.error?.message}</FieldError>
              </TextField>
            )}
          />
          <Controller
            control={control}
            name="password"
            render={({ field: { ref, disabled, ...field }, fieldState }) => (
              <TextField className="field" {...field} ref={ref} isDisabled={disabled} type="password" isInvalid={fieldState.invalid} autoComplete="current-password">
                <Label>Password</Label>
                <Input />
                <FieldError className="field-error">{fieldState.error?.message}</FieldError>
              </TextField>
            )}
          />
          {error ? <ApiErrorMessage error={error} title="Not signed in" /> : null}
          <Button type="submit" className="button button-primary button-wide" isDisabled={formState.isSubmitting}>
            {formState.isSubmitting ? 'Signing in…' : 'Sign in'}
          </Button>
        </Form>
        {providers.data?.oidc ? (
          <>
            <p className="divider">
              <span>or</span>
            </p>
            <a className="button button-wide" href={oidcHref}>
              Sign in with your identity provider{providers.data.oidcName ? ` (${providers.data.oidcName})` : ''}
            </a>
          </>
        ) : null}
      </main>
    </div>
  );
}
