import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import KillSwitches from './index';
import { fakeApi, person, renderWith } from '../../test/render';
import type { KillSwitch } from '../../api/types';

const REVIEWER = person(['reviewer'], ['GET /api/kill-switches', 'POST /api/kill-switches', 'POST /api/kill-switches/resume']);

afterEach(() => vi.unstubAllGlobals());

function server() {
  let list: KillSwitch[] = [];
  const f = fakeApi({
    'GET /api/kill-switches': () => ({ body: list }),
    'POST /api/kill-switches': (_r, body) => {
      const b = body as { scope: KillSwitch['scope']; target?: string; reason: string };
      const k: KillSwitch = { id: 'ks_1', scope: b.scope, target: b.target ?? '*', reason: b.reason, setBy: 'api:rita', setAt: new Date().toISOString(), resumedBy: null, resumedAt: null };
      list = [k];
      return { status: 201, body: k };
    },
    'POST /api/kill-switches/resume': () => {
      const k = { ...list[0], resumedBy: 'api:rita', resumedAt: new Date().toISOString() };
      list = [];
      return { body: k };
    },
  });
  vi.stubGlobal('fetch', f.fetch);
  return f;
}

describe('kill switches', () => {
  it('will not set a kill switch without a reason, and sets it with one', async () => {
    const f = server();
    renderWith(<KillSwitches />, { me: REVIEWER });
    await screen.findByText('No kill switch in force');
    await userEvent.type(screen.getByLabelText(/AI system id/), 'hr-bot');
    await userEvent.click(screen.getByRole('button', { name: 'Set kill switch…' }));

    const dialog = await screen.findByRole('alertdialog', { name: 'Stop ai system hr-bot?' });
    const stop = within(dialog).getByRole('button', { name: 'Stop traffic' });
    expect(stop).toBeDisabled();
    // Spaces are not a reason.
    await userEvent.type(within(dialog).getByLabelText(/Reason/), '   ');
    expect(stop).toBeDisabled();
    await userEvent.keyboard('{Enter}');
    expect(f.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'INC-42 salary data in answers');
    await userEvent.click(stop);
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    const post = f.requests.find((r) => r.method === 'POST')!;
    expect(post.body).toEqual({ scope: 'system', target: 'hr-bot', reason: 'INC-42 salary data in answers' });
    expect(post.headers.get('x-warden-csrf')).toBe('csrf-test-token');
    expect(await screen.findByText('INC-42 salary data in answers')).toBeInTheDocument();
  });

  it('Escape cancels without setting anything, and focus returns to the button', async () => {
    const f = server();
    renderWith(<KillSwitches />, { me: REVIEWER });
    await screen.findByText('No kill switch in force');
    await userEvent.type(screen.getByLabelText(/AI system id/), 'hr-bot');
    const open = screen.getByRole('button', { name: 'Set kill switch…' });
    await userEvent.click(open);
    await screen.findByRole('alertdialog');
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(f.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('a viewer sees kill switches but is told they cannot set them', async () => {
    server();
    renderWith(<KillSwitches />, { me: person(['viewer'], ['GET /api/kill-switches']) });
    expect(await screen.findByText('Your role (viewer) cannot set kill switches.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Set kill switch…' })).toBeDisabled();
  });
});
