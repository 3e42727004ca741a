// What a reviewer's queue keeps of a held request: masked by default, whatever the detectors
// missed; the clear request only encrypted in the content store, where the deployment keeps one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startTestWarden, type TestWarden } from './helpers/warden.js';

const HELD = 'Patient MRN: 48213377 paid with 4111.1111.1111.1111, password hunter2, lives at 221 Baker Street, project Bluebird';

async function hold(t: TestWarden): Promise<{ reviewId: string; decisionId: string }> {
  const res = await fetch(`${t.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: HELD }] }),
  });
  const body = (await res.json()) as { error: { code: string; review_id: string; decision_id: string } };
  assert.equal(body.error.code, 'WARDEN_POLICY_HELD');
  return { reviewId: body.error.review_id, decisionId: body.error.decision_id };
}

describe('review excerpts', () => {
  let t: TestWarden;
  const key = randomBytes(32).toString('hex');
  before(async () => {
    t = await startTestWarden({ extraYaml: `oversight:\n  excerpt:\n    mask_terms: [bluebird]\n    mask_patterns: ['hunter\\d']\naudit:\n  content_store:\n    key: ${key}\n` });
  });
  after(() => t.close());

  it('are masked beyond the findings: every digit, configured terms and patterns; the clear request is only in the encrypted content store', async () => {
    const { reviewId, decisionId } = await hold(t);
    const excerpt = t.warden.store.reviews.get(reviewId)!.excerpt;
    for (const clear of ['48213377', '4111', '1111', '221', 'hunter2', 'Bluebird']) assert.ok(!excerpt.includes(clear), `${clear} is masked in: ${excerpt}`);
    assert.match(excerpt, /Baker Street/, 'prose stays readable for the reviewer');
    assert.match(excerpt, /\[MASKED\]/);
    const parts = t.warden.audit.log.content!.get(decisionId);
    assert.equal(parts.length, 1);
    assert.ok(parts[0].text!.includes('4111.1111.1111.1111'), 'the clear request is kept, encrypted, apart from the log');
  });
});

describe('review excerpts without the digit mask', () => {
  let t: TestWarden;
  before(async () => {
    t = await startTestWarden({ extraYaml: `oversight:\n  excerpt:\n    mask_digits: false\n` });
  });
  after(() => t.close());

  it('keep digits no detector flagged, and still mask the findings', async () => {
    const { reviewId } = await hold(t);
    const excerpt = t.warden.store.reviews.get(reviewId)!.excerpt;
    assert.ok(!excerpt.includes('48213377'), excerpt);
    assert.match(excerpt, /221 Baker Street/);
  });
});
