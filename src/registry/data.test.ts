import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadActFacts, loadLifecycleStages } from './data.js';
import { defaultRiskScale, riskScore, checkRiskScale, assessRisk } from './risk.js';
import { EU_AI_ACT_CLASSES, LIFECYCLE_STAGES, SERIOUS_INCIDENT_KINDS, riskSchema } from './schemas.js';

test('the data files name the same lifecycle stages, classes and serious-incident kinds as the schemas', () => {
  assert.deepEqual(loadLifecycleStages().map((s) => s.id), [...LIFECYCLE_STAGES]);
  const act = loadActFacts();
  assert.deepEqual(act.classes.map((c) => c.id), [...EU_AI_ACT_CLASSES]);
  assert.deepEqual(act.serious_incident_kinds.map((c) => c.id), [...SERIOUS_INCIDENT_KINDS]);
  assert.deepEqual(act.annex_iii.map((a) => a.point), [1, 2, 3, 4, 5, 6, 7, 8]);
});

test('risk score is likelihood x impact; the level is the first that reaches it', () => {
  const scale = defaultRiskScale();
  assert.deepEqual([scale.likelihoodMax, scale.impactMax], [5, 5]);
  assert.deepEqual(riskScore(2, 2, scale), { likelihood: 2, impact: 2, score: 4, level: 'low' });
  assert.equal(riskScore(1, 5, scale).level, 'medium');
  assert.equal(riskScore(3, 3, scale).level, 'medium');
  assert.equal(riskScore(2, 5, scale).level, 'high');
  assert.equal(riskScore(5, 5, scale).level, 'critical');
  const three = { likelihoodMax: 3, impactMax: 3, levels: [{ name: 'low', upTo: 2 }, { name: 'high', upTo: 9 }] };
  assert.deepEqual(checkRiskScale(three), []);
  assert.equal(riskScore(3, 1, three).level, 'high');
  assert.match(checkRiskScale({ ...three, levels: [{ name: 'low', upTo: 4 }] })[0], /must reach 9/);
  const r = riskSchema.parse({ id: 'r', systemId: 's', title: 't', likelihood: 4, impact: 4, treatment: 'mitigate', residualLikelihood: 1, residualImpact: 4, owner: 'o', reviewAt: '2026-01-01', createdAt: '2026-01-01', updatedAt: '2026-01-01' });
  assert.deepEqual(assessRisk(r, scale), { inherent: { likelihood: 4, impact: 4, score: 16, level: 'high' }, residual: { likelihood: 1, impact: 4, score: 4, level: 'low' } });
  assert.equal(riskSchema.safeParse({ ...r, residualImpact: undefined }).success, false);
});
