// One key holder must not be able to stop the gateway: a prompt of near-miss numbers as large as
// the body limit allows is scanned off the event loop while everyone else keeps being answered.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestWarden, type TestWarden } from './helpers/warden.js';

/** About `bytes` of random nine-digit numbers separated by spaces (seeded, so runs compare). */
function nineDigitFlood(bytes: number): string {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const parts: string[] = [];
  let n = 0;
  while (n < bytes) {
    const v = String(100000000 + (next() % 900000000));
    parts.push(v);
    n += v.length + 1;
  }
  return parts.join(' ');
}

describe('a flood of near-misses', () => {
  let t: TestWarden;
  before(async () => {
    t = await startTestWarden({ bodyLimit: '5mb' });
    // The mock supplier runs in this process too: a short answer keeps its own work out of the probe.
    t.mock.replyText = 'Noted.';
  });
  after(() => t.close());

  it('/healthz keeps answering while a 4 MB prompt of nine-digit numbers is inspected, and the prompt is answered', async () => {
    const flood = nineDigitFlood(4 * 1024 * 1024 - 200);
    // When the gateway's detectors work on the flood (the mock supplier and this client share the
    // process, so only probes inside that window speak for the gateway).
    const inspector = t.warden.gateway.deps.inspector;
    const scanSegments = inspector.scanSegments.bind(inspector);
    const windows: Array<[number, number]> = [];
    let offLoop = 0;
    inspector.scanSegments = (texts) => {
      const r = scanSegments(texts);
      if (Array.isArray(r)) return r;
      offLoop++;
      const w: [number, number] = [performance.now(), Infinity];
      windows.push(w);
      return r.finally(() => (w[1] = performance.now()));
    };
    const body = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: flood }] });
    let done = false;
    const probes: Array<[number, number]> = [];
    const probe = (async () => {
      while (!done) {
        const t0 = performance.now();
        const r = await fetch(`${t.url}/healthz`);
        await r.text();
        probes.push([t0, performance.now()]);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const t0 = performance.now();
    const res = await fetch(`${t.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
      body,
    });
    const text = await res.text();
    const took = performance.now() - t0;
    done = true;
    await probe;
    inspector.scanSegments = scanSegments;
    assert.ok(res.status === 200 || res.status === 403, `answered (${res.status}): ${text.slice(0, 200)}`);
    assert.ok(offLoop >= 1, 'the flood was scanned off the event loop');
    const during = probes.filter(([start, end]) => windows.some(([a, b]) => start >= a && end <= b)).map(([a, b]) => b - a);
    assert.ok(during.length >= 3, `probed /healthz ${during.length} times while the flood was scanned (request took ${took.toFixed(0)} ms)`);
    const worst = Math.max(...during);
    const scan = Math.max(...windows.map(([a, b]) => b - a));
    // The event loop stays free: a scan on the loop would hold a probe for the whole scan; here every
    // probe answers in a small part of it. Measured against the scan of the same run, not a fixed
    // number of milliseconds: other work on this shared 2-core machine slows both alike.
    assert.ok(worst < scan / 4, `slowest /healthz ${worst.toFixed(1)} ms of ${during.length} while the flood was scanned for ${scan.toFixed(0)} ms`);
  });
});
