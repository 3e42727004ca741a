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

/** What the identity provider sign-in came back with (`/console/signin?error=…`), in words. */
export const OIDC_ERRORS: Record<string, string> = {
  oidc_denied: 'The identity provider did not sign you in (cancelled or refused).',
  oidc_error: 'The identity provider reported an error.',
  oidc_state: 'That sign-in link expired or was already used. Start again.',
  oidc_unreachable: 'Warden could not reach the identity provider.',
  oidc_exchange: 'The identity provider did not accept the sign-in code.',
  oidc_token: 'The identity token from the identity provider was not valid.',
  oidc_no_role: 'Your identity provider account has no Warden role. Ask an admin to map your group.',
  unavailable: 'Warden could not record the sign-in. Try again in a moment.',
};

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
  const providers = useQuery({ queryKey: ['auth', 'providers'], queryFn: () => call(api.GET('/api/auth/providers')), staleTime: Infinity });
  const oidcError = params.get('error');
  const { control, handleSubmit, formState } = useForm<SignInForm>({ resolver: zodResolver(signInSchema), defaultValues: { user: '', password: '' } });

  if (me) return <Navigate to={next} replace />;

  const onSubmit = handleSubmit(async ({ user, password }) => {
    setError(null);
    try {
      // `cookie: true`: the session lives in an HttpOnly cookie, never in page script.
      await call(api.POST('/api/auth/login', { body: { user, password, cookie: true } }));
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
          {oidcError && !error ? (
            <p className="error-box" role="alert">
              {OIDC_ERRORS[oidcError] ?? 'Sign-in with the identity provider failed.'}
            </p>
          ) : null}
          {error ? <ApiErrorMessage error={error} title="Not signed in" /> : null}
          <Button type="submit" className="button button-primary button-wide" isDisabled={formState.isSubmitting}>
            {formState.isSubmitting ? 'Signing in…' : 'Sign in'}
          </Button>
        </Form>
        {providers.data?.oidc.enabled ? (
          <>
            <p className="divider">
              <span>or</span>
            </p>
            <a className="button button-wide" href={oidcHref}>
              Sign in with your identity provider{providers.data.oidc.name ? ` (${providers.data.oidc.name})` : ''}
            </a>
          </>
        ) : null}
      </main>
    </div>
  );
}
