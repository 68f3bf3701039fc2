/**
 * The renderer's build: root is renderer/, output goes to out/renderer where both the
 * Electron shell and the browser-mode server load it from. base './' so the same files work
 * from a custom protocol and from http://host/.
 */
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The dev server injects an inline script (React Fast Refresh preamble) and talks to its own
 * websocket; the production CSP forbids both. Relax the policy for `vite serve` only — the
 * built files keep the strict one.
 */
const devCsp: Plugin = {
  name: 'harv-dev-csp',
  apply: 'serve',
  transformIndexHtml(html) {
    return html
      .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
      .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*");
  },
};

export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), devCsp],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    // No inline module-preload polyfill script: the CSP forbids inline scripts.
    modulePreload: { polyfill: false },
    sourcemap: false,
    // One bundle for an offline desktop app; it loads from disk, not a network.
    chunkSizeWarningLimit: 1000,
  },
  server: { port: 5173, strictPort: false },
});
