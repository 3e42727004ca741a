// bin/warden.js in a checkout without dist/ (a fresh clone right after `npm ci`): it runs the
// sources through tsx instead of failing with ERR_MODULE_NOT_FOUND, and says what to do when it can't.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
let dir: string;

/** A checkout of bin/, src/ and package.json (and node_modules when asked), with no dist/. */
function checkout(name: string, withModules: boolean): string {
  const d = join(dir, name);
  mkdirSync(join(d, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin', 'warden.js'), join(d, 'bin', 'warden.js'));
  copyFileSync(join(ROOT, 'package.json'), join(d, 'package.json'));
  for (const sub of ['src', 'policies', 'data', 'schema', 'tsconfig.json']) symlinkSync(join(ROOT, sub), join(d, sub));
  if (withModules) symlinkSync(join(ROOT, 'node_modules'), join(d, 'node_modules'), 'dir');
  return d;
}

const run = (cwd: string, args: string[]) =>
  spawnSync(process.execPath, ['bin/warden.js', ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, WARDEN_LOG_LEVEL: 'silent' } });

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-bin-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('bin/warden.js without dist/', () => {
  it('runs --help from the sources', () => {
    const r = run(checkout('fresh', true), ['--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Usage: warden/);
    assert.match(r.stdout, /start/);
    assert.doesNotMatch(r.stderr, /ERR_MODULE_NOT_FOUND/);
  });

  it('without dist/ or tsx, exits 1 saying how to build', () => {
    const r = run(checkout('bare', false), ['--help']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /npm ci && npm run build/);
    assert.doesNotMatch(r.stderr, /ERR_MODULE_NOT_FOUND/);
  });
});
