import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilePolicy } from './compile.js';
import { checkControl } from './controls.js';
import { loadPolicySource, sourceFromFiles, versionOf } from './source.js';
import { PolicyLoadError, type LoadIssue } from './yaml-doc.js';

function issuesOf(files: Record<string, string>): LoadIssue[] {
  try {
    compilePolicy(sourceFromFiles(Object.entries(files).map(([name, content]) => ({ name, content }))));
  } catch (e) {
    assert.ok(e instanceof PolicyLoadError, String(e));
    return e.issues;
  }
  assert.fail('expected a PolicyLoadError');
}

/** Asserts one issue at file:line:column whose message matches. */
function hasIssue(issues: LoadIssue[], file: string, line: number, column: number, message: RegExp): void {
  const found = issues.find((i) => i.file === file && i.line === line && i.column === column && message.test(i.message));
  assert.ok(found, `no issue ${file}:${line}:${column} ${message} in\n${issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`).join('\n')}`);
}

test('schema errors name file, line and column', () => {
  const issues = issuesOf({
    'a.yaml': ['rules:', '  - id: one', '    action: explode', '  - id: two', '    action: block', '    match:', '      colour: red', ''].join('\n'),
  });
  hasIssue(issues, 'a.yaml', 3, 13, /rules\.0\.action/);
  hasIssue(issues, 'a.yaml', 7, 7, /unknown field colour/);
});

test('YAML syntax errors name file, line and column', () => {
  const issues = issuesOf({ 'b.yaml': 'rules:\n  - id: x\n    action: [block\n' });
  assert.equal(issues[0].file, 'b.yaml');
  assert.ok(issues[0].line >= 3, JSON.stringify(issues));
});

test('duplicate keys are YAML errors, not silently merged', () => {
  const issues = issuesOf({ 'c.yaml': 'rules:\n  - id: x\n    action: allow\n    action: block\n' });
  hasIssue(issues, 'c.yaml', 4, 5, /unique|duplicate/i);
});

test('unknown controls, bad control syntax and unknown frameworks are load errors at their position', () => {
  const issues = issuesOf({
    'c.yaml': 'rules:\n  - id: x\n    action: warn\n    controls: [iso42001:A.99.9, nist-ai-rmf:MANAGE 2.4, sox:404, eu-ai-act:art-14]\n',
  });
  hasIssue(issues, 'c.yaml', 4, 16, /unknown control "iso42001:A\.99\.9"/);
  hasIssue(issues, 'c.yaml', 4, 33, /not written as nist-ai-rmf:MANAGE-2\.4/);
  hasIssue(issues, 'c.yaml', 4, 57, /unknown control framework/);
  assert.equal(issues.length, 3);
});

test('control ids per framework are checked against the catalogs', () => {
  for (const ok of ['iso42001:A.9.3', 'iso42001:A.6.2.5', 'iso42001:6.1.2', 'iso42001:9', 'nist-ai-rmf:MANAGE-2.4', 'nist-ai-rmf:GOVERN-1', 'nist-ai-rmf:MAP', 'eu-ai-act:art-14', 'eu-ai-act:art-50'])
    assert.equal(checkControl(ok), null, ok);
  for (const bad of ['iso42001:A.9.9', 'iso42001:11', 'nist-ai-rmf:MANAGE-9.9', 'nist-ai-rmf:manage-2.4', 'eu-ai-act:art-999', 'eu-ai-act:14', 'A.9.3', 'gdpr:art-5'])
    assert.notEqual(checkControl(bad), null, bad);
});

test('CEL syntax errors point into the expression; unknown variables are load errors', () => {
  const issues = issuesOf({
    'd.yaml': 'rules:\n  - id: x\n    action: warn\n    when: "messageCount > > 2"\n  - id: y\n    action: warn\n    when: usr.name == "a"\n',
  });
  const syntax = issues.find((i) => /CEL syntax/.test(i.message))!;
  assert.equal(syntax.line, 4);
  assert.ok(syntax.column > 11, `column ${syntax.column} should be inside the expression`);
  hasIssue(issues, 'd.yaml', 7, 11, /unknown variable usr/);
});

test('CEL syntax errors in a literal block point at the line and column in the file', () => {
  const issues = issuesOf({ 'f.yaml': 'rules:\n  - id: x\n    action: warn\n    when: |\n      messageCount > 1 &&\n        supplier.public ==\n' });
  const e = issues.find((i) => /CEL syntax/.test(i.message))!;
  // Value line 2 is file line 6; its column counts from the block's indentation (6).
  assert.match(e.message, /at 2:19/);
  assert.deepEqual([e.line, e.column], [6, 6 + 19]);
});

test('macro variables are not unknown variables', () => {
  compilePolicy(sourceFromFiles([{ name: 'p.yaml', content: 'rules:\n  - { id: x, action: warn, when: "findings.exists(f, f.score > 0.5) && tools.all(t, t != \'x\') && findings.map(f, f.type).size() > 0" }\n' }]));
});

test('unknown groups, duplicate rule ids across files, two settings and bad patterns are load errors', () => {
  const issues = issuesOf({
    'a.yaml': 'settings: { mode: enforce }\nrules:\n  - { id: same, action: warn, match: { findings: ["@nope"] } }\n',
    'b.yaml': 'settings: { mode: monitor }\nrules:\n  - { id: same, action: warn, match: { tools: { arguments: "(" } } }\n',
  });
  hasIssue(issues, 'a.yaml', 3, 50, /unknown finding group @nope/);
  hasIssue(issues, 'b.yaml', 1, 1, /settings already given in a\.yaml/);
  hasIssue(issues, 'b.yaml', 3, 11, /rule id same is already used in a\.yaml:3/);
  assert.ok(issues.some((i) => i.file === 'b.yaml' && /bad arguments pattern/.test(i.message)));
});

test('action-specific fields must agree with the action', () => {
  const issues = issuesOf({
    'e.yaml': [
      'rules:',
      '  - { id: r1, action: redact }',
      '  - { id: r2, action: route }',
      '  - { id: r3, action: block, hold: { wait: 5s } }',
      '  - { id: r4, action: warn, strip: true }',
      '  - { id: r5, action: hold, hold: { wait: soon } }',
      '  - { id: r6, action: redact, redact: { method: mask } }',
      '',
    ].join('\n'),
  });
  for (const [line, re] of [[2, /needs redact/], [3, /needs route/], [4, /only for action hold/], [5, /strip needs match\.tools/], [6, /duration/], [7, /redact needs match\.findings or redact\.types/]] as const)
    assert.ok(issues.some((i) => i.line === line && re.test(i.message)), `line ${line} ${re}: ${JSON.stringify(issues)}`);
});

test('an empty policy folder is an error, not an allow-everything policy', () => {
  assert.throws(() => compilePolicy(sourceFromFiles([])), PolicyLoadError);
});

test('version is a content hash: stable across order, changes with any byte or name', () => {
  const a = { name: 'a.yaml', content: 'rules: []\n' };
  const b = { name: 'b.yaml', content: 'rules: []\n' };
  assert.equal(versionOf([a, b]), versionOf([b, a]));
  assert.match(versionOf([a]), /^sha256:[0-9a-f]{64}$/);
  assert.notEqual(versionOf([a, b]), versionOf([a, { ...b, content: 'rules: [] \n' }]));
  assert.notEqual(versionOf([a]), versionOf([{ ...a, name: 'c.yaml' }]));
  // Name and content boundaries cannot be shifted to forge the same hash.
  assert.notEqual(versionOf([{ name: 'ab', content: 'c' }]), versionOf([{ name: 'a', content: 'bc' }]));
});

test('loadPolicySource reads *.yaml and *.yml, not tests or other files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-policy-'));
  try {
    writeFileSync(join(dir, 'b.yml'), 'rules: []\n');
    writeFileSync(join(dir, 'a.yaml'), 'rules: []\n');
    writeFileSync(join(dir, 'a.test.yaml'), 'tests: []\n');
    writeFileSync(join(dir, 'notes.md'), '# x\n');
    writeFileSync(join(dir, '.#a.yaml'), 'not: [yaml\n');
    const src = loadPolicySource(dir);
    assert.deepEqual(src.files.map((f) => f.name), ['a.yaml', 'b.yml']);
    assert.equal(src.version, versionOf(src.files));
    assert.equal(compilePolicy(src).version, src.version);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rules of all files are kept in file-name order, indexed by direction', () => {
  const p = compilePolicy(
    sourceFromFiles([
      { name: 'b.yaml', content: 'rules:\n  - { id: b1, direction: response, action: warn }\n' },
      { name: 'a.yaml', content: 'rules:\n  - { id: a1, action: warn }\n  - { id: a2, direction: any, action: warn }\n' },
    ]),
  );
  assert.deepEqual(p.rules.map((r) => r.id), ['a1', 'a2', 'b1']);
  assert.deepEqual(p.requestRules.map((r) => r.id), ['a1', 'a2']);
  assert.deepEqual(p.responseRules.map((r) => r.id), ['a2', 'b1']);
});

test('warnings flag rules without controls or messages and unknown finding types', () => {
  const p = compilePolicy(sourceFromFiles([{ name: 'w.yaml', content: 'rules:\n  - { id: w, action: block, match: { findings: [MY_CUSTOM] } }\n' }]));
  const text = p.warnings.map((w) => w.message).join('\n');
  assert.match(text, /names no controls/);
  assert.match(text, /no message/);
  assert.match(text, /MY_CUSTOM is not a shipped type/);
});
