/**
 * Where Harv keeps its database.
 *
 * The desktop app uses Electron's user-data folder. The browser mode, tests and CLIs use
 * an explicit path or HARV_DATA_DIR, and otherwise the very folder Electron would use, so
 * that `npm start` and `npm run serve` on one machine see one database.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Electron derives userData from the product name; keep this in step with package.json's productName. */
export const PRODUCT_NAME = 'Harv';
export const DATABASE_FILE_NAME = 'harv.sqlite';

/** The folder Electron's app.getPath('userData') resolves to on this platform. */
export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

/** The data folder for plain-Node entry points: an explicit path, then HARV_DATA_DIR, then the desktop app's folder. */
export function resolveDataDir(explicit?: string, env = process.env): string {
  if (explicit && explicit.trim() !== '') return explicit;
  const fromEnv = env.HARV_DATA_DIR;
  if (fromEnv && fromEnv.trim() !== '') return fromEnv;
  return defaultUserDataDir(process.platform, env);
}

export function databasePath(dataDir: string): string {
  return join(dataDir, DATABASE_FILE_NAME);
}
