/**
 * Builds the renderer once before the browser tests, so they exercise the current code (the
 * server only builds when out/renderer is missing, and a stale build would test old code).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export default function buildRenderer(): void {
  const root = join(import.meta.dirname, '..', '..');
  const res = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (res.status !== 0) throw new Error('The renderer build failed; see the output above.');
}
