// Prints the admin API's OpenAPI 3.1 document, made from the same route declarations the server
// registers; the console generates its client types from it (console/src/api/schema.d.ts).
// Usage: tsx scripts/openapi.ts [out.json]
import { writeFileSync } from 'node:fs';
import { adminDefaults } from '../src/config/admin.js';
import { API_VERSION, adminRoutes } from '../src/server/admin/index.js';
import { AdminAuthenticator } from '../src/server/admin/authenticate.js';
import { openApiDocument } from '../src/server/admin/openapi.js';
import type { AccountStore } from '../src/store/types.js';

// Route declarations only: no handler runs, so no store is needed.
const routes = adminRoutes(new AdminAuthenticator({} as AccountStore, adminDefaults())).filter((r) => r.path !== '/openapi.json');
const doc = JSON.stringify(openApiDocument(routes, API_VERSION), null, 2) + '\n';
const out = process.argv[2];
if (out) writeFileSync(out, doc);
else process.stdout.write(doc);
