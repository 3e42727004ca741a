// What `warden gap` and `warden evidence` share: the data folder's store, the log key and a
// collector context over the chosen period.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from '../core/errors.js';
import { loadContext, type CommonOptions } from './context.js';

export interface PeriodOptions extends CommonOptions {
  framework: string;
  from?: string;
  to?: string;
  /** The log's public key: enough to assess (a pack needs the signing key). */
  key?: string;
}

/** Opens the store, the log's key and the collector context; `close()` closes them. */
export async function openCompliance(opts: PeriodOptions, needSigner = false) {
  const { isFramework } = await import('../compliance/catalog.js');
  if (!isFramework(opts.framework)) throw new CliError(`--framework must be one of iso42001, nist-ai-rmf, eu-ai-act, naic, soc2, hipaa (not ${opts.framework})`);
  const framework = opts.framework;
  const ctx = await loadContext(opts);
  const { auditConfigSchema } = await import('../audit/config.js');
  const { SIGNING_KEY_FILE, DB_FILE } = await import('../audit/keys.js');
  const { parsePrivateKey, parseVerifierKey, verifierOf } = await import('../audit/note.js');
  const { periodOf, openCollectorContext } = await import('../compliance/context.js');
  const section = auditConfigSchema.parse(ctx.config.audit ?? {});
  if (!existsSync(join(ctx.dataDir, DB_FILE))) throw new CliError(`no audit log in ${ctx.dataDir}: start Warden first (or pass --data)`);
  let signer;
  let verifier;
  if (opts.key && !needSigner) {
    try {
      verifier = parseVerifierKey(opts.key);
    } catch (err) {
      throw new CliError(`--key: ${(err as Error).message}`);
    }
  } else {
    let keyText = section.signingKey;
    if (!keyText) {
      const file = section.signingKeyFile ?? join(ctx.dataDir, SIGNING_KEY_FILE);
      if (!existsSync(file)) throw new CliError(`no audit signing key at ${file}${needSigner ? '' : "; pass the log's public key with --key"}`);
      keyText = readFileSync(file, 'utf8');
    }
    try {
      signer = parsePrivateKey(keyText);
    } catch (err) {
      throw new CliError(`audit signing key: ${(err as Error).message}`);
    }
    verifier = verifierOf(signer);
  }
  let period;
  try {
    period = periodOf(opts.from, opts.to);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const { openSqliteStore } = await import('../store/sqlite.js');
  const store = openSqliteStore(ctx.dataDir);
  let collectors;
  try {
    collectors = openCollectorContext({ dataDir: ctx.dataDir, store, verifier, period, retention: section.retention ?? { decisionDays: 180, adminDays: 2190 }, reviewSlaMinutes: ctx.config.oversight.review_sla_minutes });
  } catch (err) {
    store.close();
    throw new CliError((err as Error).message);
  }
  return {
    framework,
    dataDir: ctx.dataDir,
    store,
    signer,
    collectors,
    close: () => {
      collectors.close();
      store.close();
    },
  };
}
