import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createDetectorPool, createDetectorSet } from './index.js';
import { nineDigitFlood } from './flood.testutil.js';

const corpus: string[] = readFileSync(new URL('../../test/corpus/detect/corpus.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l).text);
const custom = [{ id: 'project.codename', keywords: ['Bluebird'] }];

test('pool: findings in a worker equal inline scanning on the corpus, custom detectors included', async () => {
  const set = createDetectorSet({ custom });
  const pool = createDetectorPool({ custom, inlineLimit: 0, workers: 2 });
  try {
    const batches: string[][] = [];
    for (let i = 0; i < corpus.length; i += 7) batches.push(corpus.slice(i, i + 7));
    batches.push(['Project Bluebird ships with card 4111 1111 ', '1111 1111 tomorrow']);
    const got = await Promise.all(batches.map((b) => pool.scanSegments(b)));
    batches.forEach((b, i) => assert.deepEqual(got[i], set.scanSegments(b)));
    assert.ok(got.at(-1)!.some((f) => f.type === 'project.codename'));
  } finally {
    await pool.close();
  }
});

test('pool: small inputs are scanned inline and return an array', async () => {
  const pool = createDetectorPool();
  const r = pool.scanSegments(['mail jane@example.com']);
  assert.ok(Array.isArray(r));
  assert.equal((r as unknown[]).length, 1);
  await pool.close();
});

test('pool: a crashed worker rejects its pending scans and is replaced on next use', async () => {
  const pool = createDetectorPool({ inlineLimit: 0 }) as ReturnType<typeof createDetectorPool> & { crashForTest(): Promise<unknown> };
  try {
    const crash = pool.crashForTest();
    const queued = pool.scanSegments(['queued behind the crash 4111 1111 1111 1111']);
    await assert.rejects(crash, /crash requested|exited/);
    await assert.rejects(Promise.resolve(queued), /crash requested|exited/);
    const again = await pool.scanSegments(['card 4111 1111 1111 1111']);
    assert.deepEqual(again.map((f) => f.type), ['CREDIT_CARD']);
  } finally {
    await pool.close();
  }
});

test('pool: close() ends the workers and later large scans reject', async () => {
  const pool = createDetectorPool({ inlineLimit: 0 });
  await pool.scanSegments(['warm up the worker']);
  await pool.close();
  await assert.rejects(Promise.resolve(pool.scanSegments(['after close'])), /closed/);
});

test('pool: the event loop keeps running while 4 MB of 9-digit numbers is scanned', async () => {
  const pool = createDetectorPool();
  const text = nineDigitFlood(4 << 20, ' ', 42);
  try {
    // Start the worker and warm the message path first (the first 4 MB message allocates): start-up is not the point.
    await pool.scanSegments([nineDigitFlood(4 << 20, '\n', 7)]);
    const t0 = performance.now();
    let last = t0;
    let maxGap = 0;
    let maxAt = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      if (now - last > maxGap) {
        maxGap = now - last;
        maxAt = last - t0;
      }
      last = now;
      ticks++;
    }, 5);
    const pending = pool.scanSegments([text]);
    const sent = performance.now() - t0;
    const found = await pending;
    clearInterval(timer);
    assert.ok(Array.isArray(found));
    assert.ok(ticks > 2, `timer fired ${ticks} times`);
    // A scan on the event loop would stop the timer for the whole scan; off the loop, the longest
    // gap is a small part of it. Compared with the same run's scan time, not a fixed number of
    // milliseconds, because other work on this shared machine slows both alike.
    const total = performance.now() - t0;
    assert.ok(maxGap < total / 4, `longest gap between timer ticks ${maxGap.toFixed(1)} ms, from ${maxAt.toFixed(0)} ms (sent after ${sent.toFixed(1)} ms, done after ${(performance.now() - t0).toFixed(0)} ms)`);
  } finally {
    await pool.close();
  }
});
