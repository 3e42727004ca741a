// Kill switches set from another process stop new traffic and end in-flight streams within a second.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { openSqliteStore } from '../src/store/sqlite.js';
import { startTestWarden, type TestWarden } from './helpers/warden.js';

let t: TestWarden;
before(async () => {
  t = await startTestWarden();
});
after(() => t.close());

const chat = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'hello' }] };

async function withSwitch(scope: 'system' | 'supplier' | 'model' | 'user' | 'all', target: string, fn: () => Promise<void>) {
  const other = openSqliteStore(t.dataDir); // as `warden kill` in another process
  other.killSwitches.set(scope, target, 'incident 42', 'ops@example.com');
  try {
    await new Promise((r) => setTimeout(r, 600));
    await fn();
  } finally {
    other.killSwitches.resume(scope, target, 'ops@example.com');
    other.close();
    await new Promise((r) => setTimeout(r, 600));
  }
}

describe('kill switch', () => {
  for (const [scope, target] of [
    ['system', 'app'],
    ['supplier', 'openai'],
    ['model', 'gpt-4o'],
    ['user', 'alice@example.com'],
    ['all', '*'],
  ] as const) {
    it(`suspends by ${scope}`, async () => {
      const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.key, maxRetries: 0 });
      await withSwitch(scope, target, async () => {
        await assert.rejects(client.chat.completions.create(chat), (err: any) => {
          assert.equal(err.code, 'WARDEN_SUSPENDED');
          assert.match(err.message, /incident 42/);
          return true;
        });
      });
      assert.ok((await client.chat.completions.create(chat)).choices[0].message.content, 'resumed');
    });
  }

  it('leaves other targets alone', async () => {
    const other = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.makeKey('app', 'bob@example.com'), maxRetries: 0 });
    await withSwitch('user', 'alice@example.com', async () => {
      assert.ok((await other.chat.completions.create(chat)).choices[0].message.content);
    });
  });

  it('ends a stream that is already flowing', async () => {
    t.mock.fault = 'hang-stream';
    try {
      const client = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.key, maxRetries: 0 });
      const stream = await client.chat.completions.create({ ...chat, stream: true });
      const outcome = (async () => {
        for await (const _ of stream);
      })().then(
        () => new Error('the stream ended normally'),
        (err: Error) => err,
      );
      await new Promise((r) => setTimeout(r, 100));
      const before = t.mock.aborted;
      const started = Date.now();
      await withSwitch('system', 'app', async () => {
        const err = await outcome;
        assert.match(String(err.message), /WARDEN_SUSPENDED|kill switch/);
        assert.ok(Date.now() - started < 1500, 'within a second or so');
        assert.equal(t.mock.aborted, before + 1, 'the supplier request was aborted');
      });
    } finally {
      t.mock.fault = 'none';
    }
  });
});
