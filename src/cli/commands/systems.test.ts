import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { define as defineSystems } from './systems.js';
import { define as defineSuppliers } from './suppliers.js';
import { define as defineIncidents } from './incidents.js';
import { define as defineRisks } from './risks.js';
import { runInProcess } from '../../../test/helpers/cli.js';

function run(...args: string[]) {
  return runInProcess([defineSystems, defineSuppliers, defineIncidents, defineRisks], args);
}

test('registry commands: add, a malformed import that changes nothing, a good import, export, risks and incidents', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-cli-registry-'));
  const data = ['--data', join(dir, 'data')];
  try {
    let r = await run('suppliers', 'add', ...data, '--id', 'openai', '--name', 'OpenAI', '--status', 'approved', '--dpa', 'yes', '--next-review-at', '2026-06-30');
    assert.equal(r.code, 0, r.err);
    r = await run('systems', 'add', ...data, '--id', 'support-bot', '--name', 'Support', '--purpose', 'answers', '--owner', 'cx', '--lifecycle', 'production', '--role', 'deployer', '--class', 'limited', '--suppliers', 'openai', '--set', 'models=[gpt-4o-mini]');
    assert.equal(r.code, 0, r.err);
    const before = (await run('systems', 'export', ...data, '--format', 'csv')).out;

    const bad = join(dir, 'inv.csv');
    writeFileSync(bad, 'id,name,purpose,owner,lifecycle,role,euAiActClass\nnew-bot,New,x,o,production,deployer,minimal\nsupport-bot,Changed,x,o,soon,deployer,minimal\n');
    r = await run('systems', 'import', bad, ...data);
    assert.equal(r.code, 1);
    assert.match(r.err, /nothing was imported/);
    assert.ok(r.err.includes(`${bad}:3: lifecycle: must be one of idea, procurement, development, validation, production, retired`), r.err);
    assert.equal((await run('systems', 'export', ...data, '--format', 'csv')).out, before);

    writeFileSync(bad, 'id,name,purpose,owner,lifecycle,role,euAiActClass\nnew-bot,New,x,o,production,deployer,minimal\n');
    r = await run('systems', 'import', bad, ...data, '--json');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out).created, ['new-bot']);
    const list = JSON.parse((await run('systems', 'list', ...data, '--json')).out);
    assert.deepEqual(list.map((s: { id: string }) => s.id), ['new-bot', 'support-bot']);

    r = await run('risks', 'add', ...data, '--system', 'support-bot', '--title', 'PII leak', '--likelihood', '3', '--impact', '5', '--treatment', 'mitigate', '--policy-rules', 'redact-pii', '--owner', 'cx', '--review-at', '2026-09-01', '--json');
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out).inherent, { likelihood: 3, impact: 5, score: 15, level: 'high' });

    r = await run('incidents', 'open', ...data, '--title', 'Harmful advice', '--severity', 'high', '--system', 'support-bot', '--aware-at', '2026-04-01T00:00:00Z', '--serious', 'serious-harm-to-health', '--json');
    assert.equal(r.code, 0, r.err);
    const id = JSON.parse(r.out).id;
    r = await run('incidents', 'list', ...data, '--overdue', '--at', '2026-04-16T00:00:01Z', '--json');
    assert.deepEqual(JSON.parse(r.out).map((i: { id: string }) => i.id), [id]);
    r = await run('incidents', 'list', ...data, '--overdue', '--at', '2026-04-16T00:00:00Z', '--json');
    assert.deepEqual(JSON.parse(r.out), []);
    r = await run('incidents', 'export', id, ...data, '--json', '--at', '2026-04-10T00:00:00Z');
    assert.equal(JSON.parse(r.out).art73.deadline, '2026-04-16T00:00:00.000Z');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
