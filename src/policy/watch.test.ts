import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePolicy, type CompiledPolicy } from './compile.js';
import { evaluate } from './evaluate.js';
import { inputFromSpecs } from './input.js';
import { loadPolicySource } from './source.js';
import { watchPolicies } from './watch.js';

const BLOCK = 'rules:\n  - { id: r, match: { labels: [x] }, action: block }\n';
const WARN = 'rules:\n  - { id: r, match: { labels: [x] }, action: warn }\n';

/** Resolves with the next event of the watcher, or rejects after `ms`. */
function next<T>(register: (resolve: (v: T) => void) => void, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no event')), ms);
    register((v) => {
      clearTimeout(t);
      resolve(v);
    });
  });
}

test('a valid change is swapped in; an invalid one is refused and the old version stays', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-watch-'));
  writeFileSync(join(dir, 'p.yaml'), BLOCK);
  let current: CompiledPolicy = compilePolicy(loadPolicySource(dir));
  const v1 = current.version;
  let onChange: ((p: CompiledPolicy) => void) | undefined;
  let onError: ((e: Error) => void) | undefined;
  const w = watchPolicies(
    dir,
    (p) => {
      current = p;
      onChange?.(p);
    },
    (e) => onError?.(e),
    { debounceMs: 20, pollMs: 200 },
  );
  const input = inputFromSpecs({ labels: ['x'] });
  // Decisions keep being made while the files change: each uses one whole version.
  let decisions = 0;
  const load = setInterval(() => {
    for (let i = 0; i < 200; i++) {
      const p = current;
      const d = evaluate(p, input);
      assert.equal(d.policyVersion, p.version);
      assert.equal(d.action, p.version === v1 ? 'block' : 'warn');
      decisions++;
    }
  }, 1);
  try {
    const changed = next<CompiledPolicy>((r) => (onChange = r));
    writeFileSync(join(dir, 'p.yaml'), WARN);
    const v2 = (await changed).version;
    assert.notEqual(v2, v1);
    assert.equal(evaluate(current, input).action, 'warn');

    const failed = next<Error>((r) => (onError = r));
    onChange = () => assert.fail('an invalid policy must not be swapped in');
    writeFileSync(join(dir, 'p.yaml'), 'rules:\n  - { id: r, action: nonsense }\n');
    const err = await failed;
    assert.match(err.message, /p\.yaml:2:\d+/);
    assert.equal(current.version, v2);
    assert.equal(evaluate(current, input).action, 'warn');
    assert.ok(decisions > 0);
  } finally {
    clearInterval(load);
    w.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('saving the same content again is not a new version', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-watch-'));
  writeFileSync(join(dir, 'p.yaml'), BLOCK);
  let changes = 0;
  const w = watchPolicies(dir, () => changes++, () => {}, { debounceMs: 10 });
  try {
    writeFileSync(join(dir, 'p.yaml'), BLOCK);
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(changes, 0);
  } finally {
    w.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
