import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

const ARGS = ['--import', 'tsx', 'src/cli/bin.ts'];

/** Runs `warden ARGS…` from the sources and waits for it. */
export function warden(args: string[], opts: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [...ARGS, ...args], {
    cwd: opts.cwd ?? process.cwd(),
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, WARDEN_LOG_LEVEL: 'silent', ...opts.env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `warden ARGS…` in the background; resolves once stdout contains `ready`. */
export async function wardenBackground(args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<{ proc: ChildProcess; out: () => string }> {
  const proc = spawn(process.execPath, [...ARGS, ...args], { env: { ...process.env, WARDEN_LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready: ${out}`)), 30_000);
    const check = () => {
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout!.on('data', check);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code}: ${out}`));
    });
  });
  return { proc, out: () => out };
}

type Define = (program: import('commander').Command, io: import('../../src/cli/io.js').CliIO) => void;

/**
 * Runs `warden ARGS…` in this process with only the given commands defined: the exit code (from a
 * CliError or commander) and what was written to stdout and stderr.
 */
export async function runInProcess(defines: Define[], args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const { Command } = await import('commander');
  const { PassThrough } = await import('node:stream');
  const { CliError } = await import('../../src/core/errors.js');
  let out = '';
  let err = '';
  const input = new PassThrough();
  input.end(stdin);
  const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s), stdin: input };
  const program = new Command('warden').exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  for (const d of defines) d(program, io);
  try {
    await program.parseAsync(['node', 'warden', ...args]);
    return { code: 0, out, err };
  } catch (e) {
    if (e instanceof CliError) return { code: e.exitCode, out, err: err + e.message };
    const exitCode = (e as { exitCode?: number }).exitCode;
    if (exitCode !== undefined) return { code: exitCode, out, err };
    throw e;
  }
}

/** Runs `warden ARGS…` through the real entry point (src/cli/main.ts) in this process: exit code and output. */
export async function runMain(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { main } = await import('../../src/cli/main.js');
  let out = '';
  let err = '';
  const io = { out: (s: string) => void (out += s), err: (s: string) => void (err += s), stdin: process.stdin };
  process.exitCode = 0;
  await main(['node', 'warden', ...args], io);
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out, err };
}
