import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePolicy } from './compile.js';
import { evaluate, evaluateEveryRule } from './evaluate.js';
import { inputFromSpecs } from './input.js';
import type { InputSpec } from './schema.js';
import { sourceFromFiles } from './source.js';

// A small deterministic generator (mulberry32) so a failure can be replayed.
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYSTEMS = ['hr-bot', 'support-bot', 'code-agent'];
const SUPPLIERS = ['openai', 'anthropic', 'onprem'];
const MODELS = ['gpt-4o', 'claude', 'llama'];
const USERS = ['ana@corp.test', 'bo@corp.test'];
const GROUPS = ['staff', 'finance', 'interns'];
const LABELS = ['confidential', 'public'];
const TYPES = ['US_SSN', 'EMAIL_ADDRESS', 'PERSON', 'SECRET', 'SECRET:jwt', 'MEDICAL_RECORD_NUMBER', '@pii', '@phi', '*'];
const ACTIONS = ['block', 'hold', 'warn', 'allow'];

test('the rule index never changes a decision (random policies and inputs)', () => {
  const r = rng(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const some = <T>(xs: readonly T[]) => xs.filter(() => r() < 0.5).slice(0, 2).concat([pick(xs)]);
  for (let round = 0; round < 40; round++) {
    const rules: string[] = [];
    for (let i = 0; i < 25; i++) {
      const m: string[] = [];
      if (r() < 0.25) m.push(`systems: [${some(SYSTEMS).join(', ')}${r() < 0.2 ? ", 'hr-*'" : ''}]`);
      if (r() < 0.2) m.push(`suppliers: [${some(SUPPLIERS).join(', ')}]`);
      if (r() < 0.15) m.push(`models: [${some(MODELS).join(', ')}]`);
      if (r() < 0.15) m.push(`users: [${some(USERS).join(', ')}]`);
      if (r() < 0.2) m.push(`groups: [${some(GROUPS).join(', ')}]`);
      if (r() < 0.2) m.push(`labels: [${some(LABELS).join(', ')}]`);
      if (r() < 0.5) m.push(`findings: [${some(TYPES).map((t) => `'${t}'`).join(', ')}]`);
      const when = r() < 0.2 ? `, when: "messageCount > ${Math.floor(r() * 4)}"` : '';
      const dir = pick(['request', 'response', 'any']);
      rules.push(`  - { id: r${i}, direction: ${dir}, action: ${pick(ACTIONS)}${m.length ? `, match: { ${m.join(', ')} }` : ''}${when} }`);
    }
    const p = compilePolicy(sourceFromFiles([{ name: 'p.yaml', content: 'rules:\n' + rules.join('\n') + '\n' }]));
    for (let k = 0; k < 30; k++) {
      const spec: InputSpec = {
        direction: r() < 0.7 ? 'request' : 'response',
        system: { id: pick(SYSTEMS) },
        supplier: { id: pick(SUPPLIERS) },
        model: pick(MODELS),
        principal: { user: pick(USERS), groups: some(GROUPS) },
        labels: r() < 0.5 ? [] : some(LABELS),
        findings: (r() < 0.3 ? [] : some(['US_SSN', 'EMAIL_ADDRESS', 'PERSON', 'SECRET', 'MEDICAL_RECORD_NUMBER', 'IBAN_CODE'])).map((type) => ({
          type,
          ...(type === 'SECRET' && r() < 0.5 ? { subtype: 'jwt' } : {}),
        })),
        messageCount: Math.floor(r() * 5),
      };
      const input = inputFromSpecs(spec);
      assert.deepEqual(evaluate(p, input), evaluateEveryRule(p, input), `round ${round} case ${k}: ${JSON.stringify(spec)}`);
    }
  }
});

test('rules are skipped by the index only when they cannot match', () => {
  const p = compilePolicy(
    sourceFromFiles([{ name: 'p.yaml', content: 'rules:\n  - { id: a, match: { systems: [x] }, action: warn }\n  - { id: b, match: { findings: [US_SSN] }, action: warn }\n  - { id: c, when: "true", action: allow }\n' }]),
  );
  assert.deepEqual(p.requestIndex.always, [2]);
  assert.deepEqual([...p.requestIndex.by.system.keys()], ['x']);
  assert.deepEqual([...p.requestIndex.by.finding.keys()], ['US_SSN']);
  assert.equal(p.requestIndex.filed, 2);
  assert.deepEqual(evaluate(p, inputFromSpecs({ system: { id: 'x' }, findings: [{ type: 'US_SSN' }] })).rules.map((h) => h.id), ['a', 'b', 'c']);
});
