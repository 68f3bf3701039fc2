/**
 * The core both shells run: open the database, bring the bundled curriculum up to date,
 * and build the dispatcher with the built-in tutor. Plain Node — no Electron, no HTTP.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type HarvDatabase } from './db/open-database.ts';
import { createDispatcher, type Dispatcher, type AppServices } from './ipc/dispatcher.ts';
import { allHandlers } from './ipc/handlers/index.ts';
import { createPasswordHasher } from './services/auth/passwords.ts';
import { defaultPacksDir, loadBundledPack } from './services/curriculum/bundled-pack.ts';
import { ensureBundledPack, type ImportReport } from './services/curriculum/pack-import.ts';
import { createSocraticEngine } from './services/tutor/socratic-engine.ts';
import { deleteExpiredSessions } from './repositories/sessions.ts';

export interface HarvCoreOptions {
  filename: string;
  /** Folder holding content/packs; defaults to the source checkout's. */
  packsDir?: string;
  /** bcrypt cost; tests pass a low one. */
  passwordCost?: number;
  now?: AppServices['now'];
  validateOutput?: boolean;
  /** Skip the bundled curriculum (tests that build their own). */
  skipBundledPack?: boolean;
  /** better-sqlite3 built for Electron's ABI, in the desktop app. */
  nativeBinding?: string;
  /** The desktop shell passes Electron's app version; plain Node reads package.json. */
  appVersion?: string;
}

export interface HarvCore {
  db: HarvDatabase;
  dispatcher: Dispatcher;
  packReport: ImportReport | null;
  close(): Promise<void>;
}

export function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export async function startHarvCore(options: HarvCoreOptions): Promise<HarvCore> {
  const db = await openDatabase({ filename: options.filename, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    // Sessions are otherwise removed only when their token comes back; sweep the ones that
    // never will, so a classroom machine's sessions table does not grow without end.
    await deleteExpiredSessions(db.knex, new Date(options.now?.() ?? Date.now()).toISOString());
    const packReport = options.skipBundledPack
      ? null
      : await ensureBundledPack(db.knex, loadBundledPack(options.packsDir ?? defaultPacksDir()));
    const dispatcher = createDispatcher({
      knex: db.knex,
      reader: db.reader,
      handlers: allHandlers(),
      services: {
        appVersion: options.appVersion ?? appVersion(),
        passwords: createPasswordHasher(options.passwordCost),
        tutor: createSocraticEngine(),
        ...(options.now ? { now: options.now } : {}),
      },
      validateOutput: options.validateOutput ?? false,
    });
    return { db, dispatcher, packReport, close: () => db.close() };
  } catch (err) {
    await db.close();
    throw err;
  }
}
