// The `mcp` CEL variable in policy tests: MCP rules decide MCP calls and leave model calls alone
// (for a model call `mcp` has empty strings, so `mcp.server != ''` is false, never an error).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { runPolicyTests } from '../../src/policy/testing.js';

it('policy tests can set input.mcp; MCP rules do not fire on model calls', () => {
  const r = runPolicyTests(new URL('./policy', import.meta.url).pathname);
  assert.equal(r.failed, 0, JSON.stringify(r.results.filter((x) => !x.passed)));
  assert.equal(r.passed, 3);
});
