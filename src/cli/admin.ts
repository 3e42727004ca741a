// What the commands that change records share: the operator's name, the data folder's store and
// audit log, and the one change service (src/changes) that makes, records and undoes changes.
import { userInfo } from 'node:os';
import { CliError, WardenError } from '../core/errors.js';
import type { Actor } from '../changes/service.js';
import { changeOptions, dataOptions, loadContext, type CommonOptions } from './context.js';
import type { CliIO } from './io.js';

export interface ChangeOptions extends CommonOptions {
  /** --actor: who makes the change. */
  actor?: string;
}

/** The operator, named by --actor, else $WARDEN_ACTOR, else the OS user; recorded as `cli:<name>` with how it was named. */
export function cliActor(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, osUser: () => string = () => userInfo().username): Actor {
  const named = (name: string, via: string): Actor => {
    if (!/^[^\s:][^\s]{0,199}$/.test(name)) throw new CliError(`${via}: a name without spaces, 1-200 characters (not ${JSON.stringify(name)})`);
    return { name: `cli:${name}`, via };
  };
  if (flag !== undefined) return named(flag.trim(), '--actor');
  if (env.WARDEN_ACTOR?.trim()) return named(env.WARDEN_ACTOR.trim(), 'WARDEN_ACTOR');
  let user: string;
  try {
    user = osUser();
  } catch {
    throw new CliError('cannot tell who you are: pass --actor NAME or set WARDEN_ACTOR');
  }
  return named(user, 'os-user');
}

/**
 * Opens the store and audit log of a data folder and the change service in the operator's name;
 * `done()` closes both. Supplier secrets are not resolved: no change needs them.
 */
export async function openForAdmin(opts: ChangeOptions, io?: CliIO) {
  const actor = cliActor(opts.actor);
  const ctx = await loadContext(opts, { supplierSecrets: false });
  const { openSqliteStore } = await import('../store/sqlite.js');
  const openAudit = io?.openAudit ?? (await import('../server/wiring.js')).openAudit;
  const { AdminChanges } = await import('../changes/service.js');
  const store = openSqliteStore(ctx.dataDir);
  const instance = `cli:${process.pid}`;
  let audit;
  try {
    audit = await openAudit(ctx.config, ctx.dataDir, instance);
  } catch (err) {
    store.close();
    throw err;
  }
  const changes = new AdminChanges({ store, audit: audit.log, instance, actor });
  return {
    ...ctx,
    store,
    changes,
    actor: actor.name,
    done: async () => {
      try {
        await audit.close();
      } finally {
        store.close();
      }
    },
  };
}

/** Opens the store of a data folder for reading: no audit log, no operator name, no supplier secrets. */
export async function openForRead(opts: CommonOptions) {
  const ctx = await loadContext(opts, { supplierSecrets: false });
  const { openSqliteStore } = await import('../store/sqlite.js');
  const store = openSqliteStore(ctx.dataDir);
  return { ...ctx, store, done: async () => store.close() };
}

/** A change error as the operator reads it: the message, each problem, and why the log refused. */
export function changeErrorToCli(err: unknown): unknown {
  if (!(err instanceof WardenError)) return err;
  const problems = ((err as { problems?: Array<{ field: string; message: string; line?: number }> }).problems ?? []).map(
    (p) => `  ${p.line ? `line ${p.line}: ` : ''}${p.field ? `${p.field}: ` : ''}${p.message}`,
  );
  const cause = err.code === 'WARDEN_ADMIN_UNAVAILABLE' && err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return new CliError([`${err.message}${cause}`, ...problems].join('\n'));
}

/** Runs a change with the service open, closing it after; errors come out as CLI errors. */
export async function withChanges<T>(opts: ChangeOptions, io: CliIO, fn: (a: Awaited<ReturnType<typeof openForAdmin>>) => Promise<T> | T): Promise<T> {
  const { asChangeError } = await import('../changes/service.js');
  const a = await openForAdmin(opts, io);
  try {
    return await fn(a);
  } catch (err) {
    throw changeErrorToCli(asChangeError(err));
  } finally {
    await a.done();
  }
}

export { changeOptions, dataOptions };
