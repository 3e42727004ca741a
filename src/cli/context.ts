import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from '../core/errors.js';
import type { WardenConfig } from '../config/schema.js';

export interface CommonOptions {
  config?: string;
  data?: string;
  demo?: boolean;
}

/** Loads the config a command works with: --config, else ./warden.yaml if present, else defaults; --demo adds the demo supplier. */
export async function loadContext(opts: CommonOptions): Promise<{ config: WardenConfig; dataDir: string; configFile?: string }> {
  const { loadConfigFile, parseConfig, ConfigError } = await import('../config/load.js');
  const { withDemo } = await import('../server/demo.js');
  let config: WardenConfig;
  let configFile: string | undefined;
  try {
    if (opts.config) {
      configFile = resolve(opts.config);
      config = loadConfigFile(configFile);
    } else if (existsSync('warden.yaml')) {
      configFile = resolve('warden.yaml');
      config = loadConfigFile(configFile);
    } else config = parseConfig('{}', '(defaults)');
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(err.message);
    throw err;
  }
  if (opts.demo) config = withDemo(config);
  return { config, dataDir: resolve(opts.data ?? config.data_dir), configFile };
}

/** Adds the options every data command takes. */
export function dataOptions<T extends { option(flags: string, desc: string): T }>(cmd: T): T {
  return cmd.option('--config <file>', 'config file (default: ./warden.yaml when present)').option('--data <dir>', 'data folder (default: config data_dir, .warden)');
}
