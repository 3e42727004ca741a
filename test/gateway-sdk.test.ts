// The gateway speaks the suppliers' own APIs: official OpenAI and Anthropic SDKs against a real
// Warden in front of a mock supplier.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI, { AzureOpenAI } from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { startSdkWarden, SUPPLIER_KEYS, type TestWarden } from './helpers/warden.js';

let t: TestWarden;
let openai: OpenAI;
let anthropic: Anthropic;

before(async () => {
  ({ t, openai, anthropic } = await startSdkWarden());
});
after(() => t.close());

describe('OpenAI SDK', () => {
  it('chat completion passes through and carries a decision id', async () => {
    const { data, response } = await openai.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello there' }] })
      .withResponse();
    assert.equal(data.choices[0].message.content, 'Demo reply. You said: Hello there');
    assert.match(response.headers.get('x-warden-decision-id') ?? '', /^[0-9A-HJKMNP-TV-Z]{26}$/);
    assert.equal(response.headers.get('x-warden-action'), 'allow');
    const seen = t.mock.seen.at(-1)!;
    assert.equal(seen.path, '/v1/chat/completions');
    assert.equal(seen.headers.authorization, `Bearer ${SUPPLIER_KEYS.openai}`, 'supplier key comes from Warden config');
    assert.ok(!JSON.stringify(seen.headers).includes(t.key), 'the Warden key never reaches the supplier');
  });

  it('streams chat completions event by event', async () => {
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Tell me a story about a lighthouse keeper' }],
      stream: true,
    });
    let text = '';
    let chunks = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      chunks++;
    }
    assert.equal(text, 'Demo reply. You said: Tell me a story about a lighthouse keeper');
    assert.ok(chunks > 3, `expected several chunks, got ${chunks}`);
  });

  it('resolves an alias to the supplier model', async () => {
    const r = await openai.chat.completions.create({ model: 'fast', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(r.choices[0].message.content, 'Demo reply. You said: hi');
    assert.equal(t.mock.seen.at(-1)!.body.model, 'gpt-4o-mini');
  });

  it('responses API, plain and streamed', async () => {
    const r = await openai.responses.create({ model: 'gpt-4o', input: 'What is the capital of France?' });
    assert.equal(r.output_text, 'Demo reply. You said: What is the capital of France?');
    const stream = await openai.responses.create({ model: 'gpt-4o', input: 'Stream this please', stream: true });
    let text = '';
    let completed = false;
    for await (const ev of stream) {
      if (ev.type === 'response.output_text.delta') text += ev.delta;
      if (ev.type === 'response.completed') completed = true;
    }
    assert.equal(text, 'Demo reply. You said: Stream this please');
    assert.ok(completed);
  });

  it('embeddings', async () => {
    const r = await openai.embeddings.create({ model: 'text-embedding-3-small', input: ['alpha', 'beta'] });
    assert.equal(r.data.length, 2);
    assert.equal(t.mock.seen.at(-1)!.path, '/v1/embeddings');
  });

  it('lists only the models of the caller’s AI system', async () => {
    const all = await openai.models.list();
    const ids = all.data.map((m) => m.id).sort();
    assert.deepEqual(ids, ['claude-sonnet-4-6', 'fast', 'gpt-4o', 'gpt-4o-azure', 'gpt-4o-mini', 'text-embedding-3-small']);
    const narrow = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.makeKey('narrow'), maxRetries: 0 });
    assert.deepEqual((await narrow.models.list()).data.map((m) => m.id), ['gpt-4o-mini']);
  });

  it('refuses a model the system may not use with a 403 in OpenAI format', async () => {
    const narrow = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.makeKey('narrow'), maxRetries: 0 });
    await assert.rejects(
      narrow.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
      (err: any) => {
        assert.equal(err instanceof OpenAI.PermissionDeniedError, true);
        assert.equal(err.status, 403);
        assert.equal(err.code, 'WARDEN_MODEL_NOT_ALLOWED');
        assert.equal(err.error.decision_id, err.headers.get('x-warden-decision-id'));
        return true;
      },
    );
  });

  it('refuses an unknown key with 401', async () => {
    const bad = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: 'wdn_k_000000000000_nope', maxRetries: 0 });
    await assert.rejects(bad.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }), OpenAI.AuthenticationError);
  });
});

describe('Azure OpenAI client', () => {
  it('chat completions through the deployment route', async () => {
    const azure = new AzureOpenAI({ endpoint: t.url, apiKey: t.key, apiVersion: '2024-10-21', deployment: 'gpt-4o-azure', maxRetries: 0 });
    const r = await azure.chat.completions.create({ model: 'gpt-4o-azure', messages: [{ role: 'user', content: 'Hello Azure' }] });
    assert.equal(r.choices[0].message.content, 'Demo reply. You said: Hello Azure');
    const seen = t.mock.seen.at(-1)!;
    assert.equal(seen.path, '/openai/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21');
    assert.equal(seen.headers['api-key'], SUPPLIER_KEYS.azure);
  });

  it('streams through the deployment route', async () => {
    const azure = new AzureOpenAI({ endpoint: t.url, apiKey: t.key, apiVersion: '2024-10-21', deployment: 'gpt-4o-azure', maxRetries: 0 });
    const stream = await azure.chat.completions.create({ model: 'gpt-4o-azure', messages: [{ role: 'user', content: 'Stream Azure' }], stream: true });
    let text = '';
    for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
    assert.equal(text, 'Demo reply. You said: Stream Azure');
  });
});

describe('Anthropic SDK', () => {
  it('messages', async () => {
    const { data, response } = await anthropic.messages
      .create({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user', content: 'Hello Claude' }] })
      .withResponse();
    assert.equal(data.content[0].type, 'text');
    assert.equal((data.content[0] as { text: string }).text, 'Demo reply. You said: Hello Claude');
    assert.ok(response.headers.get('x-warden-decision-id'));
    const seen = t.mock.seen.at(-1)!;
    assert.equal(seen.path, '/v1/messages');
    assert.equal(seen.headers['x-api-key'], SUPPLIER_KEYS.anthropic);
  });

  it('streams messages', async () => {
    const stream = anthropic.messages.stream({ model: 'claude-sonnet-4-6', max_tokens: 100, messages: [{ role: 'user', content: 'Stream Claude' }] });
    let text = '';
    stream.on('text', (d) => (text += d));
    const final = await stream.finalMessage();
    assert.equal(text, 'Demo reply. You said: Stream Claude');
    assert.equal(final.stop_reason, 'end_turn');
  });

  it('errors come in Anthropic format', async () => {
    const bad = new Anthropic({ baseURL: t.url, apiKey: 'nope', maxRetries: 0 });
    await assert.rejects(
      bad.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 10, messages: [{ role: 'user', content: 'x' }] }),
      (err: any) => {
        assert.equal(err instanceof Anthropic.AuthenticationError, true);
        assert.equal(err.error.type, 'error');
        assert.equal(err.error.error.type, 'authentication_error');
        assert.equal(err.error.decision_id, err.headers.get('x-warden-decision-id'));
        return true;
      },
    );
  });
});
