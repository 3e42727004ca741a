// The OpenAPI document: served without credentials, OpenAPI 3.1 in shape, and listing exactly
// the routes Fastify serves under /api.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestWarden, type TestWarden } from '../helpers/warden.js';
import { api, fastifyApiRoutes } from './helpers.js';

let t: TestWarden;
let doc: any;
before(async () => {
  t = await startTestWarden();
  const r = await api(t, 'GET', '/api/openapi.json');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type')!, /application\/json/);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  assert.equal(r.headers.get('x-warden-decision-id'), null);
  doc = r.body;
});
after(() => t.close());

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

it('is an OpenAPI 3.1 document in shape', () => {
  assert.match(doc.openapi, /^3\.1\.\d+$/);
  assert.equal(typeof doc.info.title, 'string');
  assert.equal(typeof doc.info.version, 'string');
  assert.equal(typeof doc.paths, 'object');
  assert.equal(doc.components.securitySchemes.bearer.type, 'http');
  const opIds = new Set<string>();
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    assert.ok(path.startsWith('/api/'), path);
    assert.ok(!path.includes(':'), `${path} uses Fastify syntax, not {param}`);
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    for (const [method, op] of Object.entries<any>(item)) {
      assert.ok(METHODS.includes(method), `${path}: ${method}`);
      assert.ok(op.operationId && !opIds.has(op.operationId), `${method} ${path}: operationId ${op.operationId}`);
      opIds.add(op.operationId);
      assert.ok(op.summary, `${method} ${path} has no summary`);
      assert.ok(Object.keys(op.responses).length > 0);
      for (const code of Object.keys(op.responses)) assert.match(code, /^[1-5]\d\d$/);
      for (const r of Object.values<any>(op.responses)) assert.equal(typeof r.description, 'string');
      const params = op.parameters ?? [];
      const pathParams = params.filter((p: any) => p.in === 'path');
      assert.deepEqual(pathParams.map((p: any) => p.name).sort(), templated, `${method} ${path} path parameters`);
      for (const p of pathParams) assert.equal(p.required, true);
      for (const p of params) assert.ok(['path', 'query', 'header', 'cookie'].includes(p.in) && p.schema);
      if (op.requestBody) assert.ok(op.requestBody.content['application/json'].schema);
      for (const s of op.security ?? []) for (const name of Object.keys(s)) assert.ok(doc.components.securitySchemes[name], name);
      assert.ok(op['x-warden-roles'], `${method} ${path} names no roles`);
    }
  }
  // Every $ref points at something in the document.
  const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
  for (const ref of refs) {
    const target = ref.slice(8, -1);
    assert.ok(target.startsWith('#/'), target);
    const node = target
      .slice(2)
      .split('/')
      .reduce((o: any, k) => o?.[k], doc);
    assert.ok(node, `unresolved ${target}`);
  }
});

it('lists every route the admin API registers, and no other', () => {
  const documented = new Set<string>();
  for (const [path, item] of Object.entries<any>(doc.paths))
    for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`);
  const served = fastifyApiRoutes(t);
  assert.ok(served.size > 50, `only ${served.size} routes found`);
  assert.deepEqual([...documented].sort(), [...served].sort());
  for (const key of documented) {
    const [method, url] = key.split(' ');
    assert.ok(t.warden.app.hasRoute({ method: method as 'GET', url }), key);
  }
});

it('describes request bodies from the input schemas', () => {
  const body = doc.paths['/api/accounts'].post.requestBody.content['application/json'].schema;
  assert.deepEqual(body.required.sort(), ['role', 'user']);
  assert.deepEqual(body.properties.role.enum, ['admin', 'policy-author', 'reviewer', 'auditor', 'viewer']);
  const system = doc.paths['/api/systems'].post.requestBody.content['application/json'].schema;
  assert.ok(system.properties.lifecycle.enum.includes('production'));
  assert.deepEqual(doc.paths['/api/auth/login'].post.security, []);
  assert.deepEqual(doc.paths['/api/accounts'].post['x-warden-roles'], ['admin']);
  const listed = doc.paths['/api/systems'].get.responses['200'].content['application/json'].schema;
  assert.equal(listed.type, 'array');
  assert.ok(listed.items.properties.createdAt);
  const token = doc.paths['/api/tokens'].post.responses['201'].content['application/json'].schema;
  assert.ok(token.required.includes('token'));
  assert.ok(!JSON.stringify(doc.paths['/api/accounts'].get.responses).includes('password_hash'));
});
