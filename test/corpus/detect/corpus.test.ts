// The labelled detection corpus: reproducible from its generator, and the accuracy targets of the
// detection engine hold on it (a regression guard; scripts/eval-detect.ts prints the full tables).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { generate, type CorpusItem } from './generate.js';
import { createDetectorSet } from '../../../src/detect/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const committed: CorpusItem[] = readFileSync(join(here, 'corpus.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));

test('the committed corpus is exactly what the seeded generator writes', () => {
  const fresh = generate();
  assert.equal(fresh.length, committed.length);
  assert.deepEqual(fresh, committed);
});

test('the corpus has at least 200 positives per entity type and 2,000 negatives; spans point at values', () => {
  const per = new Map<string, number>();
  for (const item of committed) for (const e of item.entities) per.set(e.type, (per.get(e.type) ?? 0) + 1);
  for (const [type, n] of per) assert.ok(n >= 200, `${type}: ${n}`);
  assert.ok(per.size >= 23);
  assert.ok(committed.filter((i) => i.entities.length === 0).length >= 2000);
  for (const item of committed) for (const e of item.entities) assert.ok(e.end > e.start && item.text.slice(e.start, e.end).trim() === item.text.slice(e.start, e.end));
});

test('accuracy targets hold on the corpus', () => {
  const set = createDetectorSet();
  const s = new Map<string, { tp: number; fp: number; fn: number }>();
  const get = (t: string) => s.get(t) ?? (s.set(t, { tp: 0, fp: 0, fn: 0 }), s.get(t)!);
  for (const item of committed) {
    const found = set.scan(item.text).filter((f) => f.type !== 'PROMPT_INJECTION' && f.type !== 'JAILBREAK');
    const used = new Set<object>();
    for (const g of item.entities) {
      const hit = found.find((f) => f.type === g.type && f.start < g.end && g.start < f.end && !used.has(f));
      if (hit) {
        used.add(hit);
        get(g.type).tp++;
      } else get(g.type).fn++;
    }
    for (const f of found) if (!used.has(f)) get(f.type).fp++;
  }
  const f1 = (t: string) => {
    const x = get(t);
    return (2 * x.tp) / (2 * x.tp + x.fp + x.fn);
  };
  for (const t of ['CREDIT_CARD', 'IBAN_CODE', 'US_BANK_ROUTING', 'US_NPI', 'UK_NHS', 'US_SSN', 'EMAIL_ADDRESS', 'IP_ADDRESS', 'SECRET']) {
    assert.ok(f1(t) >= 0.98, `${t} F1 ${f1(t)}`);
  }
  for (const t of ['PHONE_NUMBER', 'US_PASSPORT', 'MEDICAL_RECORD_NUMBER', 'DATE_OF_BIRTH']) assert.ok(f1(t) >= 0.9, `${t} F1 ${f1(t)}`);
});
