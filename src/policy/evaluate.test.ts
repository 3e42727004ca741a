import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePolicy } from './compile.js';
import { evaluate, explain, GUARD_SUPPLIER, GUARD_SYSTEM } from './evaluate.js';
import { inputFromSpecs } from './input.js';
import type { InputSpec } from './schema.js';
import { sourceFromFiles } from './source.js';

/** Compiles one or more files given as name → YAML text. */
function policy(files: Record<string, string>) {
  return compilePolicy(sourceFromFiles(Object.entries(files).map(([name, content]) => ({ name, content }))));
}
const input = (spec: InputSpec = {}) => inputFromSpecs(spec);

const FIVE = `
rules:
  - { id: r-allow, match: { findings: [EMAIL_ADDRESS] }, action: allow }
  - { id: r-warn, match: { findings: [EMAIL_ADDRESS] }, action: warn, message: careful }
  - { id: r-route, match: { findings: [EMAIL_ADDRESS] }, action: route, route: { supplier: onprem, model: llama } }
  - { id: r-redact, match: { findings: [EMAIL_ADDRESS] }, action: redact, redact: { method: tokenize } }
  - { id: r-hold, match: { findings: [US_SSN] }, action: hold, message: wait for review, hold: { wait: 30s, timeout: 2h, validity: 10m, reviewers: [privacy] } }
  - { id: r-block, match: { findings: [SECRET] }, action: block, message: no secrets }
`;

test('the most restrictive matching action wins: block > hold > redact > route > warn > allow', () => {
  const p = policy({ 'p.yaml': FIVE });
  const email = { type: 'EMAIL_ADDRESS' };
  assert.equal(evaluate(p, input({ findings: [email] })).action, 'redact');
  assert.equal(evaluate(p, input({ findings: [email, { type: 'US_SSN' }] })).action, 'hold');
  assert.equal(evaluate(p, input({ findings: [email, { type: 'US_SSN' }, { type: 'SECRET' }] })).action, 'block');
  const only = (ids: string[]) => policy({ 'p.yaml': FIVE.split('\n').filter((l) => !l.includes('- {') || ids.some((i) => l.includes(`id: ${i},`))).join('\n') });
  assert.equal(evaluate(only(['r-allow', 'r-warn', 'r-route']), input({ findings: [email] })).action, 'route');
  assert.equal(evaluate(only(['r-allow', 'r-warn']), input({ findings: [email] })).action, 'warn');
  assert.equal(evaluate(only(['r-allow']), input({ findings: [email] })).action, 'allow');
});

test('redact and route effects apply together; block and hold drop them', () => {
  const p = policy({ 'p.yaml': FIVE });
  const d = evaluate(p, input({ findings: [{ type: 'EMAIL_ADDRESS' }] }));
  assert.deepEqual(d.redact, { types: ['EMAIL_ADDRESS'], method: 'tokenize' });
  assert.deepEqual(d.route, { supplier: 'onprem', model: 'llama' });
  assert.deepEqual(d.rules.map((r) => r.id), ['r-allow', 'r-warn', 'r-route', 'r-redact']);
  assert.equal(d.message, undefined);
  const h = evaluate(p, input({ findings: [{ type: 'EMAIL_ADDRESS' }, { type: 'US_SSN' }] }));
  assert.equal(h.redact, undefined);
  assert.equal(h.route, undefined);
  assert.deepEqual(h.hold, { waitMs: 30_000, timeoutMs: 7_200_000, validityMs: 600_000, reviewers: ['privacy'] });
  assert.equal(h.message, 'wait for review');
});

test('hold without settings gets the documented defaults', () => {
  const p = policy({ 'p.yaml': 'rules:\n  - { id: h, match: { labels: [x] }, action: hold }\n' });
  assert.deepEqual(evaluate(p, input({ labels: ['x'] })).hold, { waitMs: 0, timeoutMs: 86_400_000, validityMs: 3_600_000, reviewers: [] });
});

test('no match gives the default action, which settings can change', () => {
  assert.equal(evaluate(policy({ 'p.yaml': FIVE }), input()).action, 'allow');
  const p = policy({ 'p.yaml': FIVE, 's.yaml': 'settings: { defaultAction: block, defaultMessage: not in policy }\n' });
  const d = evaluate(p, input());
  assert.equal(d.action, 'block');
  assert.equal(d.message, 'not in policy');
  assert.deepEqual(d.rules, []);
});

