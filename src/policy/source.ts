// Reading a policy set from a folder and naming its version by content hash.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface PolicyFile {
  /** File name relative to the policy folder. */
  name: string;
  content: string;
}

/** The raw files of one policy set and its version. */
export interface PolicySource {
  dir: string;
  /** `sha256:<hex>` over the files in name order: the same files give the same version anywhere. */
  version: string;
  files: PolicyFile[];
}

/**
 * Policy files are *.yaml / *.yml directly in the folder; *.test.yaml files hold policy tests.
 * Hidden files (editor locks and swap files such as .#rules.yaml) are neither.
 */
export function isPolicyFileName(name: string): boolean {
  return !name.startsWith('.') && /\.ya?ml$/.test(name) && !isTestFileName(name);
}

export function isTestFileName(name: string): boolean {
  return !name.startsWith('.') && /\.test\.ya?ml$/.test(name);
}

/** SHA-256 over name, length and content of each file, in code-point order of names. */
export function versionOf(files: readonly PolicyFile[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const body = Buffer.from(f.content, 'utf8');
    h.update(`${f.name}\0${body.length}\0`);
    h.update(body);
  }
  return 'sha256:' + h.digest('hex');
}

/** A source from files in memory (tests, the admin API). */
export function sourceFromFiles(files: PolicyFile[], dir = '<memory>'): PolicySource {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { dir, version: versionOf(sorted), files: sorted };
}

/** Reads the policy files of a folder (not its test files). Throws if the folder cannot be read. */
export function loadPolicySource(dir: string): PolicySource {
  const names = readdirSync(dir).filter((n) => isPolicyFileName(n) && statSync(join(dir, n)).isFile());
  return sourceFromFiles(
    names.map((name) => ({ name, content: readFileSync(join(dir, name), 'utf8') })),
    dir,
  );
}
