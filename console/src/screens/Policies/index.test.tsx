import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Policies from './index';
import { fakeApi, person, renderWith } from '../../test/render';

afterEach(() => vi.unstubAllGlobals());

const V1 = { version: 'sha256:aaaaaaaaaaaaaaaa', loadedAt: '2026-01-01T10:00:00Z', loadedBy: 'file-watch' };
const V2 = { version: 'sha256:bbbbbbbbbbbbbbbb', loadedAt: '2026-01-02T10:00:00Z', loadedBy: 'cli:rita' };

function server() {
  const f = fakeApi({
    'GET /api/policies/current': () => ({
      body: {
        version: V2.version,
        files: ['secrets.yaml'],
        mode: 'enforce',
        rules: [{ id: 'block-keys', file: 'secrets.yaml', line: 3, enabled: true, direction: 'request', action: 'block', mode: 'enforce', controls: [], description: 'no API keys' }],
        warnings: [],
      },
    }),
    'GET /api/policies/versions': () => ({ body: [V2, V1] }),
    'GET /api/policies/versions/:a/diff/:b': () => ({
      body: { from: V1, to: V2, files: [{ name: 'secrets.yaml', change: 'changed' }], diff: '--- a/secrets.yaml\n+++ b/secrets.yaml\n@@ -1,2 +1,2 @@\n id: x\n-action: warn\n+action: block\n' },
    }),
    'GET /api/policies/lint': () => ({ body: { lint: { dir: 'policies', rules: 1, errors: [], warnings: [] }, tests: { policyVersion: V2.version, passed: 2, failed: 0, results: [] }, testsError: null } }),
    'POST /api/policies/explain': () => ({
      body: {
        input: { direction: 'request', user: 'rita', groups: [], system: { id: 'hr-bot', registered: true, approved: true, dataCategories: [], allowedTools: null }, supplier: { id: 'openai', type: 'openai', registered: true, approved: true, public: true, baa: false, reviewOverdue: false }, model: 'gpt-4o' },
        findings: [{ type: 'API_KEY', start: 10, end: 30, score: 1, detector: 'secrets' }],
        rules: [
          { id: 'block-keys', file: 'secrets.yaml', line: 3, column: 1, action: 'block', mode: 'enforce', enabled: true, matched: true, checks: [{ name: 'findings', ok: true, detail: 'API_KEY found' }], controls: [] },
          { id: 'warn-email', file: 'pii.yaml', line: 1, column: 1, action: 'warn', mode: 'enforce', enabled: true, matched: false, checks: [{ name: 'findings', ok: false, detail: 'no EMAIL' }], controls: [] },
        ],
        decision: { action: 'block', mode: 'enforce', rules: [], policyVersion: V2.version, controls: [], message: 'API keys may not be sent' },
      },
    }),
  });
  vi.stubGlobal('fetch', f.fetch);
  return f;
}

describe('policies', () => {
  it('Try it explains every rule, matched or not, and the final action', async () => {
    const f = server();
    renderWith(<Policies />);
    await userEvent.type(screen.getByLabelText(/Sample prompt/), 'my key is sk-123');
    await userEvent.type(screen.getByLabelText('Model (optional)'), 'gpt-4o');
    await userEvent.click(screen.getByRole('button', { name: 'Explain decision' }));
    const result = await screen.findByTestId('explain-result');
    expect(within(result).getByText(/Final action/)).toHaveTextContent('Final action: block');
    const table = within(result).getByRole('grid', { name: 'Rules and why' });
    expect(within(table).getByText('matched')).toBeInTheDocument();
    expect(within(table).getByText('not matched')).toBeInTheDocument();
    expect(within(table).getByText('no EMAIL')).toBeInTheDocument();
    expect(f.requests.find((r) => r.method === 'POST')!.body).toEqual({ prompt: 'my key is sk-123', model: 'gpt-4o' });
  });

  it('shows the diff between two versions with added and removed lines in words', async () => {
    server();
    renderWith(<Policies />);
    await userEvent.click(await screen.findByRole('button', { name: 'Show diff' }));
    const diff = await screen.findByRole('list', { name: 'Unified diff' });
    expect(within(diff).getByText('Added:')).toBeInTheDocument();
    expect(within(diff).getByText('Removed:')).toBeInTheDocument();
    expect(diff.querySelector('[data-kind="added"]')).toHaveTextContent('+action: block');
    expect(await screen.findByText('2 passed')).toBeInTheDocument();
  });

  it('a viewer is told they cannot lint or try prompts', async () => {
    server();
    renderWith(<Policies />, { me: person(['viewer'], ['GET /api/policies/current', 'GET /api/policies/versions']) });
    await screen.findByText('block-keys');
    expect(screen.queryByRole('button', { name: 'Explain decision' })).toBeNull();
    await waitFor(() => expect(screen.getAllByRole('note').length).toBeGreaterThanOrEqual(2));
  });
});
