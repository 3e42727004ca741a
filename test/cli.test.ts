// The `warden` command as an operator uses it: separate processes on one data folder.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { warden, wardenBackground } from './helpers/cli.js';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-cli-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('warden CLI', () => {
  it('--help on the program and on every command and subcommand', async () => {
    const top = warden(['--help']);
    assert.equal(top.code, 0);
    assert.match(top.stdout, /start/);
    // Every command, in process: each one's --help prints usage and exits 0.
    const { buildProgram } = await import('../src/cli/main.js');
    const walk = (cmd: any, path: string[]): string[][] => [path, ...cmd.commands.filter((c: any) => c.name() !== 'help').flatMap((c: any) => walk(c, [...path, c.name()]))];
    const paths = walk(buildProgram(), []).slice(1);
    assert.ok(paths.length > 20, `found ${paths.length} commands`);
    for (const p of paths) {
      let out = '';
      const io = { out: (s: string) => void (out += s), err: (s: string) => void (out += s), stdin: process.stdin };
      await assert.rejects(buildProgram(io).parseAsync(['node', 'warden', ...p, '--help']), (e: any) => e.exitCode === 0, p.join(' '));
      assert.match(out, new RegExp(`Usage: warden ${p.join(' ')}`), p.join(' '));
    }
  });

  it('keys create --json, list, revoke', () => {
    const data = join(dir, 'keys');
    const created = warden(['keys', 'create', '--data', data, '--user', 'ann@example.com', '--groups', 'ops,finance', '--system', 'demo-assistant', '--json']);
    assert.equal(created.code, 0, created.stderr);
    const k = JSON.parse(created.stdout);
    assert.match(k.key, /^wdn_k_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(k.groups, ['ops', 'finance']);
    const list = warden(['keys', 'list', '--data', data, '--json']);
    const keys = JSON.parse(list.stdout);
    assert.equal(keys.length, 1);
    assert.equal(keys[0].id, k.id);
    assert.ok(!list.stdout.includes(k.key), 'list never shows the key');
    assert.ok(!readFileSync(join(data, 'warden.db')).includes(Buffer.from(k.key)), 'the store holds only a hash');
    assert.equal(warden(['keys', 'revoke', k.id, '--data', data]).code, 0);
    const again = warden(['keys', 'revoke', k.id, '--data', data]);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already revoked/);
    assert.equal(JSON.parse(warden(['keys', 'list', '--data', data, '--json']).stdout).length, 0);
  });

  it('keys create checks the system against the config', () => {
    warden(['init', '--dir', join(dir, 'proj')]);
    const r = warden(['keys', 'create', '--config', join(dir, 'proj', 'warden.yaml'), '--data', join(dir, 'proj', 'data'), '--user', 'u', '--system', 'nope']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /AI system 'nope' is not in/);
  });

  it('init writes a config that starts', () => {
    const proj = join(dir, 'init');
    assert.equal(warden(['init', '--dir', proj]).code, 0);
    assert.ok(statSync(join(proj, 'warden.yaml')).isFile());
    assert.ok(statSync(join(proj, 'policies', '00-settings.yaml')).isFile());
    assert.equal(warden(['init', '--dir', proj]).code, 1, 'refuses to overwrite');
    assert.equal(warden(['policy', 'lint', join(proj, 'policies')]).code, 0);
  });

  it('a bad config names the key and line', () => {
    const r = warden(['start', '--config', join(dir, 'nope.yaml')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot read/);
  });

  it('start --demo serves, prints a working key, picks up keys made by another process, and stops cleanly on SIGTERM', async () => {
    const data = join(dir, 'demo');
    const port = 20000 + Math.floor(Math.random() * 20000);
    const w = await wardenBackground(['start', '--demo', '--data', data, '--port', String(port)], /Health:/);
    try {
      const key = /Demo key[^:]*: (wdn_\S+)/.exec(w.out())![1];
      const client = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: key, maxRetries: 0 });
      const r = await client.chat.completions.create({ model: 'demo-1', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(r.choices[0].message.content, 'Demo reply. You said: hi');
      const made = JSON.parse(warden(['keys', 'create', '--data', data, '--user', 'bo', '--system', 'demo-assistant', '--json']).stdout);
      await new Promise((res) => setTimeout(res, 1000));
      const other = new OpenAI({ baseURL: `http://127.0.0.1:${port}/v1`, apiKey: made.key, maxRetries: 0 });
      assert.equal((await other.models.list()).data[0].id, 'demo-1');
    } finally {
      w.proc.kill('SIGTERM');
      const [code] = await once(w.proc, 'exit');
      assert.equal(code, 0, w.out());
    }
  });
});
