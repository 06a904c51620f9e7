import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The console's build. Runtime settings (the API's base URL, the sign-in mode, the idle
 * sign-out) come from /config.json at run time, never from the build, so one build serves
 * locally and on AWS. `vite` in this folder is a dev server that proxies to a running
 * `npm start` console (127.0.0.1:4102).
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const target = process.env.CONSOLE_DEV_TARGET ?? 'http://127.0.0.1:4102';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    sourcemap: false,
    // The static import graph, for `npm run bench` (initial JS vs route chunks).
    manifest: true,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: { '/api': target, '/local': target, '/config.json': target },
  },
});
