// The redact-pii peer for comparisons (scripts/eval-detect.ts, bench/detect.ts). It is not a
// dependency of Warden: it pulls Google Cloud DLP and gRPC, whose engine and install-script
// warnings would show on every `npm ci`. It is installed on first use into a folder of its own
// under the system temp folder (pinned version, no install scripts), and reused after that.
// WARDEN_PEER=off skips it; WARDEN_PEER_DIR=<dir> picks the folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PEER_PACKAGE = 'redact-pii';
export const PEER_VERSION = '3.4.0';

export interface Redactor {
  redact(text: string): string;
}

type Loaded = { redactor: Redactor; from: string } | { redactor: null; reason: string };

/** The folder the peer is installed into. */
export function peerDir(): string {
  return process.env.WARDEN_PEER_DIR ?? join(tmpdir(), `warden-peer-${PEER_PACKAGE}-${PEER_VERSION}`);
}

function load(dir: string): Redactor {
  const require = createRequire(join(dir, 'package.json'));
  const { SyncRedactor } = require(PEER_PACKAGE) as { SyncRedactor: new () => Redactor };
  return new SyncRedactor();
}

/** A redact-pii SyncRedactor, installing the pinned version on first use; or why there is none. */
export function loadPeer(log: (line: string) => void = (l) => console.error(l)): Loaded {
  if (process.env.WARDEN_PEER === 'off') return { redactor: null, reason: 'WARDEN_PEER=off' };
  const dir = peerDir();
  if (!existsSync(join(dir, 'node_modules', PEER_PACKAGE, 'package.json'))) {
    log(`installing ${PEER_PACKAGE}@${PEER_VERSION} for the comparison into ${dir} (once; WARDEN_PEER=off skips it)`);
    mkdirSync(dir, { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(
      npm,
      ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', `${PEER_PACKAGE}@${PEER_VERSION}`],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 },
    );
    if (r.status !== 0) {
      const why = (r.stderr || r.error?.message || `npm exited ${r.status}`).trim().split('\n').slice(-3).join(' ');
      return { redactor: null, reason: `could not install ${PEER_PACKAGE}@${PEER_VERSION}: ${why}` };
    }
  }
  try {
    return { redactor: load(dir), from: dir };
  } catch (err) {
    return { redactor: null, reason: `${PEER_PACKAGE} in ${dir} does not load: ${(err as Error).message}` };
  }
}
