/**
 * The desktop shell: Electron's main process. It opens the database in the user-data
 * folder, registers the dispatcher on IPC and shows one hardened window serving the UI
 * from the harv:// scheme. Everything else is the same plain-Node core the browser mode runs.
 */
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell } from 'electron';
import { existsSync, renameSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startHarvCore, type HarvCore } from '../app-core.ts';
import { DATABASE_FILE_NAME } from '../db/data-dir.ts';
import { DatabaseOpenError } from '../db/errors.ts';
import { registerIpc } from './register-ipc.ts';
import { APP_ORIGIN, APP_SCHEME, hardenSession, hardenWebContents, resolveAppFile, secureWebPreferences } from './security.ts';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

/** better-sqlite3 built against Electron's ABI (scripts/build-electron-sqlite.ts, or packaging). */
function electronSqliteBinding(): string | undefined {
  const candidate = app.isPackaged
    ? undefined
    : join(app.getAppPath(), 'out', 'electron-native', 'better_sqlite3.node');
  return candidate && existsSync(candidate) ? candidate : undefined;
}

async function openCore(): Promise<HarvCore | null> {
  const filename = join(app.getPath('userData'), DATABASE_FILE_NAME);
  const packsDir = app.isPackaged
    ? join(process.resourcesPath, 'content', 'packs')
    : join(app.getAppPath(), 'content', 'packs');
  const nativeBinding = electronSqliteBinding();
  for (;;) {
    try {
      return await startHarvCore({
        filename,
        packsDir,
        appVersion: app.getVersion(),
        ...(nativeBinding ? { nativeBinding } : {}),
      });
    } catch (err) {
      // A damaged or newer database gets a clear message and a way out, never a blank window.
      const message =
        err instanceof DatabaseOpenError ? err.message : 'Harv could not open its data. The file may be damaged.';
      const choice = await dialog.showMessageBox({
        type: 'error',
        title: 'Harv cannot open its data',
        message,
        detail: `Data file: ${filename}`,
        buttons: ['Quit', 'Show the data folder', 'Start with a fresh database (the old file is kept)'],
        defaultId: 0,
        cancelId: 0,
      });
      if (choice.response === 1) {
        await shell.openPath(app.getPath('userData'));
        return null;
      }
      if (choice.response === 2) {
        // Move the file aside with its WAL and shared-memory files: a stale -wal beside a new
        // database would be replayed into it.
        const aside = `${filename}.unreadable-${Date.now()}`;
        for (const suffix of ['', '-wal', '-shm']) {
          if (existsSync(`${filename}${suffix}`)) renameSync(`${filename}${suffix}`, `${aside}${suffix}`);
        }
        continue;
      }
      return null;
    }
  }
}

async function main(): Promise<void> {
  await app.whenReady();
  hardenSession(session.defaultSession);
  const rendererRoot = join(import.meta.dirname, '..', 'renderer');
  protocol.handle(APP_SCHEME, (request) => {
    const file = resolveAppFile(request.url, rendererRoot, join, sep);
    if (!file) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  const core = await openCore();
  if (!core) {
    app.quit();
    return;
  }
  const ipc = registerIpc(ipcMain, core.dispatcher);
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 520,
    title: 'Harv',
    show: false,
    webPreferences: secureWebPreferences(join(import.meta.dirname, '..', 'preload', 'preload.cjs')),
  });
  // Taken now: once the window has closed its webContents is destroyed and may not be read.
  const contentsId = window.webContents.id;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => ipc.forget({ id: contentsId }));
  await window.loadURL(`${APP_ORIGIN}/index.html`);

  app.on('window-all-closed', () => {
    void core.close().finally(() => app.quit());
  });
}

void main();
