#!/usr/bin/env node
// The `warden` command. It runs the built copy (dist/, written by `npm run build` and `npm start`)
// when there is one; in a fresh checkout without dist/ it runs the TypeScript sources through tsx
// (a dev dependency that `npm ci` installs), so `bin/warden.js --help` works right after `npm ci`.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli/bin.js', import.meta.url));
const source = fileURLToPath(new URL('../src/cli/bin.ts', import.meta.url));

if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    process.stderr.write(
      `warden: no built copy at ${built}, and tsx (needed to run the sources) is not installed.\n` +
        'Run `npm ci && npm run build` in the Warden folder.\n',
    );
    process.exit(1);
  }
  register();
  await import(pathToFileURL(source).href);
}
