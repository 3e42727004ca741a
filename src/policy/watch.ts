// Hot reload: watch a policy folder, compile each new version, hand it over only if it is valid.
import { watch, type FSWatcher } from 'node:fs';
import { compilePolicy, type CompiledPolicy } from './compile.js';
import { isPolicyFileName, loadPolicySource, type PolicySource } from './source.js';

export interface WatchOptions {
  /** Quiet time after the last change before reloading, so a multi-file save loads once (default 100 ms). */
  debounceMs?: number;
  /** Re-read the folder this often too, for file systems without change events (default 0 = off). */
  pollMs?: number;
}

/**
 * Calls `onChange` with each new valid version of the policy set in `dir` (by content hash;
 * saving the same content again is not a change). An invalid version goes to `onError` and
 * the caller keeps the one it has: the swap is all or nothing.
 */
export function watchPolicies(
  dir: string,
  onChange: (p: CompiledPolicy, src: PolicySource) => void,
  onError: (e: Error) => void,
  options: WatchOptions = {},
): { close(): void } {
  const debounceMs = options.debounceMs ?? 100;
  let current: string | undefined;
  let rejected: string | undefined;
  try {
    current = loadPolicySource(dir).version;
  } catch {
    current = undefined;
  }
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const reload = (): void => {
    timer = undefined;
    if (closed) return;
    let src: PolicySource;
    try {
      src = loadPolicySource(dir);
    } catch (e) {
      onError(e as Error);
      return;
    }
    if (src.version === current || src.version === rejected) return;
    let compiled: CompiledPolicy;
    try {
      compiled = compilePolicy(src);
    } catch (e) {
      rejected = src.version;
      onError(e as Error);
      return;
    }
    current = src.version;
    rejected = undefined;
    onChange(compiled, src);
  };
  const schedule = (): void => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(reload, debounceMs);
  };

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, (_event, name) => {
      if (!name || isPolicyFileName(name.toString())) schedule();
    });
    watcher.on('error', (e) => onError(e));
  } catch (e) {
    onError(e as Error);
  }
  const poll = options.pollMs ? setInterval(schedule, options.pollMs) : undefined;
  poll?.unref();

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
      watcher?.close();
    },
  };
}