test('monitor rules are recorded with mode monitor and never change the enforced action', () => {
  const p = policy({
    'p.yaml': `
rules:
  - { id: inj, match: { findings: [PROMPT_INJECTION] }, action: block, mode: monitor }
  - { id: pii, match: { findings: ['@pii'] }, action: warn }
`,
  });
  const d = evaluate(p, input({ findings: [{ type: 'PROMPT_INJECTION' }, { type: 'PERSON' }] }));
  assert.equal(d.action, 'warn');
  assert.equal(d.mode, 'enforce');
  assert.equal(d.monitorAction, 'block');
  assert.deepEqual(d.rules.map((r) => [r.id, r.action, r.mode]), [['inj', 'block', 'monitor'], ['pii', 'warn', 'enforce']]);
  // A monitor rule no stricter than the enforced action sets no monitorAction.
  const e = evaluate(p, input({ findings: [{ type: 'PERSON' }] }));
  assert.equal(e.monitorAction, undefined);
});

test('monitor mode for a file and for the whole set, guards included', () => {
  const rules = 'rules:\n  - { id: b, match: { findings: [SECRET] }, action: block }\n';
  const fileMonitor = policy({ 'p.yaml': 'mode: monitor\n' + rules });
  assert.equal(evaluate(fileMonitor, input({ findings: [{ type: 'SECRET' }] })).action, 'allow');
  const setMonitor = policy({ 'p.yaml': rules, 's.yaml': 'settings: { mode: monitor }\n' });
  const d = evaluate(setMonitor, input({ findings: [{ type: 'SECRET' }], system: { registered: false } }));
  assert.equal(d.action, 'allow');
  assert.equal(d.mode, 'monitor');
  assert.equal(d.monitorAction, 'block');
  assert.deepEqual(d.rules.map((r) => [r.id, r.mode]), [[GUARD_SYSTEM, 'monitor'], ['b', 'monitor']]);
  // Monitor rules' effects are not applied either.
  const red = policy({ 'p.yaml': 'rules:\n  - { id: r, mode: monitor, match: { findings: [US_SSN] }, action: redact, redact: { method: mask } }\n' });
  const r = evaluate(red, input({ findings: [{ type: 'US_SSN' }] }));
  assert.equal(r.redact, undefined);
  assert.equal(r.monitorAction, 'redact');
});

test('unregistered or unapproved systems and suppliers are blocked on requests unless settings allow', () => {
  const p = policy({ 'p.yaml': 'rules: []\n' });
  for (const [spec, id] of [
    [{ system: { registered: false } }, GUARD_SYSTEM],
    [{ system: { approved: false } }, GUARD_SYSTEM],
    [{ supplier: { registered: false } }, GUARD_SUPPLIER],
    [{ supplier: { approved: false } }, GUARD_SUPPLIER],
  ] as const) {
    const d = evaluate(p, input(spec));
    assert.equal(d.action, 'block', JSON.stringify(spec));
    assert.deepEqual(d.rules.map((r) => r.id), [id]);
    assert.ok(d.controls.length > 0);
  }
  assert.equal(evaluate(p, input({ direction: 'response', system: { approved: false } })).action, 'allow');
  const lenient = policy({ 'p.yaml': 'settings: { unapprovedSystem: allow, unapprovedSupplier: warn }\nrules: []\n' });
  assert.equal(evaluate(lenient, input({ system: { registered: false } })).action, 'allow');
  assert.equal(evaluate(lenient, input({ supplier: { approved: false } })).action, 'warn');
});

test('a CEL error at run time makes the rule match as block and says why (fail closed)', () => {
  const p = policy({
    'p.yaml': `
rules:
  - { id: bad-field, when: "principal.nosuch == 'x'", action: allow }
  - { id: not-bool, when: "messageCount + 1", action: warn }
  - { id: fine, when: "messageCount > 100", action: block }
`,
  });
  const d = evaluate(p, input());
  assert.equal(d.action, 'block');
  assert.deepEqual(d.rules.map((r) => [r.id, r.action]), [['bad-field', 'block'], ['not-bool', 'block']]);
  assert.match(d.rules[0].error ?? '', /nosuch/);
  assert.match(d.rules[1].error ?? '', /not bool/);
  // In monitor mode the failure is recorded but changes nothing.
  const m = policy({ 'p.yaml': 'rules:\n  - { id: bad, mode: monitor, when: "principal.nosuch", action: allow }\n' });
  const md = evaluate(m, input());
  assert.equal(md.action, 'allow');
  assert.equal(md.monitorAction, 'block');
});

