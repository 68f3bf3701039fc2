/**
 * Builds better-sqlite3 against Electron's ABI into out/electron-native/, for `npm start`.
 *
 * The copy in node_modules stays built for Node, so `npm test` and `npm run serve` never
 * need a rebuild (STACK.md: one binary cannot serve both runtimes). The desktop shell loads
 * this one through better-sqlite3's `nativeBinding` option. Packaging rebuilds its own copy.
 */
import { cpSync, existsSync, mkdirSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { rebuild } from '@electron/rebuild';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const electronVersion = (JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }).version;
const outDir = join(root, 'out', 'electron-native');
const target = join(outDir, 'better_sqlite3.node');
const stamp = join(outDir, 'electron-version.txt');

if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) {
  process.exit(0);
}

console.log(`Building better-sqlite3 for Electron ${electronVersion}…`);
const buildRoot = join(outDir, 'build');
mkdirSync(join(buildRoot, 'node_modules'), { recursive: true });
cpSync(join(root, 'node_modules', 'better-sqlite3'), join(buildRoot, 'node_modules', 'better-sqlite3'), { recursive: true });
writeFileSync(
  join(buildRoot, 'package.json'),
  JSON.stringify({ name: 'harv-electron-native', version: '0.0.0', dependencies: { 'better-sqlite3': '*' } }),
);
await rebuild({ buildPath: buildRoot, electronVersion, onlyModules: ['better-sqlite3'], force: true });
copyFileSync(join(buildRoot, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), target);
writeFileSync(stamp, electronVersion);
console.log('Done.');
