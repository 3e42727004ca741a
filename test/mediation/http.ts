// Small HTTP helpers for the mediation suites: raw requests to Warden (SDKs may drop shapes
// they do not know), the ways a planted value can appear "in clear", and SSE formatting.
import type { MockEvent } from '../helpers/mock-upstream.js';
import type { TestWarden } from '../helpers/warden.js';

export type Api = 'chat' | 'responses' | 'embeddings' | 'messages' | 'azure';

export const ROUTES: Record<Api, string> = {
  chat: '/v1/chat/completions',
  responses: '/v1/responses',
  embeddings: '/v1/embeddings',
  messages: '/v1/messages',
  azure: '/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21',
};

/** A valid minimal request of each API, which planted skeletons are laid over. */
export function baseRequest(api: Api, text = 'hello'): Record<string, unknown> {
  switch (api) {
    case 'chat':
      return { model: 'gpt-4o', messages: [{ role: 'user', content: text }] };
    case 'azure':
      return { model: 'gpt-4o-azure', messages: [{ role: 'user', content: text }] };
    case 'responses':
      return { model: 'gpt-4o', input: text };
    case 'embeddings':
      return { model: 'text-embedding-3-small', input: text };
    case 'messages':
      return { model: 'claude-sonnet-4-6', max_tokens: 64, messages: [{ role: 'user', content: text }] };
  }
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** POSTs a body (an object, or JSON text sent byte for byte) to Warden with the test key. */
export async function post(t: TestWarden, api: Api, body: unknown, key = t.key): Promise<RawAnswer> {
  const auth: Record<string, string> = api === 'azure' ? { 'api-key': key } : api === 'messages' ? { 'x-api-key': key, 'anthropic-version': '2023-06-01' } : { authorization: `Bearer ${key}` };
  const res = await fetch(`${t.url}${ROUTES[api]}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The forms a value counts as "in clear": as written, and with its separators removed. */
export function clearForms(value: string): string[] {
  const compact = value.replace(/[\s-]/g, '');
  return compact === value ? [value] : [value, compact];
}

/** Whether `text` holds `value` in clear. */
export function leaks(text: string, value: string): boolean {
  return clearForms(value).some((f) => text.includes(f));
}

const ULID = /[0-9A-HJKMNP-TV-Z]{26}/;

/** The decision id an error body names (as `decision_id` anywhere, or in its message), if any. */
export function decisionIdOf(text: string): string | undefined {
  try {
    const found = findKey(JSON.parse(text), 'decision_id');
    if (typeof found === 'string' && ULID.test(found)) return found;
  } catch {
    // Not JSON: look in the text.
  }
  return /decision[ _-]?(?:id)?[^0-9A-Z]{0,4}([0-9A-HJKMNP-TV-Z]{26})/i.exec(text)?.[1];
}

function findKey(v: unknown, key: string): unknown {
  if (!v || typeof v !== 'object') return undefined;
  if (!Array.isArray(v) && key in v) return (v as Record<string, unknown>)[key];
  for (const x of Object.values(v)) {
    const r = findKey(x, key);
    if (r !== undefined) return r;
  }
  return undefined;
}

/** Chat-completions SSE event (no `event:` line). */
export function chatEvent(data: unknown): MockEvent {
  return { data: typeof data === 'string' ? data : JSON.stringify(data) };
}

/** Named SSE event (Anthropic, Responses): `event:` is the payload's `type`. */
export function namedEvent(data: Record<string, unknown>): MockEvent {
  return { event: typeof data.type === 'string' ? data.type : undefined, data: JSON.stringify(data) };
}

/** The events of an SSE text: `event:` name and `data:` payload (parsed when it is JSON). */
export function sseEvents(raw: string): Array<{ event?: string; data: any }> {
  const out: Array<{ event?: string; data: any }> = [];
  for (const block of raw.split(/\r?\n\r?\n/)) {
    const lines = block.split(/\r?\n/);
    const data = lines
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).replace(/^ /, ''))
      .join('\n');
    if (!data) continue;
    const event = lines.find((l) => l.startsWith('event:'))?.slice(6).trim();
    let parsed: unknown = data;
    try {
      parsed = JSON.parse(data);
    } catch {
      // `[DONE]` and other plain text stay as they are.
    }
    out.push({ event, data: parsed });
  }
  return out;
}

/** The `data:` payloads of an SSE text, parsed when they are JSON. */
export function sseData(raw: string): unknown[] {
  return sseEvents(raw).map((e) => e.data);
}

/** The error event of a stream in any of the three APIs' shapes (chat `{error}`, Anthropic/Responses `error` events, `response.failed`). */
export function streamError(raw: string): { event?: string; data: any } | undefined {
  return sseEvents(raw).find(
    (e) => e.event === 'error' || (e.data && typeof e.data === 'object' && (e.data.error !== undefined && e.data.object !== 'response' ? true : e.data.type === 'error' || e.data.type === 'response.failed')),
  );
}

/** Runs `fn` over `items` with at most `width` at a time. */
export async function pool<T>(items: T[], width: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  });
  await Promise.all(lanes);
}
