// The CLI makes its changes through the change service, in process: a change the audit log
// refuses is undone (keys create, accounts create, kill resume …), the operator is named by
// --actor, WARDEN_ACTOR or the OS user, and a kill switch needs no supplier credentials.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buildProgram } from '../../src/cli/main.js';
import { cliActor } from '../../src/cli/admin.js';
import type { CliIO } from '../../src/cli/io.js';
import { openAudit, type AuditHandle } from '../../src/server/wiring.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { openStore } from '../../src/audit/read.js';
import { findRecords } from '../../src/audit/query.js';
import type { AdminRecord } from '../../src/core/types.js';
import { warden } from '../helpers/cli.js';

let dir: string;
let data: string;
let config: string;
let refusing = false;
let out = '';
let err = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'warden-cli-changes-'));
  data = join(dir, 'data');
  config = join(dir, 'warden.yaml');
  // A supplier whose key is in an environment variable nobody set: no admin command needs it.
  writeFileSync(config, 'suppliers:\n  - id: acme\n    type: openai\n    base_url: https://api.acme.example/v1\n    api_key: ${MISSING_VAR}\n    headers:\n      x-org: ${MISSING_ORG}\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  out = '';
  err = '';
  refusing = false;
});

/** The real audit log of the data folder, refusing appends while `refusing` is set. */
async function refusableAudit(...args: Parameters<typeof openAudit>): Promise<AuditHandle> {
  const real = await openAudit(...args);
  return {
    log: Object.create(real.log, { append: { value: (rec: never) => (refusing ? Promise.reject(new Error('disk full')) : real.log.append(rec)) } }),
    close: () => real.close(),
  };
}

/** Runs `warden ARGS… --config … --data …` in this process; resolves to the error it ended with, if any. */
async function run(args: string[], stdin = ''): Promise<Error | undefined> {
  const io: CliIO = { out: (s) => void (out += s), err: (s) => void (err += s), stdin: Readable.from([stdin]), openAudit: refusableAudit };
  try {
    await buildProgram(io).parseAsync(['node', 'warden', ...args, '--config', config, '--data', data]);
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

function adminRecords(): AdminRecord[] {
  const s = openStore(data);
  try {
    return [...findRecords(s, { kind: 'admin' })].map((r) => r.record as AdminRecord).filter((r) => r?.kind === 'admin' && r.op !== 'policy.load');
  } finally {
    s.close();
  }
}

function withStore<T>(fn: (store: ReturnType<typeof openSqliteStore>) => T): T {
  const store = openSqliteStore(data);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

describe('CLI changes through the change service', () => {
  it('kill works with a config whose supplier api_key is ${MISSING_VAR}; the reason is in the record', async () => {
    assert.equal(await run(['kill', 'system', 'hr-bot', '--reason', 'INC-42 salary data', '--actor', 'alice']), undefined, err);
    const rec = adminRecords().at(-1)!;
    assert.deepEqual([rec.op, rec.target, rec.actor, rec.detail], ['kill.set', 'system:hr-bot', 'cli:alice', { reason: 'INC-42 salary data', actorVia: '--actor' }]);
  });

  it('kill resume refused by the audit log leaves the switch set', async () => {
    refusing = true;
    const e = await run(['resume', 'system', 'hr-bot', '--reason', 'fixed']);
    assert.match(String(e?.message), /could not be recorded in the audit log; it was not made \(disk full\)/);
    assert.deepEqual(withStore((s) => s.killSwitches.active().map((k) => k.target)), ['hr-bot']);
    refusing = false;
    assert.equal(await run(['resume', 'system', 'hr-bot', '--reason', 'fix deployed']), undefined);
    assert.deepEqual(adminRecords().at(-1)!.detail?.reason, 'fix deployed');
  });

  it('keys create refused by the audit log leaves no usable key', async () => {
    refusing = true;
    assert.ok(await run(['keys', 'create', '--user', 'bob', '--system', 'app']));
    assert.equal(out, '', 'no key is printed');
    assert.ok(withStore((s) => s.keys.list().every((k) => k.revokedAt)));
  });

  it('accounts create refused by the audit log leaves no account', async () => {
    refusing = true;
    assert.ok(await run(['accounts', 'create', '--user', 'eve', '--role', 'admin', '--password-stdin'], 'a long enough secret\n'));
    assert.equal(withStore((s) => s.accounts.get('eve')), undefined);
  });

  it('tokens create and a registry change refused by the audit log are undone too', async () => {
    refusing = true;
    assert.ok(await run(['tokens', 'create', '--user', 'ci', '--role', 'viewer']));
    assert.ok(withStore((s) => s.accounts.listTokens({ user: 'ci' }).every((t) => t.revokedAt)));
    assert.ok(await run(['suppliers', 'add', '--id', 'acme', '--name', 'Acme', '--next-review-at', '2027-01-01']));
    assert.equal(withStore((s) => s.registry.suppliers.get('acme')), undefined);
  });

  it('names the operator by --actor, else WARDEN_ACTOR, else the OS user, and says how', async () => {
    assert.deepEqual(cliActor('alice', { WARDEN_ACTOR: 'bob' }), { name: 'cli:alice', via: '--actor' });
    assert.deepEqual(cliActor(undefined, { WARDEN_ACTOR: 'bob' }), { name: 'cli:bob', via: 'WARDEN_ACTOR' });
    assert.deepEqual(cliActor(undefined, {}, () => 'carol'), { name: 'cli:carol', via: 'os-user' });
    assert.deepEqual(cliActor(undefined, {}), { name: `cli:${userInfo().username}`, via: 'os-user' });
    assert.throws(() => cliActor('two words', {}), /--actor/);
    assert.throws(
      () =>
        cliActor(undefined, {}, () => {
          throw new Error('no passwd entry');
        }),
      /--actor NAME or set WARDEN_ACTOR/,
    );
  });

  it('a separate process records WARDEN_ACTOR, and the OS user without it', () => {
    const env = { MISSING_VAR: undefined, WARDEN_ACTOR: 'dana' } as unknown as NodeJS.ProcessEnv;
    const k = warden(['keys', 'create', '--user', 'x', '--system', 'app', '--data', data, '--json'], { env });
    assert.equal(k.code, 0, k.stderr);
    const id = JSON.parse(k.stdout).id;
    assert.equal(warden(['keys', 'revoke', id, '--reason', 'test over', '--data', data], { env: { WARDEN_ACTOR: '' } }).code, 0);
    const [created, revoked] = adminRecords().slice(-2);
    assert.deepEqual([created.actor, created.detail?.actorVia], ['cli:dana', 'WARDEN_ACTOR']);
    assert.deepEqual([revoked.actor, revoked.detail], [`cli:${userInfo().username}`, { reason: 'test over', actorVia: 'os-user' }]);
  });
});