test('CEL conditions see the documented context', () => {
  const cases: Array<[string, InputSpec, boolean]> = [
    ["principal.user == 'ana@corp.test' && 'finance' in principal.groups", { principal: { user: 'ana@corp.test', groups: ['finance'] } }, true],
    ["system.id == 'hr-bot' && 'personal' in system.dataCategories", { system: { id: 'hr-bot', dataCategories: ['personal'] } }, true],
    ['system.anyTool', { system: { allowedTools: null } }, true],
    ["supplier.public && !supplier.baa && supplier.type == 'openai'", {}, true],
    ["model.startsWith('gpt-4')", { model: 'gpt-4o' }, true],
    ['messageCount > 20', { messageCount: 21 }, true],
    ["counts['US_SSN'] >= 2 && 'US_SSN' in findingTypes", { findings: [{ type: 'US_SSN' }, { type: 'US_SSN' }] }, true],
    ["counts['SECRET:jwt'] == 1", { findings: [{ type: 'SECRET', subtype: 'jwt' }] }, true],
    ["findings.exists(f, f.type == 'PERSON' && f.score > 0.8)", { findings: [{ type: 'PERSON', score: 0.9 }] }, true],
    ["findings.exists(f, f.type == 'PERSON' && f.score > 0.8)", { findings: [{ type: 'PERSON', score: 0.5 }] }, false],
    ["'web_search' in tools", { tools: ['web_search'] }, true],
    ["toolCalls.exists(c, c.name == 'pay' && c.args.amount > 1000)", { direction: 'response', toolCalls: [{ name: 'pay', arguments: { amount: 5000 } }] }, true],
    ["toolCalls.exists(c, c.arguments.contains('DROP'))", { toolCalls: [{ name: 'sql', arguments: '{"q":"DROP x"}' }] }, true],
    ["'confidential' in labels", { labels: ['confidential'] }, true],
    ['time.hour >= 9 && time.hour < 17 && time.weekday >= 1 && time.weekday <= 5', { time: '2026-01-05T10:00:00Z' }, true],
    ['time.hour >= 9 && time.hour < 17', { time: '2026-01-05T20:00:00Z' }, false],
    ["timestamp(time.iso) > timestamp('2025-12-31T00:00:00Z')", {}, true],
    ["direction == 'response'", { direction: 'response' }, true],
    ["vars.limit == 3 && 'a.test' in vars.domains", {}, true],
  ];
  for (const [when, spec, want] of cases) {
    const p = policy({ 'p.yaml': `vars: { limit: 3, domains: [a.test] }\nrules:\n  - id: c\n    direction: any\n    when: ${JSON.stringify(when)}\n    action: warn\n` });
    const d = evaluate(p, input(spec));
    assert.equal(d.rules[0]?.error, undefined, `${when}: ${d.rules[0]?.error}`);
    assert.equal(d.action, want ? 'warn' : 'allow', when);
  }
});

test('structured matches: systems, suppliers, models (globs), users, groups, labels, direction', () => {
  const p = policy({
    'p.yaml': `
rules:
  - { id: sys, match: { systems: [hr-*] }, action: warn }
  - { id: sup, match: { suppliers: [anthropic] }, action: warn }
  - { id: mod, match: { models: ['gpt-4*', o3] }, action: warn }
  - { id: usr, match: { users: ['*@contractor.test'] }, action: warn }
  - { id: grp, match: { groups: [interns, temps] }, action: warn }
  - { id: lbl, match: { labels: [SECRET-LABEL] }, action: warn }
  - { id: resp, direction: response, match: { models: [o3] }, action: warn }
  - { id: both, direction: any, match: { models: [o3] }, action: warn }
  - { id: off, enabled: false, match: { models: [o3] }, action: block }
`,
  });
  const ids = (spec: InputSpec) => evaluate(p, input(spec)).rules.map((r) => r.id);
  assert.deepEqual(ids({ system: { id: 'hr-bot' } }), ['sys']);
  assert.deepEqual(ids({ system: { id: 'hrbot' } }), []);
  assert.deepEqual(ids({ supplier: { id: 'anthropic' } }), ['sup']);
  assert.deepEqual(ids({ model: 'gpt-4o-mini' }), ['mod']);
  assert.deepEqual(ids({ model: 'o3' }), ['mod', 'both']);
  assert.deepEqual(ids({ model: 'o3', direction: 'response' }), ['mod', 'resp', 'both'].filter((x) => x !== 'mod'));
  assert.deepEqual(ids({ principal: { user: 'bob@contractor.test' } }), ['usr']);
  assert.deepEqual(ids({ principal: { groups: ['staff', 'temps'] } }), ['grp']);
  assert.deepEqual(ids({ labels: ['SECRET-LABEL'] }), ['lbl']);
});

