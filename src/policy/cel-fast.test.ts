import { test } from 'node:test';
import assert from 'node:assert/strict';
import { celEnv, isCelError, parse, plan, CelScalar } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { CEL_VARIABLES, compileCondition, ConditionInput } from './cel.js';
import { CelFault, compileFast } from './cel-fast.js';
import { inputFromSpecs } from './input.js';

// The fast path must give what the reference interpreter gives: the same value, or an error
// where it errs. Each expression runs on both against the same decision context.
const EXPRESSIONS = [
  'messageCount > 5', 'messageCount >= 6 && messageCount <= 6', 'messageCount == 6.0', 'messageCount + 1 == 7', 'messageCount * 2 - 1',
  'messageCount / 4', 'messageCount % 4', 'messageCount / 0', 'messageCount % 0', '-messageCount', '9223372036854775807 + messageCount',
  '1.5 + 2.5', '1.0 / 0.0 > 1.0', 'messageCount + 1.5', "'a' + 'b'", "'a' < 'b'", "'a' < 1", 'true < false', '[1, 2] + [3]', 'size([1, 2] + [3])',
  "principal.user == 'ana@corp.test'", "principal.user != 'x'", "'staff' in principal.groups", "'nobody' in principal.groups",
  'principal.nosuch', "principal.nosuch == 'x' || true", "principal.nosuch == 'x' && false", "true || principal.nosuch", "false && principal.nosuch",
  "principal.nosuch || principal.other", '!supplier.public', '!messageCount', 'supplier.public ? 1 : 2', 'messageCount ? 1 : 2',
  "has(principal.user)", "has(principal.nosuch)", "has(principal.user.x)", "'health' in system.dataCategories && supplier.baa",
  "system.anyTool || 'search' in system.allowedTools", "size(system.allowedTools) == 2", "system.allowedTools.size()", "size('héllo')", "size(principal)",
  "counts['EMAIL_ADDRESS'] == 2", "counts['US_SSN'] > 0", "'US_SSN' in counts", "counts['SECRET:jwt']", 'findingTypes[0]', 'findingTypes[5]', "findingTypes['x']",
  "findings.exists(f, f.type == 'PERSON' && f.score > 0.8)", "findings.all(f, f.score >= 0.5)", "findings.exists_one(f, f.type == 'PERSON')",
  "findings.map(f, f.type)", "findings.filter(f, f.score > 0.9).size()", "findings.exists(f, f.nosuch)", "findings.all(f, f.nosuch)",
  "findings.exists(f, f.type == 'EMAIL_ADDRESS' || f.nosuch)", "counts.exists(k, k.startsWith('EMAIL'))", "tools.exists(t, t == 'search') && tools.all(t, t != 'shell')",
  "findings.exists(f, findings.exists(g, f.type != g.type))",
  "toolCalls.exists(c, c.name == 'send_email' && c.args.to.endsWith('@example.com'))", "toolCalls.exists(c, c.args.to.lowerAscii().endsWith('@outside.test'))",
  "toolCalls.exists(c, c.args.limit > 10)", "toolCalls.exists(c, c.args.ratio < 1)", "toolCalls.exists(c, c.args.tags.size() > 1)", "toolCalls.exists(c, c.args.nested.deep == true)",
  "toolCalls.exists(c, c.arguments.matches('(?i)drop\\\\s+table'))", "toolCalls.exists(c, c.arguments.matches('^\\\\{'))", "model.matches('gpt-4.*')", "matches(model, '^gpt')",
  "model.startsWith('gpt') && model.endsWith('o') && model.contains('-4')", "model.upperAscii() == 'GPT-4O'", "model.contains(1)", "messageCount.startsWith('x')",
  "time.hour >= 9 && time.hour < 17 && time.weekday < 6", "time.date == '2026-01-05'", "time.unix > 0", "direction == 'request'",
  "vars.limit == 3 && 'a.test' in vars.domains", 'vars.limit + 1 == 4', 'vars.ratio * 2.0 == 1.0', "[1, 'a', true] == [1, 'a', true]", '[1] == [1.0]', "[1, 2] == [1]",
  "1 in counts", "findingTypes[0.0]", "'a' + 1", "[1, 2][1]", "size(counts) > 0", "-(-9223372036854775807 - 1)", "9223372036854775807 * 2",
  "1 / 2", "7 % -3", "-7 / 2", "1.0 == 1", "1 < 1.5", "'b' > 'a' && 'B' < 'a'", "[] == []", "principal.groups == ['staff']", "true == 1", "null == 0",
  "findings.exists(f, f.subtype == '')", "findings.map(f, f.score).size() == 3", "tools.filter(t, t.startsWith('s'))", "time.weekday in [1, 2, 3, 4, 5]",
  "null == null", "principal == principal", "supplier == system", "labels == []", "1 in [1, 2]", "1 in 'abc'",
];

