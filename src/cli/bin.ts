// The `warden` executable: bin/warden.js loads the built copy of this file.
import { main } from './main.js';

main(process.argv).catch((err) => {
  process.stderr.write(`warden: ${err?.message ?? err}\n`);
  process.exit(1);
});
