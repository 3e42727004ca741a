import type { Command } from 'commander';
import { CliError } from '../../core/errors.js';
import type { CliIO } from '../io.js';

export const STARTER_CONFIG = `# Warden configuration. Every key is documented in docs/CONFIG.md.
# Secrets come from the environment: \${NAME} (required) or \${NAME:-default}.

server:
  host: 127.0.0.1          # address to listen on
  port: 8080
  body_limit: 4mb          # larger request bodies get 413

data_dir: .warden          # embedded SQLite store, audit log and signing key
log_level: info

upstream:
  connect_timeout_ms: 5000
  headers_timeout_ms: 60000     # time to first byte of a supplier's answer
  body_timeout_ms: 120000       # longest pause inside a supplier's answer (streams)

# AI suppliers Warden may forward to. Clients never send supplier keys: they live here.
suppliers:
  - id: demo               # built-in, offline, echoes the user's message
    type: demo
    models: [demo-1, demo-embed-1]
  # - id: openai
  #   type: openai
  #   base_url: https://api.openai.com/v1
  #   api_key: \${OPENAI_API_KEY}
  #   models: [gpt-4o, gpt-4o-mini, text-embedding-3-small]
  # - id: anthropic
  #   type: anthropic
  #   base_url: https://api.anthropic.com
  #   api_key: \${ANTHROPIC_API_KEY}
  #   models: [claude-sonnet-4-6]
  # - id: azure
  #   type: azure-openai
  #   base_url: https://YOUR-RESOURCE.openai.azure.com
  #   api_key: \${AZURE_OPENAI_API_KEY}
  #   api_version: 2024-10-21
  #   deployments: { gpt-4o: your-gpt-4o-deployment }
  # - id: onprem              # any OpenAI-compatible server (vLLM, Ollama …)
  #   type: openai
  #   base_url: http://127.0.0.1:11434/v1
  #   public: false

# AI systems (the inventory): each key is bound to one; a system may use only its suppliers and models.
systems:
  - id: support-assistant
    name: Customer support assistant
    suppliers: [demo]
    models: [demo-1]
    tools: [search_docs]
    data_categories: [personal]

# Names clients use for a supplier's model.
aliases: {}
#   fast: { supplier: openai, model: gpt-4o-mini }

policies:
  dir: policies            # YAML policy files; hot-reloaded
  hot_reload: true
`;

/** Files under `dir`, relative to it, in a stable order. */
async function filesUnder(dir: string): Promise<string[]> {
  const { readdirSync } = await import('node:fs');
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => e.isFile())
    .map((e) => relativeName(dir, e))
    .sort();
}

function relativeName(dir: string, e: import('node:fs').Dirent): string {
  const parent = (e as { parentPath?: string; path?: string }).parentPath ?? (e as { path?: string }).path ?? dir;
  return (parent === dir ? e.name : `${parent.slice(dir.length + 1)}/${e.name}`).replaceAll('\\', '/');
}

export async function run(opts: { dir?: string; force?: boolean }, io: CliIO): Promise<void> {
  const { existsSync, mkdirSync, writeFileSync, cpSync } = await import('node:fs');
  const { join, resolve } = await import('node:path');
  const { packagePath } = await import('../../core/paths.js');
  const dir = resolve(opts.dir ?? '.');
  const configPath = join(dir, 'warden.yaml');
  const policiesPath = join(dir, 'policies');
  const pack = packagePath('policies', 'default');
  if (!opts.force && (existsSync(configPath) || existsSync(policiesPath))) {
    const targets = [configPath, ...(await filesUnder(pack)).map((f) => join(policiesPath, f))];
    const overwritten = targets.filter((f) => existsSync(f));
    const added = targets.filter((f) => !existsSync(f));
    const list = (files: string[]) => files.map((f) => `  ${f}\n`).join('');
    throw new CliError(
      `${existsSync(configPath) ? configPath : policiesPath} exists; nothing was written.\n` +
        (overwritten.length ? `--force would overwrite:\n${list(overwritten)}` : '--force would overwrite no file.\n') +
        (added.length ? `and add:\n${list(added)}` : '') +
        (existsSync(policiesPath) ? `Other files in ${policiesPath} are kept.\n` : '') +
        `Or use --dir to write somewhere else.`,
    );
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(configPath, STARTER_CONFIG);
  cpSync(pack, policiesPath, { recursive: true });
  io.out(`wrote ${configPath}\nwrote ${policiesPath}/ (the default policy pack)\n\nNext:\n  warden start --config ${configPath}\n  warden keys create --config ${configPath} --system support-assistant --user you@example.com\n`);
}

export function define(program: Command, io: CliIO): void {
  program
    .command('init')
    .description('write a commented starter warden.yaml and a policies/ folder')
    .option('--dir <dir>', 'folder to write into', '.')
    .option('--force', 'overwrite warden.yaml and the default pack files in policies/ (without it, init lists them and writes nothing)')
    .action((opts) => run(opts, io));
}
