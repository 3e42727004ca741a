// Zod probes for eval support with `new Function("")` on first use; under the console's CSP
// (script-src 'self') that probe is a CSP violation report on every page load. Jitless mode
// skips the probe (and the eval it would enable).
import { z } from 'zod';

z.config({ jitless: true });
