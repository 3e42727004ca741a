// The console is served by Warden at /console/ under a strict CSP (script-src 'self';
// style-src 'self'): one module script and one stylesheet, nothing inline, nothing remote.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Forms validate with the admin API's own zod schemas, imported from the server source; the
// modules they live in import node built-ins the schemas never use in the browser. The browser
// build gets stand-ins (src/node-shims/README.md); vitest runs in node and keeps the real ones.
const nodeShims = Object.fromEntries(
  ['crypto', 'fs', 'path', 'url'].map((m) => [`node:${m}`, new URL(`./src/node-shims/${m}.ts`, import.meta.url).pathname]),
);

export default defineConfig({
  base: '/console/',
  plugins: [react()],
  resolve: { alias: process.env.VITEST ? {} : nodeShims },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Inlined assets would be data: URLs; keep every asset a file the CSP allows.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // `npm run dev -w console` next to `warden start --demo` on :8080.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
