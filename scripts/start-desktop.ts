/**
 * `npm start`: build and launch the desktop app.
 *
 * The Electron binary is fetched on first use. Where that cannot happen (no internet, as on
 * the build machines), say so plainly and point to the browser mode, which runs the same
 * app from the same data folder.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/**
 * Resolving the electron package downloads its binary when it is missing; offline that fails
 * with a long network stack trace. It runs in a child process so only our message is shown.
 */
function electronBinary(): string | null {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
  });
  return probe.status === 0 && probe.stdout.trim() !== '' ? probe.stdout.trim() : null;
}

const binary = electronBinary();
if (!binary) {
  console.error(
    [
      '',
      'The desktop app needs the Electron binary, which could not be downloaded on this machine.',
      'Run the same app in your browser instead:',
      '',
      '    npm run serve          then open http://127.0.0.1:5174',
      '',
    ].join('\n'),
  );
  process.exit(1);
}

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) => {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (res.status !== 0) process.exit(res.status ?? 1);
};

// Build main, preload and renderer; then the Electron-ABI copy of better-sqlite3.
run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);
run(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'scripts/build-electron-sqlite.ts')]);
run(binary, [root]);
