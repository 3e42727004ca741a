import type { Command } from 'commander';
import { CliError } from '../../core/errors.js';
import type { CliIO } from '../io.js';
import { dataOptions, loadContext } from '../context.js';
import type { DemoLogin } from '../../server/demo-admin.js';

interface StartOptions {
  config?: string;
  data?: string;
  demo?: boolean;
  port?: string;
  host?: string;
  policies?: string;
}

/** An AI system and a chat model it may use, for the banner's example; none when the config names no concrete one. */
export function exampleCall(config: { systems: Array<{ id: string; models: string[] }>; aliases: Record<string, unknown> }): { system: string; model: string } | undefined {
  const chat = (m: string) => m !== '*' && !/embed/i.test(m);
  for (const s of config.systems) {
    const model = s.models.find(chat);
    if (model) return { system: s.id, model };
  }
  const alias = Object.keys(config.aliases).find(chat);
  if (alias && config.systems[0]) return { system: config.systems[0].id, model: alias };
  return undefined;
}

/** The console line of the banner: where it is and, in demo mode, who to sign in as. */
function consoleLine(url: string, login: DemoLogin | undefined): string {
  const who = !login ? '' : login.password ? `  (sign in as ${login.user}, password ${login.password})` : `  (sign in as an admin, e.g. ${login.user})`;
  return `\nConsole: ${url}/console/${who}\n`;
}

/** What `warden start` prints once it listens; the examples use a model the config allows. */
export function banner(
  url: string,
  key: string | undefined,
  policyVersion: string,
  dataDir: string,
  example: { system: string; model: string } | undefined,
  web?: { login?: DemoLogin },
): string {
  const k = key ?? `<your key: warden keys create --system ${example?.system ?? 'SYSTEM'} --user USER>`;
  const tryIt = example
    ? `
Try it (AI system ${example.system}, model ${example.model}):
  curl -s ${url}/v1/chat/completions -H "Authorization: Bearer ${k}" \\
    -H "Content-Type: application/json" \\
    -d '{"model":"${example.model}","messages":[{"role":"user","content":"My card is 4111 1111 1111 1111"}]}'

  // OpenAI SDK (Node)
  import OpenAI from 'openai';
  const client = new OpenAI({ baseURL: '${url}/v1', apiKey: '${k}' });
  const r = await client.chat.completions.create({ model: '${example.model}', messages: [{ role: 'user', content: 'Hello' }] });
`
    : `
No AI system in the config names a chat model yet: add one under systems: (docs/CONFIG.md), then
create a key with: warden keys create --system SYSTEM --user USER
`;
  return `
Warden is listening on ${url}
  data folder     ${dataDir}
  policy version  ${policyVersion.slice(0, 16)}
${key ? `\nDemo key (AI system demo-assistant, user demo): ${key}\n` : ''}${web ? consoleLine(url, web.login) : ''}${tryIt}
Health: ${url}/healthz   Metrics: ${url}/metrics   Stop: Ctrl-C
`;
}

export async function run(opts: StartOptions, io: CliIO): Promise<void> {
  const { config, dataDir } = await loadContext(opts);
  if (config.suppliers.length === 0)
    throw new CliError('no suppliers configured: pass --config FILE (see `warden init`) or --demo for the built-in demo supplier');
  const port = opts.port === undefined ? undefined : Number(opts.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new CliError(`--port must be 0-65535, got ${opts.port}`);
  const { startWarden } = await import('../../server/runtime.js');
  const warden = await startWarden({ config, dataDir, port, host: opts.host, policyDir: opts.policies });
  let key: string | undefined;
  let login: DemoLogin | undefined;
  if (opts.demo) {
    const { demoKey } = await import('../../server/demo-key.js');
    // The demo system and supplier are in the inventory, so the first gap report means something.
    await (await import('../../server/demo.js')).registerDemo(warden);
    key = await demoKey(warden);
    // The console's first admin; its password is printed here only, never logged.
    if (config.admin?.enabled !== false) login = await (await import('../../server/demo-admin.js')).demoAdmin(warden);
  }
  // The demo key belongs to demo-assistant, which may use demo-1; otherwise an example from the config.
  const example = opts.demo ? { system: 'demo-assistant', model: 'demo-1' } : exampleCall(config);
  io.out(banner(warden.url, key, warden.policy.decider.version(), warden.dataDir, example, config.admin?.enabled !== false ? { login } : undefined));
  const stop = (signal: string) => {
    io.err(`\n${signal}: stopping (finishing in-flight requests)\n`);
    warden.close().then(
      () => process.exit(0),
      (err) => {
        io.err(`warden: ${err?.message ?? err}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

export function define(program: Command, io: CliIO): void {
  dataOptions(program.command('start').description('run the gateway'))
    .option('--demo', 'add the built-in demo supplier and the demo-assistant AI system (no network, no provider key)')
    .option('--port <n>', 'port to listen on (default: config server.port, 8080)')
    .option('--host <h>', 'address to listen on (default: config server.host, 127.0.0.1)')
    .option('--policies <dir>', 'policy folder (default: config policies.dir, the shipped default pack)')
    .action((opts: StartOptions) => run(opts, io));
}
