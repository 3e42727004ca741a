import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from '../core/errors.js';
import type { WardenConfig } from '../config/schema.js';

export interface CommonOptions {
  config?: string;
  data?: string;
  demo?: boolean;
}

export interface LoadOptions {
  /**
   * Resolve `${ENV}` references in the suppliers' settings (default true). Commands that never
   * call a supplier (admin changes, a kill switch) pass false, so a missing API key cannot stop them.
   */
  supplierSecrets?: boolean;
  /** The same for the MCP servers' settings (headers, env); default: as supplierSecrets. `warden mcp` needs them, `warden kill` does not. */
  mcpSecrets?: boolean;
}

/** Loads the config a command works with: --config, else ./warden.yaml if present, else defaults; --demo adds the demo supplier. */
export async function loadContext(opts: CommonOptions, load: LoadOptions = {}): Promise<{ config: WardenConfig; dataDir: string; configFile?: string }> {
  const { loadConfigFile, parseConfig, ConfigError } = await import('../config/load.js');
  const { withDemo } = await import('../server/demo.js');
  let config: WardenConfig;
  let configFile: string | undefined;
  const read = async (file: string): Promise<WardenConfig> => {
    if (load.supplierSecrets !== false) return loadConfigFile(file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return loadConfigFile(file); // reports the file it cannot read
    }
    const sections = load.mcpSecrets === true ? ['suppliers'] : ['suppliers', 'mcp_servers'];
    return parseConfig(text, file, await withoutSupplierSecrets(text, process.env, sections));
  };
  try {
    if (opts.config) {
      configFile = resolve(opts.config);
      config = await read(configFile);
    } else if (existsSync('warden.yaml')) {
      configFile = resolve('warden.yaml');
      config = await read(configFile);
    } else config = parseConfig('{}', '(defaults)');
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
  if (opts.demo) config = withDemo(config);
  return { config, dataDir: resolve(opts.data ?? config.data_dir), configFile };
}

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * The environment with a stand-in for each unset variable that only the suppliers' settings name
 * (API keys, headers, base URLs): those are needed to call a supplier, never to change records.
 */
async function withoutSupplierSecrets(text: string, env: NodeJS.ProcessEnv, sections: readonly string[]): Promise<NodeJS.ProcessEnv> {
  const { parse } = await import('yaml');
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return env; // the loader reports the syntax error with its line
  }
  if (!doc || typeof doc !== 'object') return env;
  const rest = Object.fromEntries(Object.entries(doc as Record<string, unknown>).filter(([k]) => !sections.includes(k)));
  const secret = sections.map((k) => (doc as Record<string, unknown>)[k]);
  const elsewhere = new Set(refs(rest).map((r) => r.name));
  const out = { ...env };
  for (const r of refs(secret)) if (out[r.name] === undefined && !elsewhere.has(r.name)) out[r.name] = r.url ? 'http://unresolved.invalid' : `unresolved-${r.name}`;
  return out;
}

/** The `${NAME}` references (without a default) in the strings of a value; `url` when one is a URL field. */
function refs(value: unknown, key = ''): Array<{ name: string; url: boolean }> {
  if (typeof value === 'string') return [...value.matchAll(ENV_REF)].map((m) => ({ name: m[1], url: key.endsWith('url') }));
  if (Array.isArray(value)) return value.flatMap((v) => refs(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => refs(v, k));
  return [];
}

/** Adds the options every data command takes. */
export function dataOptions<T extends { option(flags: string, desc: string): T }>(cmd: T): T {
  return cmd.option('--config <file>', 'config file (default: ./warden.yaml when present)').option('--data <dir>', 'data folder (default: config data_dir, .warden)');
}

/** Adds the options of a command that changes records: the data options and `--actor`. */
export function changeOptions<T extends { option(flags: string, desc: string): T }>(cmd: T): T {
  return dataOptions(cmd).option('--actor <name>', 'who makes the change, for the audit log (default: $WARDEN_ACTOR, else your login name)');
}
