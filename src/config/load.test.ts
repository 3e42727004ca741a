import { it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from './load.js';
import { parseByteSize } from './schema.js';

it('fills defaults for an empty file', () => {
  const c = parseConfig('{}');
  assert.equal(c.server.port, 8080);
  assert.equal(c.server.host, '127.0.0.1');
  assert.equal(c.data_dir, '.warden');
  assert.deepEqual(c.suppliers, []);
});

it('names the key, line and column of a schema error', () => {
  const text = 'server:\n  port: 8080\nsuppliers:\n  - id: x\n    type: openaii\n    base_url: http://a\n';
  assert.throws(
    () => parseConfig(text, 'w.yaml'),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      const issue = err.issues.find((i) => i.path === 'suppliers.0.type');
      assert.ok(issue, err.message);
      assert.equal(issue.line, 5);
      assert.equal(issue.column, 11);
      assert.match(err.message, /w\.yaml:5:11 suppliers\.0\.type/);
      return true;
    },
  );
});

it('reports YAML syntax errors with a line', () => {
  assert.throws(() => parseConfig('server:\n  port: [1,\n', 'bad.yaml'), (err: unknown) => err instanceof ConfigError && err.issues[0].line !== undefined);
});

it('rejects unknown keys, so typos do not pass silently', () => {
  assert.throws(() => parseConfig('server:\n  prot: 1\n'), /prot/);
});

it('interpolates ${ENV} and ${ENV:-default}, and refuses a missing variable', () => {
  const text = 'suppliers:\n  - id: o\n    type: openai\n    base_url: ${BASE:-http://localhost:1/v1}\n    api_key: ${KEY}\n';
  const c = parseConfig(text, 'w.yaml', { KEY: 'sk-live' });
  assert.equal(c.suppliers[0].api_key, 'sk-live');
  assert.equal(c.suppliers[0].base_url, 'http://localhost:1/v1');
  assert.throws(() => parseConfig(text, 'w.yaml', {}), /KEY is not set/);
});

it('checks references between suppliers, systems and aliases', () => {
  const text = 'systems:\n  - id: s\n    suppliers: [ghost]\n    models: ["*"]\naliases:\n  a: { supplier: ghost2, model: m }\n';
  assert.throws(() => parseConfig(text), (err: unknown) => {
    assert.ok(err instanceof ConfigError);
    assert.ok(err.issues.some((i) => /unknown supplier ghost$/.test(i.message) && i.line === 3));
    assert.ok(err.issues.some((i) => /ghost2/.test(i.message)));
    return true;
  });
});

it('azure suppliers need api_version; non-demo suppliers need base_url', () => {
  assert.throws(() => parseConfig('suppliers:\n  - id: a\n    type: azure-openai\n    base_url: https://x\n'), /api_version/);
  assert.throws(() => parseConfig('suppliers:\n  - id: a\n    type: openai\n'), /base_url/);
});

it('parses sizes', () => {
  assert.equal(parseByteSize('4mb'), 4 * 1024 * 1024);
  assert.equal(parseByteSize('512KB'), 512 * 1024);
  assert.equal(parseByteSize(100), 100);
  assert.throws(() => parseByteSize('lots'));
});
