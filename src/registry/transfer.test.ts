import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportRecords, parseImport } from './transfer.js';
import { formatProblem } from './errors.js';
import { aiSystemSchema } from './schemas.js';
import { SYSTEM } from './testutil.js';

const GOOD_YAML = `systems:
  - id: support-bot
    name: Support assistant
    purpose: Answers customer questions
    owner: cx-team@example.com
    lifecycle: production
    role: deployer
    euAiActClass: limited
    suppliers: [openai]
    models: [gpt-4o-mini]
  - id: cv-screen
    name: CV screening
    purpose: Ranks applications
    owner: hr@example.com
    lifecycle: validation
    role: deployer
    euAiActClass: high-risk
    annexIIIArea: employment
    dataCategories: [personal]
`;

test('a valid YAML inventory parses with each record line', () => {
  const r = parseImport('systems', GOOD_YAML, 'yaml', 'inv.yaml');
  assert.deepEqual(r.problems, []);
  assert.deepEqual(r.records.map((x) => [x.line, x.value.id]), [[2, 'support-bot'], [11, 'cv-screen']]);
  assert.equal(r.records[0].value.tools, null);
  assert.equal(r.records[0].value.reviewCadenceDays, 365);
});

test('a malformed YAML inventory gives file:line, field and message for every problem', () => {
  const bad = GOOD_YAML.replace('lifecycle: production', 'lifecycle: live')
    .replace('annexIIIArea: employment', 'annexIIIArea: hiring')
    .replace('    owner: hr@example.com\n', '')
    .concat('  - id: support-bot\n    name: Again\n');
  const r = parseImport('systems', bad, 'yaml', 'inv.yaml');
  const lines = r.problems.map(formatProblem);
  assert.ok(lines.some((l) => /^inv\.yaml:6: lifecycle: /.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^inv\.yaml:11: owner: /.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^inv\.yaml:17: annexIIIArea: unknown Annex III area/.test(l)), lines.join('\n'));
  // The duplicate is only detected for records that validate; the incomplete one reports its missing fields.
  assert.ok(lines.some((l) => /^inv\.yaml:19: purpose: required$/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /^inv\.yaml:19: lifecycle: required$/.test(l)), lines.join('\n'));
});

test('YAML syntax errors and wrong shapes are reported with lines', () => {
  const r = parseImport('systems', 'systems:\n  - id: a\n   name: [unclosed\n', 'yaml', 'x.yaml');
  assert.equal(r.problems[0].field, '(yaml)');
  assert.ok(r.problems[0].line! >= 2);
  const s = parseImport('systems', 'suppliers: []\n', 'yaml', 'x.yaml');
  assert.deepEqual(s.problems.map((p) => [p.line, p.field]), [[1, 'suppliers'], [1, 'systems']]);
  const dup = parseImport('systems', GOOD_YAML + GOOD_YAML.replace('systems:\n', ''), 'yaml', 'x.yaml');
  assert.deepEqual(dup.problems.map((p) => [p.line, p.field, p.message]), [
    [20, 'id', 'duplicate id support-bot (first on line 2)'],
    [29, 'id', 'duplicate id cv-screen (first on line 11)'],
  ]);
});

const CSV = [
  'id,name,purpose,owner,lifecycle,role,euAiActClass,annexIIIArea,dataCategories,suppliers,models,tools,reviewCadenceDays',
  'support-bot,Support assistant,"Answers questions, politely",cx@example.com,production,deployer,limited,,personal;contact,openai,gpt-4o-mini,*,180',
  'agent,Ops agent,Runs playbooks,ops@example.com,development,provider,minimal,,,anthropic,claude-sonnet-4,none,',
  'kb,Knowledge base,"Search over\nthe wiki",it@example.com,idea,deployer,minimal,,,,,search;fetch,',
].join('\r\n');

test('a CSV inventory parses lists, tools (* any, none) and numbers', () => {
  const r = parseImport('systems', CSV, 'csv', 'inv.csv');
  assert.deepEqual(r.problems, []);
  const [a, b, c] = r.records.map((x) => x.value);
  assert.deepEqual(a.dataCategories, ['personal', 'contact']);
  assert.equal(a.tools, null);
  assert.equal(a.reviewCadenceDays, 180);
  assert.deepEqual(b.tools, []);
  assert.deepEqual(c.tools, ['search', 'fetch']);
  assert.deepEqual(r.records.map((x) => x.line), [2, 3, 4]);
});

test('a malformed CSV inventory gives line-level problems (a multi-line record counts its first line)', () => {
  const bad = CSV.replace(',production,', ',live,').replace(',180', ',often').replace('kb,Knowledge base', 'kb,') + '\r\nshort,row';
  const r = parseImport('systems', bad, 'csv', 'inv.csv');
  assert.deepEqual(
    r.problems.map((p) => [p.line, p.field]),
    [
      [2, 'reviewCadenceDays'],
      [2, 'lifecycle'],
      [4, 'name'],
      [6, '(csv)'],
    ],
  );
  const h = parseImport('systems', 'id,colour\nx,red\n', 'csv', 'h.csv');
  assert.equal(formatProblem(h.problems[0]), 'h.csv:1: colour: unknown column; known: id, name, purpose, owner, businessUnit, lifecycle, role, euAiActClass, annexIIIArea, dataCategories, suppliers, models, tools, oversight, reviewCadenceDays, lastReviewedAt, notes');
});

test('supplier CSV: yes/no flags and a bad flag', () => {
  const text = 'id,name,status,dpa,baa,nextReviewAt,regions\nopenai,OpenAI,approved,yes,no,2026-06-30,EU;US\nx,X,approved,maybe,no,2026-13-01,\n';
  const r = parseImport('suppliers', text, 'csv', 's.csv');
  assert.deepEqual(r.problems.map((p) => [p.line, p.field]), [[3, 'dpa'], [3, 'nextReviewAt']]);
  const ok = parseImport('suppliers', text.split('\n').slice(0, 2).join('\n'), 'csv', 's.csv');
  assert.equal(ok.records[0].value.dpa, true);
  assert.deepEqual(ok.records[0].value.regions, ['EU', 'US']);
});

test('export then import gives the same records, in YAML and in CSV', () => {
  const stamps = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' };
  const recs = [
    aiSystemSchema.parse({ ...SYSTEM, ...stamps, notes: 'line one\nline "two", with comma' }),
    aiSystemSchema.parse({ ...SYSTEM, ...stamps, id: 'hr', euAiActClass: 'high-risk', annexIIIArea: 'employment', tools: [] }),
  ];
  const strip = (r: Record<string, unknown>) => {
    const { createdAt: _c, updatedAt: _u, ...rest } = r;
    return rest;
  };
  for (const format of ['yaml', 'csv'] as const) {
    const back = parseImport('systems', exportRecords('systems', recs, format), format, `x.${format}`);
    assert.deepEqual(back.problems, []);
    assert.deepEqual(back.records.map((r) => r.value), recs.map(strip), format);
  }
});
