// Sign-in is throttled per client address as well as per account: a flood of sign-ins from one
// address gets 429 at once (no password work, so the account is not locked by it), while an admin
// at another address signs in. Timing-free: only statuses and counters are asserted.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestWarden, type TestWarden } from '../helpers/warden.js';
import { hashPassword } from '../../src/server/admin/passwords.js';
import { LoginThrottle } from '../../src/server/admin/auth.js';

const PASSWORD = 'correct horse battery staple';
const FLOODER = '203.0.113.66';
const ADMIN_DESK = '198.51.100.7';

let t: TestWarden;

async function login(remoteAddress: string, user: string, password: string) {
  const r = await t.warden.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { user, password } });
  return { status: r.statusCode, body: r.json(), retryAfter: r.headers['retry-after'] };
}

before(async () => {
  t = await startTestWarden({ extraYaml: '\nadmin:\n  max_failed_logins: 3\n  lockout_minutes: 10\n' });
  t.warden.store.accounts.create({ user: 'ada', role: 'admin', passwordHash: await hashPassword(PASSWORD) });
});
after(() => t.close());

describe('sign-in throttle per client address', () => {
  it('40 parallel bad sign-ins from one address get 429 without password work; an admin elsewhere gets 200', async () => {
    const flood = Array.from({ length: 40 }, (_, i) => login(FLOODER, i % 2 ? 'ada' : `nobody-${i}`, `guess ${i}`));
    const admin = login(ADMIN_DESK, 'ada', PASSWORD);
    const answers = await Promise.all(flood);
    const limited = answers.filter((a) => a.status === 429);
    assert.ok(limited.length >= 40 - LoginThrottle.IN_FLIGHT, `${limited.length} of 40 got 429`);
    assert.ok(answers.every((a) => a.status === 429 || a.status === 401), JSON.stringify(answers.map((a) => a.status)));
    for (const a of limited) {
      assert.equal(a.body.error.code, 'WARDEN_ADMIN_RATE_LIMITED');
      assert.ok(Number(a.retryAfter) >= 1, `retry-after ${a.retryAfter}`);
    }
    const ok = await admin;
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.match(ok.body.token, /^wds_/);
    // The throttled attempts never reached the password check, so they did not lock ada.
    assert.equal(t.warden.store.accounts.credentials('ada')!.failedLogins, 0, 'a good sign-in cleared the few that were checked');
  });

  it('after too many failures an address waits, even one request at a time; other addresses do not', async () => {
    const address = '192.0.2.10';
    const limit = 4 * 3; // 4 × admin.max_failed_logins
    for (let i = 0; i < limit; i++) assert.equal((await login(address, `nobody-${i}`, 'wrong password')).status, 401, `attempt ${i}`);
    const next = await login(address, 'ada', PASSWORD);
    assert.equal(next.status, 429, 'even the right password waits');
    assert.ok(Number(next.retryAfter) > 60, `retry-after ${next.retryAfter}`);
    assert.equal((await login('192.0.2.11', 'ada', PASSWORD)).status, 200);
  });
});

describe('LoginThrottle', () => {
  it('frees a slot when a check ends and forgets failures after the window', () => {
    let now = 1_000_000;
    const th = new LoginThrottle(2, 60_000, () => now);
    assert.equal(th.acquire('a'), 0);
    assert.equal(th.acquire('a'), 0);
    assert.equal(th.acquire('a'), 1, 'two checks running');
    assert.equal(th.acquire('b'), 0, 'another address is not affected');
    th.done('a', true);
    th.done('a', true);
    assert.equal(th.acquire('a'), 60, 'two failures in the window: wait until the first leaves it');
    now += 30_000;
    assert.equal(th.acquire('a'), 30);
    now += 30_000;
    assert.equal(th.acquire('a'), 0, 'the window has passed');
  });
});
