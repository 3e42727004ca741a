// The web console's files (console/dist, built by `npm run build`) under /console/, next to the
// admin API it talks to. Hashed assets are cached for a year, index.html never; a path without a
// file extension is a screen of the single-page app and gets index.html. Every answer carries a
// strict Content-Security-Policy: the console runs only its own script and styles.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { packagePath } from '../core/paths.js';

export const CONSOLE_PREFIX = '/console';

/** The headers of every /console answer. style-src has no 'unsafe-inline': see docs/ADMIN_API.md (The console). */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Warden console not built</title></head>
<body><h1>The Warden console is not built</h1>
<p>Warden serves the console from <code>console/dist</code>, which is missing. Run <code>npm run build</code> in the Warden folder, then reload this page.</p>
<p>The admin API under <code>/api</code> works without it.</p></body></html>
`;

export interface ConsoleOptions {
  /** The built console (default: console/dist of the Warden package). */
  root?: string;
}

type Target = { kind: 'file'; path: string; asset: boolean } | { kind: 'bad' };

/** Which file a path under /console/ names; never one outside `root`. */
export function consoleTarget(root: string, urlPath: string): Target {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath.slice(CONSOLE_PREFIX.length + 1));
  } catch {
    return { kind: 'bad' };
  }
  if (rel === '') return { kind: 'file', path: join(root, 'index.html'), asset: false };
  // A screen's path may end in a slash.
  const parts = (rel.endsWith('/') ? rel.slice(0, -1) : rel).split('/');
  // No climbing out, no hidden files, no backslash or NUL tricks, no empty segments.
  if (/[\\\0]/.test(rel) || parts.some((p) => p === '' || p === '.' || p === '..' || p.startsWith('.'))) return { kind: 'bad' };
  const path = resolve(root, ...parts);
  if (!path.startsWith(root + sep)) return { kind: 'bad' };
  return { kind: 'file', path, asset: parts[0] === 'assets' };
}

/** Serves the console under /console/; registered beside the admin API (admin/index.ts). */
export const consolePlugin: FastifyPluginAsync<ConsoleOptions> = async (app, opts) => {
  const root = resolve(opts.root ?? packagePath('console', 'dist'));
  const index = join(root, 'index.html');

  app.addHook('onSend', async (_req, reply) => {
    reply.headers(CONSOLE_SECURITY_HEADERS);
    // Console files are not gateway decisions.
    reply.removeHeader('x-warden-decision-id');
  });
  app.setErrorHandler(async (_err, _req, reply) => {
    reply.code(500).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('Internal error\n');
  });

  const send = async (req: FastifyRequest, reply: FastifyReply, path: string, cache: string) => {
    const st = await stat(path).catch(() => undefined);
    if (!st?.isFile()) return undefined;
    const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
    reply.header('cache-control', cache).header('etag', etag).type(TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    reply.header('content-length', st.size);
    return reply.send(createReadStream(path));
  };

  const notBuilt = (reply: FastifyReply) => reply.code(503).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(NOT_BUILT);

  app.get(CONSOLE_PREFIX, async (req, reply) => {
    const q = req.url.indexOf('?');
    return reply.header('cache-control', 'no-store').redirect(`${CONSOLE_PREFIX}/${q < 0 ? '' : req.url.slice(q)}`, 302);
  });

  app.get(`${CONSOLE_PREFIX}/*`, async (req, reply) => {
    const path = req.url.split('?')[0];
    const target = consoleTarget(root, path);
    if (target.kind === 'bad') return reply.code(400).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('Bad path\n');
    if (target.kind === 'file') {
      if (target.path === index) return (await send(req, reply, index, 'no-store')) ?? notBuilt(reply);
      const sent = await send(req, reply, target.path, target.asset ? IMMUTABLE : 'no-cache');
      if (sent) return sent;
    }
    // A screen of the app (no extension): index.html; a missing file: 404.
    const last = path.slice(path.lastIndexOf('/') + 1);
    if (extname(last) === '' && !path.startsWith(`${CONSOLE_PREFIX}/assets/`)) return (await send(req, reply, index, 'no-store')) ?? notBuilt(reply);
    return reply.code(404).type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('Not found\n');
  });
};
