import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Builds the dashboard's component tests for Node (server rendering, no browser) into dist/web-tests,
 * where the test runner finds them beside every other compiled test.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    ssr: 'test/views.test.tsx',
    outDir: '../dist/web-tests',
    emptyOutDir: true,
    sourcemap: false,
  },
});
