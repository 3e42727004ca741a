// Renders a screen as the app would: query client, announcer, router, and a fixed signed-in person.
import type { ReactElement, ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { render } from '@testing-library/react';
import { StaticAuthProvider, type Me } from '../auth/AuthContext';
import { AnnouncerProvider } from '../components/Announcer';

export function person(roles: string[], allowed: string[] | null, user = 'rita'): Me {
  return { user, roles, allowed: allowed ? new Set(allowed) : null, csrfToken: 'csrf-test-token' };
}

export function renderWith(ui: ReactElement, { me = person(['admin'], null), path = '/' }: { me?: Me | null; path?: string } = {}) {
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const wrap = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={qc}>
      <AnnouncerProvider>
        <MemoryRouter initialEntries={[path]}>
          <StaticAuthProvider me={me}>{children}</StaticAuthProvider>
        </MemoryRouter>
      </AnnouncerProvider>
    </QueryClientProvider>
  );
  return { qc, ...render(ui, { wrapper: wrap }) };
}

/** A fetch stub answering JSON by "METHOD /path" (query ignored); records every request. */
export function fakeApi(routes: Record<string, (req: Request, body: unknown) => { status?: number; body: unknown }>) {
  const requests: Array<{ method: string; path: string; search: string; headers: Headers; body: unknown }> = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const req = input instanceof Request ? input : new Request(input, init);
    const url = new URL(req.url);
    const text = req.method === 'GET' ? '' : await req.text();
    const body = text ? JSON.parse(text) : undefined;
    requests.push({ method: req.method, path: url.pathname, search: url.search, headers: req.headers, body });
    const key = `${req.method} ${url.pathname}`;
    const handler = routes[key] ?? Object.entries(routes).find(([k]) => new RegExp(`^${k.replace(/:[^/]+/g, '[^/]+')}$`).test(key))?.[1];
    if (!handler) return Response.json({ error: { code: 'WARDEN_ADMIN_NOT_FOUND', message: `no route ${key}` } }, { status: 404 });
    const r = handler(req, body);
    return Response.json(r.body, { status: r.status ?? 200 });
  };
  return { fetch, requests };
}
