import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import AccountsScreen from './index';
import { fakeApi, person, renderWith } from '../../test/render';

afterEach(() => vi.unstubAllGlobals());

const ACCOUNT = { user: 'rita', role: 'reviewer', disabled: false, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', passwordSetAt: '2026-01-01T00:00:00Z' };
const TOKEN = { id: 't_1', kind: 'api', user: 'siem', role: 'auditor', name: 'export', createdAt: '2026-01-01T00:00:00Z', createdBy: 'api:admin', expiresAt: null, revokedAt: null };

function server() {
  const f = fakeApi({
    'GET /api/accounts': () => ({ body: [ACCOUNT] }),
    'POST /api/accounts': (_r, b) => ({ status: 201, body: { ...ACCOUNT, ...(b as object), passwordSetAt: null } }),
    'PATCH /api/accounts/:user': (_r, b) => ({ body: { ...ACCOUNT, ...(b as object) } }),
    'GET /api/tokens': () => ({ body: [TOKEN] }),
    'POST /api/tokens': (_r, b) => ({ status: 201, body: { ...TOKEN, id: 't_2', ...(b as object), token: 'wda_t_2_SECRETSECRET' } }),
    'DELETE /api/tokens/:id': () => ({ body: { ...TOKEN, revokedAt: '2026-01-02T00:00:00Z' } }),
    'GET /api/keys': () => ({ body: [] }),
  });
  vi.stubGlobal('fetch', f.fetch);
  return f;
}

describe('accounts and tokens', () => {
  it('shows a new token secret once, with a warning, and forgets it when closed', async () => {
    const f = server();
    renderWith(<AccountsScreen />);
    await screen.findByTestId('tokens-table');
    await userEvent.type(screen.getByLabelText(/Token user/), 'ci');
    await userEvent.type(screen.getByLabelText(/Token name/), 'deploys');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Your new API token' });
    expect(within(dialog).getByTestId('secret-once')).toHaveValue('wda_t_2_SECRETSECRET');
    expect(within(dialog).getByText(/only time it is shown/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Copy to clipboard' })).toBeInTheDocument();
    expect(f.requests.find((r) => r.method === 'POST')!.body).toEqual({ user: 'ci', role: 'auditor', name: 'deploys', expiresInDays: 90 });
    await userEvent.click(within(dialog).getByRole('button', { name: 'I have copied it' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(screen.queryByText('wda_t_2_SECRETSECRET')).toBeNull();
    expect(document.body.innerHTML).not.toContain('SECRETSECRET');
  });

  it('refuses a short password with the API schema before sending', async () => {
    const f = server();
    renderWith(<AccountsScreen />);
    await screen.findByTestId('accounts-table');
    await userEvent.type(screen.getByLabelText(/User name/), 'sam');
    await userEvent.type(screen.getByLabelText('Password'), 'short');
    await userEvent.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByText(/password needs at least 12 characters/)).toBeInTheDocument();
    expect(f.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('disables an account after confirming', async () => {
    const f = server();
    renderWith(<AccountsScreen />);
    await userEvent.click(await screen.findByRole('button', { name: 'Disable rita' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Disable rita?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Disable account' }));
    await waitFor(() => expect(f.requests.find((r) => r.method === 'PATCH')?.body).toEqual({ disabled: true }));
  });

  it('an auditor reads accounts and tokens but sees no change controls', async () => {
    server();
    renderWith(<AccountsScreen />, { me: person(['auditor'], ['GET /api/accounts', 'GET /api/tokens', 'GET /api/keys']) });
    await screen.findByTestId('tokens-table');
    expect(await screen.findByText('rita')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Disable|Revoke|Create/ })).toBeNull();
  });
});
