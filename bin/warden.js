#!/usr/bin/env node
// Runs the compiled CLI; `npm run build` produces dist/.
import { main } from '../dist/cli/main.js';
main(process.argv).catch((err) => {
  process.stderr.write(`warden: ${err?.message ?? err}\n`);
  process.exit(1);
});