test('finding selectors: groups, subtypes, minimum score and count, any of several', () => {
  const p = policy({
    'p.yaml': `
groups:
  mine: [MY_DETECTOR, '@pci']
rules:
  - { id: phi, match: { findings: ['@phi'] }, action: warn }
  - { id: aws, match: { findings: ['SECRET:aws_access_key'] }, action: warn }
  - { id: many, match: { findings: [{ types: [EMAIL_ADDRESS], minCount: 3, minScore: 0.5 }] }, action: warn }
  - { id: either, match: { findings: [US_SSN, { types: [PERSON], minScore: 0.9 }] }, action: warn }
  - { id: custom, match: { findings: ['@mine'] }, action: warn }
  - { id: anything, match: { findings: ['*'] }, action: allow }
`,
  });
  const ids = (findings: InputSpec['findings']) => evaluate(p, input({ findings })).rules.map((r) => r.id);
  assert.deepEqual(ids([]), []);
  assert.deepEqual(ids([{ type: 'MEDICAL_RECORD_NUMBER' }]), ['phi', 'anything']);
  assert.deepEqual(ids([{ type: 'SECRET', subtype: 'aws_access_key' }]), ['aws', 'anything']);
  assert.deepEqual(ids([{ type: 'SECRET', subtype: 'github_token' }]), ['anything']);
  const e = (score: number) => ({ type: 'EMAIL_ADDRESS', score });
  assert.deepEqual(ids([e(0.9), e(0.9), e(0.4)]), ['anything']);
  assert.deepEqual(ids([e(0.9), e(0.9), e(0.5)]), ['many', 'anything']);
  assert.deepEqual(ids([{ type: 'PERSON', score: 0.8 }]), ['anything']);
  assert.deepEqual(ids([{ type: 'PERSON', score: 0.95 }]), ['either', 'anything']);
  assert.deepEqual(ids([{ type: 'US_SSN', score: 0.1 }]), ['either', 'anything']);
  assert.deepEqual(ids([{ type: 'MY_DETECTOR' }]), ['custom', 'anything']);
  assert.deepEqual(ids([{ type: 'IBAN_CODE' }]), ['custom', 'anything']);
});

test('redaction: types are the findings present, the strongest method wins, redact.types narrows', () => {
  const p = policy({
    'p.yaml': `
rules:
  - { id: tok, match: { findings: ['@pii'] }, action: redact, redact: { method: tokenize } }
  - { id: mask, match: { findings: [US_SSN] }, action: redact, redact: { method: mask } }
  - { id: only-aws, match: { findings: [SECRET] }, action: redact, redact: { method: hash, types: ['SECRET:aws_access_key'] } }
`,
  });
  const d = evaluate(p, input({ findings: [{ type: 'EMAIL_ADDRESS' }, { type: 'PERSON' }, { type: 'EMAIL_ADDRESS' }] }));
  assert.deepEqual(d.redact, { types: ['EMAIL_ADDRESS', 'PERSON'], method: 'tokenize' });
  const m = evaluate(p, input({ findings: [{ type: 'EMAIL_ADDRESS' }, { type: 'US_SSN' }] }));
  assert.deepEqual(m.redact, { types: ['EMAIL_ADDRESS', 'US_SSN'], method: 'mask' });
  const s = evaluate(p, input({ findings: [{ type: 'SECRET', subtype: 'aws_access_key' }, { type: 'SECRET', subtype: 'jwt' }] }));
  assert.deepEqual(s.redact, { types: ['SECRET:aws_access_key'], method: 'hash' });
});

test('tool rules: offered tools outside scope are stripped, calls outside scope or with bad arguments block', () => {
  const p = policy({
    'p.yaml': `
rules:
  - { id: strip, match: { tools: { outsideAllowed: true } }, strip: true, action: warn }
  - { id: call-scope, direction: response, match: { tools: { outsideAllowed: true } }, action: block }
  - { id: drop, direction: response, match: { tools: { names: [run_sql, 'db_*'], arguments: '(?i)\\bdrop\\b' } }, action: block }
  - { id: named, match: { tools: { names: [shell] } }, action: block }
`,
  });
  const system = { allowedTools: ['search', 'run_sql', 'db_query'] };
  const req = evaluate(p, input({ system, tools: ['search', 'wire', 'email'] }));
  assert.equal(req.action, 'warn');
  assert.deepEqual(req.stripTools, ['wire', 'email']);
  assert.deepEqual(req.rules[0].tools, ['wire', 'email']);
  assert.equal(evaluate(p, input({ system, tools: ['search', 'shell'] })).action, 'block');
  assert.equal(evaluate(p, input({ system, tools: ['search'] })).stripTools, undefined);

  const call = (name: string, args: Record<string, unknown>) => evaluate(p, input({ system, direction: 'response', toolCalls: [{ name, arguments: args }] }));
  assert.deepEqual(call('wire', {}).rules.map((r) => [r.id, r.tools]), [['call-scope', ['wire']]]);
  assert.equal(call('wire', {}).action, 'block');
  assert.equal(call('db_query', { q: 'DROP TABLE t' }).action, 'block');
  assert.equal(call('db_query', { q: 'select dropped from t' }).action, 'allow');
  assert.equal(call('search', { q: 'drop table' }).action, 'allow');
});

