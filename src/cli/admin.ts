import { dataOptions, loadContext, type CommonOptions } from './context.js';
import type { AuditRecord } from '../core/types.js';

/** Opens the store and audit log of a data folder for admin changes; `done()` closes both. */
export async function openForAdmin(opts: CommonOptions) {
  const ctx = await loadContext(opts);
  const { openSqliteStore } = await import('../store/sqlite.js');
  const { openAudit } = await import('../server/wiring.js');
  const store = openSqliteStore(ctx.dataDir);
  const instance = `cli:${process.pid}`;
  let audit;
  try {
    audit = await openAudit(ctx.config, ctx.dataDir, instance);
  } catch (err) {
    store.close();
    throw err;
  }
  const { adminRecord } = await import('../core/admin.js');
  const actor = `cli:${process.env.USER ?? process.env.LOGNAME ?? 'unknown'}`;
  return {
    ...ctx,
    store,
    audit,
    actor,
    /** Appends an admin-change record and waits until it is durable. */
    record: (op: string, target: string, before: unknown, after: unknown, detail?: Record<string, unknown>): Promise<unknown> =>
      audit.log.append(adminRecord(instance, actor, op, target, before, after, detail) as AuditRecord),
    done: async () => {
      await audit.close();
      store.close();
    },
  };
}

export { dataOptions };
