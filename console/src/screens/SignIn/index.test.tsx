import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import SignIn, { safeNext } from './index';
import { fakeApi, renderWith } from '../../test/render';

function setup(login: (body: { user: string; password: string }) => { status?: number; body: unknown }, providers: unknown = { password: true, oidc: { enabled: false } }, path = '/signin') {
  const f = fakeApi({
    'POST /api/auth/login': (_req, body) => login(body as { user: string; password: string }),
    'GET /api/auth/providers': () => ({ body: providers }),
  });
  vi.stubGlobal('fetch', f.fetch);
  renderWith(
    <Routes>
      <Route path="/signin" element={<SignIn />} />
    </Routes>,
    { me: null, path },
  );
  return f;
}

describe('sign-in', () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it('says what is missing without asking the server', async () => {
    const f = setup(() => ({ body: {} }));
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter your user name.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(screen.getByLabelText('User')).toHaveAttribute('aria-invalid', 'true');
    expect(f.requests.filter((r) => r.path === '/api/auth/login')).toHaveLength(0);
  });

  it('shows a refused sign-in plainly, with the API code', async () => {
    const f = setup(() => ({ status: 401, body: { error: { code: 'WARDEN_ADMIN_LOGIN_FAILED', message: 'sign-in failed' } } }));
    await userEvent.type(screen.getByLabelText('User'), 'alice');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong password!');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not signed in');
    expect(alert).toHaveTextContent('Wrong user name or password');
    expect(alert).toHaveTextContent('WARDEN_ADMIN_LOGIN_FAILED');
    const login = f.requests.find((r) => r.path === '/api/auth/login')!;
    expect(login.body).toEqual({ user: 'alice', password: 'wrong password!', cookie: true });
  });

  it('says when to try again after too many attempts', async () => {
    setup(() => ({ status: 429, body: { error: { code: 'WARDEN_ADMIN_RATE_LIMITED', message: 'slow down' } } }));
    await userEvent.type(screen.getByLabelText('User'), 'alice');
    await userEvent.type(screen.getByLabelText('Password'), 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many sign-ins');
  });

  it('offers the identity provider only when OIDC is on', async () => {
    setup(() => ({ body: {} }), { password: true, oidc: { enabled: true, name: 'Okta', start: '/api/auth/oidc/start' } });
    const link = await screen.findByRole('link', { name: 'Sign in with your identity provider (Okta)' });
    expect(link.getAttribute('href')).toMatch(/^\/api\/auth\/oidc\/start/);
  });

  it('shows no identity-provider link without OIDC', async () => {
    const f = setup(() => ({ body: {} }), { password: true, oidc: { enabled: false } });
    await waitFor(() => expect(f.requests.some((r) => r.path === '/api/auth/providers')).toBe(true));
    expect(screen.queryByRole('link', { name: /identity provider/ })).toBeNull();
  });

  it('says in words why an identity-provider sign-in came back refused', async () => {
    setup(() => ({ body: {} }), undefined, '/signin?error=oidc_no_role');
    expect(await screen.findByRole('alert')).toHaveTextContent('no Warden role');
  });

  it('only returns to pages of the console after sign-in', () => {
    expect(safeNext('/reviews?x=1')).toBe('/reviews?x=1');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
