// Durable before visible, at the gateway: load Warden, kill it with SIGKILL, and check that every
// decision id a client received is in the audit log and that the log verifies.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { Agent, request } from 'undici';
import { startMockUpstream } from './helpers/mock-upstream.js';
import { warden, wardenBackground } from './helpers/cli.js';
import { testConfigYaml } from './helpers/warden.js';

it('every decision id a client received survives SIGKILL and the log verifies', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-crash-'));
  const mock = await startMockUpstream({ quiet: true });
  const agent = new Agent({ connections: 16 });
  try {
    const config = join(dir, 'warden.yaml');
    writeFileSync(config, testConfigYaml(mock.url).replace('log_level: silent', 'log_level: silent\ndata_dir: ' + join(dir, 'data')));
    const key = JSON.parse(warden(['keys', 'create', '--config', config, '--user', 'load', '--system', 'app', '--json']).stdout).key;
    const port = 21000 + Math.floor(Math.random() * 20000);
    const w = await wardenBackground(['start', '--config', config, '--port', String(port)], /listening/);
    const received: string[] = [];
    let stop = false;
    const body = (i: number) =>
      JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: i % 5 === 0 ? `deploy with AKIAIOSFODNN7EXAMPLE ${i}` : `hello ${i}` }] });
    const worker = async (n: number) => {
      for (let i = n; !stop; i += 16) {
        try {
          const res = await request(`http://127.0.0.1:${port}/v1/chat/completions`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: body(i),
            dispatcher: agent,
          });
          await res.body.text();
          const id = res.headers['x-warden-decision-id'];
          if (typeof id === 'string' && (res.statusCode === 200 || res.statusCode === 403)) received.push(id);
        } catch {
          return; // the process is gone
        }
      }
    };
    const workers = Array.from({ length: 16 }, (_, n) => worker(n));
    // Kill under load: once enough requests went through (the machine may be busy), mid-flight.
    const until = Date.now() + 15_000;
    while (received.length < 300 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    w.proc.kill('SIGKILL');
    stop = true;
    await once(w.proc, 'exit');
    await Promise.all(workers);
    assert.ok(received.length > 100, `only ${received.length} requests completed before the kill`);

    const data = join(dir, 'data');
    const verify = warden(['audit', 'verify', '--config', config]);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    const exported = warden(['audit', 'export', '--config', config, '--kind', 'decision', '--format', 'jsonl']);
    assert.equal(exported.code, 0, exported.stderr);
    const logged = new Set(exported.stdout.trim().split('\n').map((l) => JSON.parse(l).id));
    const missing = received.filter((id) => !logged.has(id));
    assert.deepEqual(missing, [], `${missing.length} of ${received.length} acknowledged decisions are missing`);
    // Warden starts again on the same data and keeps appending to the same log.
    const again = await wardenBackground(['start', '--config', config, '--port', String(port)], /listening/);
    again.proc.kill('SIGTERM');
    await once(again.proc, 'exit');
    assert.equal(warden(['audit', 'verify', '--config', config, '--data', data]).code, 0);
  } finally {
    await agent.close();
    await mock.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
