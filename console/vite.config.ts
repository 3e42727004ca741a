// The console is served by Warden at /console/ under a strict CSP (script-src 'self';
// style-src 'self'): one module script and one stylesheet, nothing inline, nothing remote.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  base: '/console/',
  plugins: [react()],
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
