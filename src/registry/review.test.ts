import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dueBy, isOverdue, supplierReviewOverdue, systemNextReview, systemReviewOverdue } from './review.js';
import { supplierGate, systemGate } from './gate.js';
import { aiSystemSchema, supplierSchema } from './schemas.js';
import { SUPPLIER, SYSTEM } from './testutil.js';

const stamps = { createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };

test('a review date covers the whole UTC day: overdue from the first millisecond of the next day', () => {
  assert.equal(isOverdue('2026-06-30', new Date('2026-06-30T23:59:59.999Z')), false);
  assert.equal(isOverdue('2026-06-30', new Date('2026-07-01T00:00:00.000Z')), true);
  assert.equal(dueBy('2026-06-30'), Date.parse('2026-07-01T00:00:00Z') - 1);
});

test('a review date-time is on time exactly at that instant and overdue one second past', () => {
  assert.equal(isOverdue('2026-06-30T12:00:00Z', new Date('2026-06-30T12:00:00Z')), false);
  assert.equal(isOverdue('2026-06-30T12:00:00Z', new Date('2026-06-30T12:00:01Z')), true);
  assert.equal(isOverdue('2026-06-30T14:00:00+02:00', new Date('2026-06-30T12:00:01Z')), true);
});

test('supplier review overdue and the gate view', () => {
  const s = supplierSchema.parse({ ...SUPPLIER, ...stamps, baa: true });
  assert.equal(supplierReviewOverdue(s, new Date('2026-06-30T23:00:00Z')), false);
  assert.deepEqual(supplierGate(s, new Date('2026-06-30T23:00:00Z')), { approved: true, reviewOverdue: false, baa: true });
  assert.deepEqual(supplierGate(s, new Date('2026-07-01T00:00:00Z')), { approved: true, reviewOverdue: true, baa: true });
  for (const status of ['pending', 'rejected', 'suspended'] as const) assert.equal(supplierGate({ ...s, status }, new Date()).approved, false);
});

test('system gate: only production is approved; tools null means any', () => {
  const s = aiSystemSchema.parse({ ...SYSTEM, ...stamps });
  const now = new Date('2026-04-01T00:00:00Z');
  assert.deepEqual(systemGate(s, now), {
    registered: true,
    approved: true,
    dataCategories: ['personal'],
    allowedTools: null,
    suppliers: ['openai'],
    models: ['gpt-4o-mini'],
  });
  for (const lifecycle of ['idea', 'procurement', 'development', 'validation', 'retired'] as const)
    assert.equal(systemGate({ ...s, lifecycle }, now).approved, false);
  assert.deepEqual(systemGate({ ...s, tools: [] }, now).allowedTools, []);
});

test('system review falls due a cadence after the last review (or registration)', () => {
  const s = { createdAt: '2026-01-01T00:00:00.000Z', reviewCadenceDays: 90 };
  assert.equal(systemNextReview(s), '2026-04-01T00:00:00.000Z');
  assert.equal(systemReviewOverdue(s, new Date('2026-04-01T00:00:00.000Z')), false);
  assert.equal(systemReviewOverdue(s, new Date('2026-04-01T00:00:00.001Z')), true);
  assert.equal(systemNextReview({ ...s, lastReviewedAt: '2026-03-01' }), '2026-05-30T00:00:00.000Z');
});
