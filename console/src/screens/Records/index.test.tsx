import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Records from './index';
import { fakeApi, person, renderWith } from '../../test/render';

afterEach(() => vi.unstubAllGlobals());

const SYSTEM = {
  id: 'hr-bot', name: 'HR bot', purpose: 'answers HR questions', owner: 'hr', lifecycle: 'production', role: 'deployer', euAiActClass: 'limited',
  dataCategories: [], suppliers: ['openai'], models: [], tools: null, oversight: [], reviewCadenceDays: 365, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
};
const aware = new Date(Date.now() - 3 * 86_400_000).toISOString();
const INCIDENT = {
  id: 'inc-1', title: 'Salary data leaked', description: '', severity: 'high', status: 'open', systems: ['hr-bot'], decisions: [], openedAt: aware, openedBy: 'api:rita', awareAt: aware,
  serious: { kinds: ['critical-infrastructure'], reportedAt: null }, timeline: [], updatedAt: aware,
};
const CANDIDATE = { systemId: 'sales-gpt', keyId: 'k_9', user: 'bob', firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-02T00:00:00Z', count: 42, registered: false };

function server() {
  const f = fakeApi({
    'GET /api/systems': () => ({ body: [SYSTEM] }),
    'POST /api/systems': (_r, b) => ({ status: 201, body: { ...SYSTEM, ...(b as object) } }),
    'PATCH /api/systems/:id': (_r, b) => ({ body: { ...SYSTEM, ...(b as object) } }),
    'GET /api/suppliers': () => ({ body: [] }),
    'GET /api/risks': () => ({ body: [] }),
    'GET /api/assessments': () => ({ body: [] }),
    'GET /api/incidents': () => ({ body: [INCIDENT] }),
    'GET /api/incidents/overdue': () => ({
      body: [{ id: 'inc-1', title: INCIDENT.title, status: 'open', art73: { basis: 'critical-infrastructure-or-widespread', days: 2, awareAt: aware, deadline: new Date(Date.parse(aware) + 2 * 86_400_000).toISOString(), reportedAt: null, overdue: true, late: false, remainingMs: -86_400_000 } }],
    }),
    'GET /api/discovery': () => ({ body: [CANDIDATE] }),
  });
  vi.stubGlobal('fetch', f.fetch);
  return f;
}

describe('AI management records', () => {
  it('registers a discovery candidate with its data in one confirmed click', async () => {
    const f = server();
    renderWith(<Records />, { path: '/records?tab=discovery' });
    await userEvent.click(await screen.findByRole('button', { name: 'Register sales-gpt' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Register sales-gpt?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Register AI system' }));
    await waitFor(() => expect(f.requests.find((r) => r.method === 'POST')).toBeTruthy());
    const post = f.requests.find((r) => r.method === 'POST')!;
    expect(post.path).toBe('/api/systems');
    expect(post.body).toMatchObject({ id: 'sales-gpt', name: 'sales-gpt', owner: 'bob', lifecycle: 'production', role: 'deployer', euAiActClass: 'minimal' });
    expect((post.body as { purpose: string }).purpose).toContain('k_9');
  });

  it("shows a serious incident's Art. 73 clock as overdue, in words", async () => {
    server();
    renderWith(<Records />, { path: '/records?tab=incidents' });
    const clock = await screen.findByTestId('art73');
    expect(clock).toHaveTextContent(/report OVERDUE by 1 d/);
    expect(clock).toHaveTextContent(/2 days, critical-infrastructure-or-widespread/);
    expect(await screen.findByRole('alert')).toHaveTextContent('inc-1');
  });

  it('checks a new AI system with the API schema and shows the problem on its field', async () => {
    const f = server();
    renderWith(<Records />);
    await screen.findByTestId('systems-table');
    await userEvent.click(screen.getByRole('button', { name: 'Add AI system' }));
    await userEvent.type(screen.getByLabelText(/System id/), 'cv-screen');
    await userEvent.type(screen.getByLabelText(/^Name/), 'CV screening');
    await userEvent.type(screen.getByLabelText(/^Purpose/), 'ranks applicants');
    await userEvent.type(screen.getByLabelText(/^Owner/), 'hr');
    await userEvent.selectOptions(screen.getByLabelText(/EU AI Act class/), 'high-risk');
    await userEvent.click(screen.getAllByRole('button', { name: 'Add AI system' }).at(-1)!);
    expect(await screen.findByText(/a high-risk system names its Annex III area/)).toBeInTheDocument();
    expect(screen.getByLabelText(/Annex III area/)).toHaveAttribute('aria-invalid', 'true');
    expect(f.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await userEvent.type(screen.getByLabelText(/Annex III area/), 'employment');
    await userEvent.click(screen.getAllByRole('button', { name: 'Add AI system' }).at(-1)!);
    await waitFor(() => expect(f.requests.find((r) => r.method === 'POST')?.body).toMatchObject({ id: 'cv-screen', euAiActClass: 'high-risk', annexIIIArea: 'employment', dataCategories: [] }));
  });

  it('puts the API problems on the fields they name', async () => {
    const f = fakeApi({
      'GET /api/systems': () => ({ body: [SYSTEM] }),
      'PATCH /api/systems/:id': () => ({ status: 400, body: { error: { code: 'WARDEN_ADMIN_INVALID', message: 'invalid AI system', problems: [{ field: 'owner', message: 'no such person' }] } } }),
      'GET /api/incidents/overdue': () => ({ body: [] }),
    });
    vi.stubGlobal('fetch', f.fetch);
    renderWith(<Records />);
    await userEvent.click(await screen.findByRole('button', { name: 'Edit AI system hr-bot' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('no such person')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Owner/)).toHaveAttribute('aria-invalid', 'true');
    const patch = f.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.body).not.toHaveProperty('id');
  });

  it('a viewer sees the records but no add, edit or register buttons', async () => {
    server();
    renderWith(<Records />, { me: person(['viewer'], ['GET /api/systems', 'GET /api/suppliers', 'GET /api/incidents', 'GET /api/incidents/overdue']) });
    await screen.findByTestId('systems-table');
    expect(screen.getByText('HR bot')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Add|Edit|Register/ })).toBeNull();
    expect(screen.queryByRole('tab', { name: 'Discovery' })).toBeNull();
  });
});
