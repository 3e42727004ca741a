import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Reviews from './index';
import { fakeApi, person, renderWith } from '../../test/render';
import type { Review } from '../../api/types';

function review(over: Partial<Review> = {}): Review {
  const now = Date.now();
  return {
    id: 'rv_1',
    decisionId: '01JDEC1',
    fingerprint: 'fp1',
    reviewers: ['oversight'],
    validityMs: 3_600_000,
    user: 'dana@example.com',
    system: 'hr-bot',
    supplier: 'openai',
    model: 'gpt-4o-mini',
    rules: ['pii.salary-hold'],
    findings: [{ type: 'iban', count: 1 }],
    excerpt: 'Please pay [IBAN] the bonus',
    status: 'pending',
    createdAt: new Date(now - 3 * 60_000).toISOString(),
    expiresAt: new Date(now + 60 * 60_000).toISOString(),
    decidedAt: null,
    decidedBy: null,
    reason: null,
    validUntil: null,
    usedAt: null,
    waiting: { minutes: 3, slaMinutes: 15, overSla: false },
    ...over,
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('review queue', () => {
  it('approves with a reason, sends the CSRF header, and the request leaves the queue', async () => {
    let pending = [review(), review({ id: 'rv_2', user: 'eli@example.com', decisionId: '01JDEC2' })];
    const f = fakeApi({
      'GET /api/reviews': () => ({ body: pending }),
      'POST /api/reviews/:id/approve': (req, body) => {
        const id = new URL(req.url).pathname.split('/')[3];
        const r = pending.find((x) => x.id === id)!;
        pending = pending.filter((x) => x.id !== id);
        return { body: { ...r, status: 'approved', reason: (body as { reason: string }).reason, decidedBy: 'api:rita' } };
      },
    });
    vi.stubGlobal('fetch', f.fetch);
    renderWith(<Reviews />, { me: person(['reviewer'], ['GET /api/reviews', 'POST /api/reviews/:id/approve', 'POST /api/reviews/:id/deny']) });

    const table = await screen.findByRole('grid', { name: 'Held requests waiting for review' });
    expect(within(table).getAllByText('Please pay [IBAN] the bonus')).toHaveLength(2);
    expect(within(table).getAllByTestId('sla-countdown')[0]).toHaveTextContent(/left/);

    await userEvent.click(screen.getByRole('button', { name: 'Approve review rv_1' }));
    const dialog = await screen.findByRole('alertdialog');
    const confirm = within(dialog).getByRole('button', { name: 'Approve' });
    expect(confirm).toBeDisabled();
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'clinical need, patient consented');
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);

    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    const post = f.requests.find((r) => r.method === 'POST')!;
    expect(post.path).toBe('/api/reviews/rv_1/approve');
    expect(post.body).toEqual({ reason: 'clinical need, patient consented' });
    expect(post.headers.get('x-warden-csrf')).toBe('csrf-test-token');
    await waitFor(() => expect(screen.queryByText('dana@example.com')).toBeNull());
    expect(screen.getByText('eli@example.com')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('announcer')).toHaveTextContent('Approved the request of dana@example.com'));
  });

  it('keeps the dialog open and shows the API error when the decision is refused', async () => {
    const f = fakeApi({
      'GET /api/reviews': () => ({ body: [review()] }),
      'POST /api/reviews/:id/deny': () => ({ status: 409, body: { error: { code: 'WARDEN_ADMIN_CONFLICT', message: 'review rv_1 was already approved by api:sam' } } }),
    });
    vi.stubGlobal('fetch', f.fetch);
    renderWith(<Reviews />, { me: person(['reviewer'], ['GET /api/reviews', 'POST /api/reviews/:id/approve', 'POST /api/reviews/:id/deny']) });
    await userEvent.click(await screen.findByRole('button', { name: 'Deny review rv_1' }));
    const dialog = await screen.findByRole('alertdialog');
    await userEvent.type(within(dialog).getByLabelText(/Reason/), 'no consent');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deny' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('already approved by api:sam');
    expect(alert).toHaveTextContent('WARDEN_ADMIN_CONFLICT');
  });

  it('an auditor sees the queue but cannot decide, and is told why', async () => {
    vi.stubGlobal('fetch', fakeApi({ 'GET /api/reviews': () => ({ body: [review()] }) }).fetch);
    renderWith(<Reviews />, { me: person(['auditor'], ['GET /api/reviews']) });
    expect(await screen.findByRole('button', { name: 'Approve review rv_1' })).toBeDisabled();
    expect(screen.getByText('your role (auditor) cannot approve held requests')).toBeInTheDocument();
  });

  it('shows an empty queue as such', async () => {
    vi.stubGlobal('fetch', fakeApi({ 'GET /api/reviews': () => ({ body: [] }) }).fetch);
    renderWith(<Reviews />);
    expect(await screen.findByText('Nothing waiting')).toBeInTheDocument();
  });
});
