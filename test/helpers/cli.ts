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
