// The strings of a stream event other than its text deltas: a value split across two of them is
// found even when each half was already seen, and found clean, in an earlier event.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestWarden, type TestWarden } from '../helpers/warden.js';
import { chatEvent, leaks, post } from './http.js';

const CARD = '4111 1111 1111 1111';

describe('other strings of stream events', () => {
  let t: TestWarden;
  before(async () => {
    t = await startTestWarden();
  });
  after(() => t.close());

  it('a card split across two fields of one event is masked, though each half passed alone before', async () => {
    const chunk = (extra: Record<string, string>, content: string) =>
      chatEvent({ id: 'c', object: 'chat.completion.chunk', created: 0, model: 'gpt-4o', ...extra, choices: [{ index: 0, delta: { content }, finish_reason: null }] });
    t.mock.replyEvents = [
      chunk({ x_a: '4111 1111' }, 'Hello '),
      chunk({ x_b: '1111 1111' }, 'there '),
      chunk({ x_a: '4111 1111', x_b: '1111 1111' }, 'friend.'),
      chatEvent('[DONE]'),
    ];
    try {
      const r = await post(t, 'chat', { model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(r.status, 200);
      const third = r.text.split('\n\n').find((e) => e.includes('friend.'))!;
      assert.ok(third, r.text);
      assert.ok(!(third.includes('4111 1111') && third.includes('1111 1111')), `the split card was not masked: ${third}`);
      assert.ok(!leaks(r.text, CARD));
    } finally {
      t.mock.replyEvents = undefined;
    }
  });
});
