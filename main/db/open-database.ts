/**
 * The one place a Harv database is opened.
 *
 * Order matters: the migration history is read through a read-only connection *before*
 * anything else touches the file, because opening it normally switches it to WAL — a
 * write. A file from a newer Harv, or with a history this app doesn't recognise, is
 * refused with a DatabaseOpenError and left byte-for-byte as it was.
 */
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import knexFactory, { type Knex } from 'knex';
import { applyConnectionSettings, cachePreparedStatements } from './connection-settings.ts';
import { DatabaseOpenError } from './errors.ts';
import { appMigrationSource, loadMigrations } from './migration-source.ts';
import { openReader, type Reader } from './reader.ts';

export const MIGRATIONS_TABLE = 'knex_migrations';

export interface HarvDatabase {
  knex: Knex;
  /** Read-only connection for hot reads outside transactions (main/db/reader.ts). */
  reader: Reader;
  filename: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Path of the SQLite file; created with its folder when missing. */
  filename: string;
  /** Run pending migrations (default true). The CLI's knexfile leaves migrating to the developer. */
  migrate?: boolean;
  /** A better-sqlite3 binary built for another runtime (Electron's ABI in the desktop app). */
  nativeBinding?: string;
}

/**
 * Reads the migration history without writing. A read-only connection to a WAL database
 * still creates empty -wal and -shm side files; they are removed again when they were not
 * there before, so a refused file's folder looks exactly as it did.
 */
function recordedMigrations(filename: string, nativeBinding?: string): string[] {
  const sideFiles = [`${filename}-wal`, `${filename}-shm`].filter((f) => !existsSync(f));
  let conn: Database.Database | null = null;
  try {
    conn = new Database(filename, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const table = conn
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(MIGRATIONS_TABLE);
    if (!table) return [];
    return (conn.prepare(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`).all() as { name: string }[]).map(
      (r) => r.name,
    );
  } catch {
    throw new DatabaseOpenError('DB_DAMAGED', 'The database file cannot be read. It may be damaged or not a Harv database.');
  } finally {
    conn?.close();
    for (const f of sideFiles) {
      if (existsSync(f) && (f.endsWith('-shm') || statSync(f).size === 0)) rmSync(f, { force: true });
    }
  }
}

/** Refuses a history that is not a prefix of the app's own migrations. */
export function checkMigrationHistory(recorded: readonly string[], known: readonly string[]): void {
  const unknown = recorded.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    const newest = known[known.length - 1] ?? '';
    const newer = unknown.every((name) => name > newest);
    throw new DatabaseOpenError(
      newer ? 'DB_NEWER_VERSION' : 'DB_HISTORY_MISMATCH',
      newer
        ? 'This database was written by a newer version of Harv. Update Harv to open it.'
        : 'This database has a migration history this version of Harv does not recognise.',
      { unknownMigrations: unknown, expected: [...known], recorded: [...recorded] },
    );
  }
  const inOrder = recorded.every((name, i) => known[i] === name);
  if (!inOrder) {
    throw new DatabaseOpenError(
      'DB_HISTORY_MISMATCH',
      'This database applied its migrations in an order this version of Harv does not recognise.',
      { expected: [...known], recorded: [...recorded] },
    );
  }
}

export function createKnex(filename: string, nativeBinding?: string): Knex {
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename, ...(nativeBinding ? { options: { nativeBinding } } : {}) },
    useNullAsDefault: true,
    pool: {
      afterCreate(conn: Database.Database, done: (err: Error | null, conn: Database.Database) => void) {
        try {
          applyConnectionSettings(conn);
          cachePreparedStatements(conn);
          done(null, conn);
        } catch (err) {
          done(err as Error, conn);
        }
      },
    },
    migrations: { tableName: MIGRATIONS_TABLE, migrationSource: appMigrationSource() },
  });
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<HarvDatabase> {
  const { filename, migrate = true, nativeBinding } = options;
  const known = (await loadMigrations()).map((m) => m.name);
  if (existsSync(filename)) {
    checkMigrationHistory(recordedMigrations(filename, nativeBinding), known);
  } else {
    mkdirSync(dirname(filename), { recursive: true });
  }
  const knex = createKnex(filename, nativeBinding);
  let reader: Reader;
  try {
    // Stop on the first failure; never carry on with a half-migrated database (STYLE.md).
    if (migrate) await knex.migrate.latest();
    // The file exists now (knex created it); the reader opens it read-only.
    await knex.raw('SELECT 1');
    reader = openReader(filename, nativeBinding);
  } catch (err) {
    // A failed open leaves no pool behind holding the file (and keeping a CLI process alive).
    await knex.destroy();
    throw err;
  }
  let closed = false;
  return {
    knex,
    reader,
    filename,
    async close() {
      if (closed) return;
      closed = true;
      reader.close();
      // Let SQLite refresh its query-planner statistics for the next start, then close.
      await knex.raw('PRAGMA optimize').catch(() => undefined);
      await knex.destroy();
    },
  };
}
