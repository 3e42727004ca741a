// The console's files over real HTTP: content types, caching, the single-page fallback, the
// security headers, a missing build, and paths that try to leave console/dist.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { CONSOLE_SECURITY_HEADERS, consolePlugin, consoleTarget } from './console.js';

const INDEX = '<!doctype html><title>Warden</title><script type="module" src="/console/assets/index-abc123.js"></script>';

let dir: string;
let app: FastifyInstance;
let base: string;

async function serve(root: string): Promise<{ app: FastifyInstance; base: string }> {
  const a = Fastify();
  await a.register(consolePlugin, { root });
  await a.listen({ port: 0, host: '127.0.0.1' });
  return { app: a, base: `http://127.0.0.1:${(a.server.address() as { port: number }).port}` };
}

/** A GET with the path sent exactly as written (fetch would normalise `..`). */
function rawGet(path: string): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const r = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    });
    r.on('error', reject);
    r.end();
  });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-console-'));
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dist, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(dist, 'favicon.svg'), '<svg/>');
  writeFileSync(join(dist, '.env'), 'SECRET=1');
  writeFileSync(join(dir, 'secret.txt'), 'outside the console');
  ({ app, base } = await serve(dist));
});
after(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('console files', () => {
  it('serves index.html with no-store and the security headers on every answer', async () => {
    for (const path of ['/console/', '/console/index.html']) {
      const r = await fetch(base + path);
      assert.equal(r.status, 200, path);
      assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(r.headers.get('cache-control'), 'no-store');
      assert.equal(await r.text(), INDEX);
    }
    for (const path of ['/console/', '/console/assets/index-abc123.js', '/console/assets/nope.js', '/console/%2e%2e%2fx', '/console']) {
      const r = await fetch(base + path, { redirect: 'manual' });
      for (const [k, v] of Object.entries(CONSOLE_SECURITY_HEADERS)) assert.equal(r.headers.get(k), v, `${k} on ${path}`);
    }
    const csp = CONSOLE_SECURITY_HEADERS['content-security-policy'];
    for (const part of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"]) assert.ok(csp.includes(part), part);
    assert.ok(!csp.includes('unsafe'), 'nothing unsafe');
  });

  it('hashed assets are cached for a year with their content type; other files revalidate', async () => {
    const js = await fetch(`${base}/console/assets/index-abc123.js`);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(await js.text(), 'console.log(1)');
    assert.equal((await fetch(`${base}/console/assets/index-abc123.css`)).headers.get('content-type'), 'text/css; charset=utf-8');
    const svg = await fetch(`${base}/console/favicon.svg`);
    assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
    assert.equal(svg.headers.get('cache-control'), 'no-cache');
    const again = await fetch(`${base}/console/favicon.svg`, { headers: { 'if-none-match': svg.headers.get('etag')! } });
    assert.equal(again.status, 304);
  });

  it('a screen of the app gets index.html; a missing file is 404', async () => {
    for (const path of ['/console/reviews', '/console/decisions/01J0ABC?tab=proof', '/console/signin/', '/console/a/b/c']) {
      const r = await fetch(base + path);
      assert.equal(r.status, 200, path);
      assert.equal(r.headers.get('cache-control'), 'no-store');
      assert.equal(await r.text(), INDEX, path);
    }
    for (const path of ['/console/assets/gone-123.js', '/console/missing.png', '/console/assets/gone']) assert.equal((await fetch(base + path)).status, 404, path);
  });

  it('/console redirects to /console/, keeping the query', async () => {
    const r = await fetch(`${base}/console?x=1`, { redirect: 'manual' });
    assert.equal(r.status, 302);
    assert.equal(r.headers.get('location'), '/console/?x=1');
  });

  it('never serves a file outside console/dist, or a hidden one', async () => {
    const paths = [
      '/console/../secret.txt',
      '/console/..%2fsecret.txt',
      '/console/%2e%2e/secret.txt',
      '/console/%2e%2e%2fsecret.txt',
      '/console/assets/../../secret.txt',
      '/console/..%5csecret.txt',
      '/console/%00index.html',
      '/console/.env',
      '/console/%2eenv',
      '/console/%E0%A4%A',
      '/console//etc/passwd',
    ];
    for (const path of paths) {
      const r = await rawGet(path);
      assert.ok(!r.body.includes('outside the console') && !r.body.includes('SECRET'), path);
      assert.ok([400, 404].includes(r.status), `${path}: ${r.status}`);
    }
    // The resolver itself, for the record.
    assert.equal(consoleTarget('/srv/dist', '/console/../x').kind, 'bad');
    assert.equal(consoleTarget('/srv/dist', '/console/assets/a.js').kind, 'file');
  });

  it('without a build, /console/ says how to make one (503)', async () => {
    const empty = await serve(join(dir, 'no-such-dist'));
    try {
      for (const path of ['/console/', '/console/reviews']) {
        const r = await fetch(empty.base + path);
        assert.equal(r.status, 503);
        assert.match(await r.text(), /npm run build/);
        assert.equal(r.headers.get('content-security-policy'), CONSOLE_SECURITY_HEADERS['content-security-policy']);
      }
      assert.equal((await fetch(`${empty.base}/console/assets/x.js`)).status, 404);
    } finally {
      await empty.app.close();
    }
  });
});
