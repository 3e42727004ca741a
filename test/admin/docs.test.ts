// docs/ADMIN_API.md lists every endpoint with the roles the server enforces.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PERMISSIONS, allows } from '../../src/server/admin/permissions.js';
import { ROLE_LIST } from './helpers.js';

it('docs/ADMIN_API.md has a permission row per endpoint, matching permissions.ts', () => {
  const doc = readFileSync('docs/ADMIN_API.md', 'utf8');
  const rows = new Map<string, string[]>();
  for (const line of doc.split('\n')) {
    const m = /^\| `((?:GET|POST|PATCH|PUT|DELETE) \/api\/\S*)` \|(.*)$/.exec(line);
    if (!m) continue;
    const cells = m[2].split(' | ').map((c) => c.trim());
    if (cells.length >= 6) rows.set(m[1], cells.slice(0, 5));
  }
  assert.deepEqual([...rows.keys()].sort(), Object.keys(PERMISSIONS).sort());
  for (const [key, marks] of rows)
    ROLE_LIST.forEach((role, i) => assert.equal(marks[i] === '✓', allows(key, [role]), `${key} for ${role} in docs/ADMIN_API.md`));
});
