import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContentStore } from './content.js';
import { openAuditLog } from './log.js';

test('content is encrypted at rest, readable with the key, and erased by destroying its data key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-content-'));
  try {
    const key = randomBytes(32);
    const s = new ContentStore(join(dir, 'c.db'), key);
    s.put('01ABC', 'request', 'my card is 4111 1111 1111 1111');
    s.put('01ABC', 'response', 'noted');
    s.put('01DEF', 'request', 'other');
    assert.deepEqual(s.get('01ABC'), [{ part: 'request', text: 'my card is 4111 1111 1111 1111' }, { part: 'response', text: 'noted' }]);
    s.close();
    assert.ok(!readFileSync(join(dir, 'c.db')).includes('4111 1111'), 'no plaintext on disk');
    assert.throws(() => new ContentStore(join(dir, 'c.db'), randomBytes(32)).get('01ABC'), /authenticate|unable/i);
    const s2 = new ContentStore(join(dir, 'c.db'), key);
    assert.equal(s2.erase('01ABC'), 2);
    assert.deepEqual(s2.get('01ABC'), [{ part: 'request', text: null }, { part: 'response', text: null }]);
    assert.equal(s2.get('01DEF')[0].text, 'other');
    s2.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the log exposes the content store when configured', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-content-'));
  try {
    const log = await openAuditLog({ dataDir: dir, instance: 't', contentStore: { key: randomBytes(32) } });
    log.content!.put('01X', 'request', 'hello');
    assert.equal(log.content!.get('01X')[0].text, 'hello');
    await log.close();
    const plain = await openAuditLog({ dataDir: dir, instance: 't' });
    assert.equal(plain.content, null);
    await plain.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
