import { it } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.js';

it('hashes with a fresh salt and verifies only the right password', async () => {
  const a = await hashPassword('correct horse battery');
  const b = await hashPassword('correct horse battery');
  assert.match(a, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  assert.notEqual(a, b);
  assert.equal(await verifyPassword('correct horse battery', a), true);
  assert.equal(await verifyPassword('correct horse batterY', a), false);
  assert.equal(await verifyPassword('', a), false);
});

it('treats composed and decomposed unicode as the same password', async () => {
  const h = await hashPassword('caf\u00e9 au lait, bitte');
  assert.equal(await verifyPassword('cafe\u0301 au lait, bitte', h), true);
});

it('never matches a malformed or hostile stored hash', async () => {
  for (const bad of ['', 'plain', 'scrypt$1$8$1$c2FsdA$aGFzaA', 'bcrypt$10$x$y$z$w', 'scrypt$2097152$8$1$c2FsdA$aGFzaA', 'scrypt$x$8$1$c2FsdA$aGFzaA'])
    assert.equal(await verifyPassword('anything at all', bad).catch(() => false), false, bad);
});

it('asks for 12 characters at least', () => {
  assert.deepEqual(passwordProblems('short'), ['at least 12 characters']);
  assert.deepEqual(passwordProblems('twelve chars'), []);
});