const env = celEnv({ funcs: strings, variables: Object.fromEntries(CEL_VARIABLES.map((v) => [v, CelScalar.DYN])) as never });

const input = inputFromSpecs({
  principal: { user: 'ana@corp.test', groups: ['staff'] },
  system: { dataCategories: ['personal', 'health'], allowedTools: ['search', 'send_email'] },
  supplier: { public: true, baa: true },
  model: 'gpt-4o',
  messageCount: 6,
  findings: [{ type: 'EMAIL_ADDRESS', score: 0.99 }, { type: 'EMAIL_ADDRESS', score: 0.6 }, { type: 'PERSON', score: 0.9 }],
  tools: ['search', 'send_email'],
  toolCalls: [{ name: 'send_email', arguments: { to: 'Bob@Outside.test', limit: 20, ratio: 0.5, tags: ['a', 'b'], nested: { deep: true } } }, { name: 'sql', arguments: 'DROP  table x' }],
});
const vars = { limit: 3, domains: ['a.test'], ratio: 0.5 };

const big = (_k: string, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v);

function normal(v: unknown): unknown {
  if (v && typeof v === 'object' && Symbol.iterator in v && !Array.isArray(v) && typeof (v as { values?: unknown }).values === 'function' && !(v instanceof Map))
    return [...(v as unknown as { values(): Iterable<unknown> }).values()].map(normal);
  if (Array.isArray(v)) return v.map(normal);
  if (typeof v === 'number') return v;
  return v;
}

test('the fast path agrees with @bufbuild/cel on every expression of the corpus', () => {
  const ctx = new ConditionInput(input, vars);
  let fast = 0;
  const mismatches: string[] = [];
  for (const source of EXPRESSIONS) {
    const parsed = parse(source);
    const f = compileFast(parsed.expr);
    const ref = plan(env, parsed)(ctx.interpreter() as never);
    if (!f) continue;
    fast++;
    const got = f(ctx.plain());
    if (isCelError(ref)) {
      if (!(got instanceof CelFault)) mismatches.push(`${source}: reference errs (${ref.message}), fast gave ${String(got)}`);
    } else if (got instanceof CelFault) mismatches.push(`${source}: fast errs (${got.message}), reference gave ${String(ref)}`);
    else {
      try {
        assert.deepEqual(normal(got), normal(ref));
      } catch {
        mismatches.push(`${source}: fast ${JSON.stringify(normal(got), big)}, reference ${JSON.stringify(normal(ref), big)}`);
      }
    }
  }
  assert.deepEqual(mismatches, []);
  assert.ok(fast >= EXPRESSIONS.length - 2, `only ${fast} of ${EXPRESSIONS.length} took the fast path`);
});

test('expressions outside the subset fall back to the interpreter and still work', () => {
  for (const [source, want] of [
    ["timestamp(time.iso) > timestamp('2025-01-01T00:00:00Z')", true],
    ["{'a': 1}['a'] == 1", true],
    ["string(messageCount) == '6'", true],
    ["model.indexOf('4') == 4", true],
  ] as const) {
    const { condition, error } = compileCondition(source);
    assert.equal(error, undefined);
    assert.equal(condition!.fast, false, source);
    assert.equal(condition!(new ConditionInput(input, vars)), want, source);
  }
  assert.equal(compileCondition("principal.user == 'ana@corp.test'").condition!.fast, true);
});

test('a __proto__ key in tool arguments stays data and cannot change what other fields read', () => {
  const evil = inputFromSpecs({ direction: 'response', toolCalls: [{ name: 'x', arguments: '{"__proto__": {"admin": true}, "to": "a@b.test"}' }] });
  const ctx = new ConditionInput(evil, {});
  for (const [source, want] of [
    ['toolCalls.exists(c, has(c.args.admin))', false],
    ["toolCalls.exists(c, '__proto__' in c.args && c.args.to == 'a@b.test')", true],
  ] as const) {
    const { condition } = compileCondition(source);
    assert.equal(condition!(ctx), want, source);
  }
});
