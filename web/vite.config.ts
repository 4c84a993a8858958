import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the dashboard into dist/web, which the gateway serves at `/`. */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    // The gateway's Content-Security-Policy allows no inline script, so nothing may be inlined as a data URL either.
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    sourcemap: false,
    // Which chunks each entry and page loads, for the test that keeps the first page's weight in check.
    manifest: true,
  },
});
