import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { define } from './scan.js';
import { runInProcess } from '../../../test/helpers/cli.js';

/** Runs `warden scan …` with the given stdin; returns the exit code and output. */
function run(stdin: string, ...args: string[]) {
  return runInProcess([define], ['scan', ...args], stdin);
}

test('scan --json prints type, subtype, start, end and score', async () => {
  const r = await run('key AKIAIOSFODNN7EXAMPLE and card 4111 1111 1111 1111', '--json');
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.out), [
    { type: 'SECRET', subtype: 'aws_access_key', start: 4, end: 24, score: 0.95 },
    { type: 'CREDIT_CARD', start: 34, end: 53, score: 0.95 },
  ]);
});

test('scan --jsonl writes one line per input line with a findings array', async () => {
  const r = await run('{"text":"mail jane@example.com"}\n\n{"id":"b","text":"nothing here"}\n', '--jsonl');
  assert.equal(r.code, 0);
  const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines, [
    { findings: [{ type: 'EMAIL_ADDRESS', start: 5, end: 21, score: 0.95 }] },
    { id: 'b', findings: [] },
  ]);
});

test('scan --detectors limits the entity types; the text output masks values', async () => {
  const r = await run('mail jane@example.com card 4111 1111 1111 1111', '--detectors', 'CREDIT_CARD');
  assert.equal(r.code, 0);
  assert.match(r.out, /^CREDIT_CARD\s+27-46\s+0\.95\s+pci\.credit_card\s+41\*+ \(19 chars\)\n$/);
  assert.doesNotMatch(r.out, /1111 1111/);
});

test('scan reads a file and loads custom detectors; errors exit 1 with a message', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-scan-'));
  try {
    writeFileSync(join(dir, 'in.txt'), 'Status of Project Falcon.');
    writeFileSync(join(dir, 'custom.yaml'), 'detectors:\n  - id: codename\n    keywords: [Project Falcon]\n');
    writeFileSync(join(dir, 'bad.yaml'), '- id: acct\n  patterns: ["(?<=x)y"]\n');
    const ok = await run('', join(dir, 'in.txt'), '--custom', join(dir, 'custom.yaml'), '--json');
    assert.deepEqual(JSON.parse(ok.out), [{ type: 'codename', start: 10, end: 24, score: 0.9 }]);
    const bad = await run('', join(dir, 'in.txt'), '--custom', join(dir, 'bad.yaml'));
    assert.equal(bad.code, 1);
    assert.match(bad.err, /custom detector "acct"/);
    assert.equal((await run('x', '--detectors', 'NOPE')).code, 1);
    assert.equal((await run('not json\n', '--jsonl')).code, 1);
    assert.equal((await run('{"x":1}\n', '--jsonl')).code, 1);
    assert.equal((await run('', join(dir, 'missing.txt'))).code, 1);
    assert.equal((await run('x', '--json', '--jsonl')).code, 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scan --help describes the command', async () => {
  const r = await run('', '--help');
  assert.equal(r.code, 0);
  assert.match(r.out, /--jsonl/);
  assert.match(r.out, /--detectors <a,b>/);
});
