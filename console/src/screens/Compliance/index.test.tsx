import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Compliance from './index';
import { fakeApi, person, renderWith } from '../../test/render';

afterEach(() => vi.unstubAllGlobals());

const COV = { met: 3, partial: 1, gap: 2, 'not-applicable': 0, manual: 1 };
const FW = [
  { id: 'iso42001', title: 'ISO/IEC 42001', requirements: 7, period: { from: '2026-01-01', to: '2026-03-31' }, coverage: COV, metPercent: 42.9 },
  { id: 'eu-ai-act', title: 'EU AI Act', requirements: 7, period: { from: '2026-01-01', to: '2026-03-31' }, coverage: COV, metPercent: 42.9 },
];
const PACK = { id: 'ep_1', framework: 'eu-ai-act', from: '2026-01-01T00:00:00Z', to: '2026-03-31T23:59:59Z', files: 12, receipts: 3, sha256: 'ab'.repeat(32), bytes: 4096, createdAt: '2026-04-01T00:00:00Z', createdBy: 'api:ann', checkpoint: { origin: 'warden', size: 10 }, summary: COV };

function server() {
  const f = fakeApi({
    'GET /api/compliance/frameworks': () => ({ body: FW }),
    'GET /api/compliance/gap': () => ({
      body: {
        framework: 'iso42001', title: 'ISO/IEC 42001', period: { from: '2026-01-01', to: '2026-03-31' }, generatedAt: '2026-04-01T00:00:00Z', summary: COV,
        entries: [{ framework: 'iso42001', id: 'A.6.2.4', title: 'Verification', status: 'partial', collectors: ['policy'], evidence: [{ check: 'policy tests', status: 'partial', detail: '2 of 3 rules tested', decisions: ['dec_1'] }] }],
      },
    }),
    'GET /api/soa': () => ({ body: [{ control: 'A.2.2', title: 'AI policy', entry: null }] }),
    'GET /api/attestations': () => ({ body: [] }),
    'GET /api/compliance/evidence-packs': () => ({ body: [] }),
    'POST /api/compliance/evidence-packs': () => ({ status: 201, body: PACK }),
  });
  vi.stubGlobal('fetch', f.fetch);
  return f;
}

describe('compliance', () => {
  it('builds an evidence pack for a framework and period, then links its download', async () => {
    const f = server();
    renderWith(<Compliance />);
    await userEvent.selectOptions(await screen.findByLabelText('Evidence pack framework'), 'eu-ai-act');
    await userEvent.type(screen.getByLabelText('Evidence pack from'), '2026-01-01');
    await userEvent.type(screen.getByLabelText('Evidence pack to'), '2026-03-31');
    await userEvent.click(screen.getByRole('button', { name: 'Build evidence pack' }));
    const link = await screen.findByRole('link', { name: 'Download the evidence pack just built' });
    expect(link).toHaveAttribute('href', '/api/compliance/evidence-packs/ep_1');
    expect(f.requests.find((r) => r.method === 'POST')!.body).toEqual({ framework: 'eu-ai-act', from: '2026-01-01', to: '2026-03-31' });
  });

  it('drills down from a requirement to its evidence', async () => {
    server();
    renderWith(<Compliance />);
    await userEvent.click(await screen.findByRole('button', { name: 'Open the gap report of ISO/IEC 42001' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Evidence for A.6.2.4' }));
    const ev = await screen.findByTestId('evidence');
    expect(within(ev).getByText(/2 of 3 rules tested/)).toBeInTheDocument();
    expect(within(ev).getByRole('link', { name: /dec_1/ })).toHaveAttribute('href', '/decisions/dec_1');
  });

  it('a viewer sees coverage and the SoA but cannot edit, attest or build packs', async () => {
    server();
    renderWith(<Compliance />, { me: person(['viewer'], ['GET /api/compliance/frameworks', 'GET /api/soa', 'GET /api/attestations']) });
    expect(await screen.findByRole('grid', { name: 'Framework coverage' })).toBeInTheDocument();
    await screen.findByText('AI policy');
    expect(screen.queryByRole('button', { name: /Edit|Attest|Build|Gap report/ })).toBeNull();
    await waitFor(() => expect(screen.queryByLabelText('Evidence pack framework')).toBeNull());
  });
});
