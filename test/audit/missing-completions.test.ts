// `warden audit verify` on a log where some decisions have no completion record (a process
// killed mid-burst loses deferred completions): the log is still sound, and verify says how many,
// which are at the end of the log and which are older.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from '../helpers/cli.js';
import { openAuditLog } from '../../src/audit/index.js';
import { sampleDecision } from '../../src/audit/testutil.js';

let dir: string;
const ids: Record<string, string> = {};

const run = (...args: string[]) => runMain(['audit', ...args]);

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'warden-missing-'));
  const log = await openAuditLog({ dataDir: dir, instance: 'gw', synchronous: 'NORMAL' });
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
  const add = async (name: string, over: Parameters<typeof sampleDecision>[1], completed: boolean) => {
    const d = sampleDecision(0, over);
    ids[name] = d.id;
    await log.append(d);
    if (completed) await log.append({ ...d, kind: 'completion', direction: 'response', action: 'allow', rules: [], outcome: { status: 200 } });
  };
  await add('done-old', { action: 'allow', time: hourAgo }, true);
  await add('lost-old', { action: 'allow', time: hourAgo }, false);
  await add('blocked', { action: 'block' }, false);
  await add('held', { action: 'hold' }, false);
  await add('done', { action: 'redact' }, true);
  await add('open-1', { action: 'allow' }, false);
  await add('open-2', { action: 'warn' }, false);
  await log.close();
});

after(() => rmSync(dir, { recursive: true, force: true }));

test('verify counts decisions without a completion, at the end and older, and stays sound', async () => {
  const r = await run('verify', '--data', dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^sound: /);
  assert.match(r.out, /note: 3 decisions without a completion record: 2 at the end of the log .*, 1 older/);
  assert.ok(!r.out.includes(ids['open-1']), 'ids only with --verbose');
});

test('--verbose lists the ids; block and hold decisions are not counted', async () => {
  const r = await run('verify', '--data', dir, '--verbose');
  assert.equal(r.code, 0, r.err);
  const listed = r.out.split('\n').filter((l) => l.startsWith('  '));
  assert.equal(listed.length, 3);
  assert.match(listed.find((l) => l.includes(ids['lost-old']))!, /^ {2}older/);
  assert.match(listed.find((l) => l.includes(ids['open-1']))!, /^ {2}at the end/);
  assert.match(listed.find((l) => l.includes(ids['open-2']))!, /^ {2}at the end/);
  for (const name of ['blocked', 'held', 'done', 'done-old']) assert.ok(!r.out.includes(ids[name]), name);
});

test('--json carries the ids; a wider window counts the older one as at the end', async () => {
  const j = JSON.parse((await run('verify', '--data', dir, '--json')).out);
  assert.equal(j.ok, true);
  assert.equal(j.missingCompletions.count, 3);
  assert.deepEqual(j.missingCompletions.atEnd.map((d: { id: string }) => d.id), [ids['open-1'], ids['open-2']]);
  assert.deepEqual(j.missingCompletions.older.map((d: { id: string }) => d.id), [ids['lost-old']]);
  const wide = JSON.parse((await run('verify', '--data', dir, '--json', '--in-flight-window', '2h')).out);
  assert.equal(wide.missingCompletions.atEnd.length, 3);
  assert.equal(wide.missingCompletions.older.length, 0);
  const bad = await run('verify', '--data', dir, '--in-flight-window', 'soon');
  assert.equal(bad.code, 1);
});