test('controls of every matched rule are carried into the decision, without duplicates', () => {
  const p = policy({
    'p.yaml': `
rules:
  - { id: a, match: { labels: [x] }, action: warn, controls: [iso42001:A.9.3, eu-ai-act:art-14] }
  - { id: b, match: { labels: [x] }, action: block, mode: monitor, controls: [eu-ai-act:art-14, nist-ai-rmf:MANAGE-2.4] }
`,
  });
  const d = evaluate(p, input({ labels: ['x'] }));
  assert.deepEqual(d.controls, ['iso42001:A.9.3', 'eu-ai-act:art-14', 'nist-ai-rmf:MANAGE-2.4']);
  assert.deepEqual(d.rules[1].controls, ['eu-ai-act:art-14', 'nist-ai-rmf:MANAGE-2.4']);
  assert.equal(d.policyVersion, p.version);
});

test('evaluate is pure: same input, same decision; the input is not changed', () => {
  const p = policy({ 'p.yaml': FIVE });
  const i = input({ findings: [{ type: 'EMAIL_ADDRESS' }, { type: 'US_SSN' }] });
  const before = JSON.stringify(i);
  const a = evaluate(p, i);
  const b = evaluate(p, i);
  assert.deepEqual(a, b);
  assert.equal(JSON.stringify(i), before);
  a.rules[0].controls.push('mutated');
  assert.notDeepEqual(evaluate(p, i).rules[0].controls, a.rules[0].controls);
});

test('explain lists every rule with the result of each condition', () => {
  const p = policy({
    'p.yaml': `
rules:
  - { id: a, match: { models: [gpt-4o], findings: [US_SSN] }, action: block }
  - { id: b, when: "messageCount > 5", action: warn }
  - { id: c, direction: response, action: warn, match: { models: ['*'] } }
  - { id: d, when: "principal.nosuch", action: allow }
`,
  });
  const e = explain(p, input({ model: 'gpt-4o', messageCount: 9 }));
  const byId = Object.fromEntries(e.map((x) => [x.id, x]));
  assert.deepEqual(Object.keys(byId), [GUARD_SYSTEM, GUARD_SUPPLIER, 'a', 'b', 'c', 'd']);
  assert.equal(byId.a.matched, false);
  assert.deepEqual(byId.a.checks.map((c) => [c.name, c.ok]), [['direction', true], ['model', true], ['findings', false]]);
  assert.equal(byId.a.line, 3);
  assert.equal(byId.b.matched, true);
  assert.equal(byId.c.matched, false);
  assert.equal(byId.c.checks[0].ok, false);
  assert.equal(byId.d.matched, true);
  assert.equal(byId.d.action, 'block');
  assert.match(byId.d.error ?? '', /nosuch/);
});

test('tool argument patterns are RE2: linear on hostile input, lookaround refused at load', () => {
  const p = policy({ 'p.yaml': "rules:\n  - { id: r, direction: response, match: { tools: { arguments: '(a+)+$' } }, action: block }\n" });
  // Exponential for a backtracking engine; RE2 answers at once.
  const hostile = JSON.stringify({ q: 'a'.repeat(100_000) + '!' });
  assert.equal(evaluate(p, input({ direction: 'response', toolCalls: [{ name: 't', arguments: hostile }] })).action, 'allow');
  assert.throws(
    () => policy({ 'p.yaml': "rules:\n  - { id: r, direction: response, match: { tools: { arguments: '(?=x)' } }, action: block }\n" }),
    /bad arguments pattern/,
  );
});

test('a guard set to hold gives a hold decision with the default hold settings', () => {
  const p = policy({ 'p.yaml': 'settings: { unapprovedSupplier: hold }\nrules: []\n' });
  const d = evaluate(p, input({ supplier: { approved: false } }));
  assert.equal(d.action, 'hold');
  assert.deepEqual(d.hold, { waitMs: 0, timeoutMs: 86_400_000, validityMs: 3_600_000, reviewers: [] });
  assert.match(d.message ?? '', /not approved/);
});
