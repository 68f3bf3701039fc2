/**
 * One list of migrations for the knex CLI, vitest, the browser-mode server and the bundled app.
 *
 * The CLI reads db/migrations/*.ts from disk and records each by its file name. Code that
 * Vite bundles (the desktop app, vitest) cannot require .ts files from a folder at run time,
 * so there the list comes from import.meta.glob, compiled in. Plain Node under tsx (serve,
 * scripts) has no import.meta.glob and imports the files from disk. All three yield exactly
 * the names the CLI records — otherwise knex reports a "corrupt" migration directory.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Knex } from 'knex';

export interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** The shape of a name `knex migrate:make -x ts` generates: a 14-digit timestamp, a name, .ts. */
export const MIGRATION_FILE = /^\d{14}_[a-z0-9_]+\.ts$/;

const MIGRATIONS_DIR_URL = new URL('../../db/migrations/', import.meta.url);

function compiledIn(): Record<string, MigrationModule> | null {
  try {
    // Replaced by Vite with an object of eagerly imported modules; undefined under plain Node.
    return import.meta.glob<MigrationModule>('../../db/migrations/*.ts', { eager: true });
  } catch {
    return null;
  }
}

async function fromDisk(): Promise<Record<string, MigrationModule>> {
  const dir = fileURLToPath(MIGRATIONS_DIR_URL);
  const out: Record<string, MigrationModule> = {};
  for (const file of readdirSync(dir).filter((f) => MIGRATION_FILE.test(f))) {
    out[file] = (await import(pathToFileURL(`${dir}${file}`).href)) as MigrationModule;
  }
  return out;
}

export interface LoadedMigration {
  name: string;
  module: MigrationModule;
}

let cached: Promise<LoadedMigration[]> | null = null;

/** The app's migrations in order, named as the knex CLI names them. */
export function loadMigrations(): Promise<LoadedMigration[]> {
  cached ??= (async () => {
    const byPath = compiledIn() ?? (await fromDisk());
    return Object.entries(byPath)
      .map(([path, module]) => ({ name: path.slice(path.lastIndexOf('/') + 1), module }))
      .filter((m) => MIGRATION_FILE.test(m.name))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  })();
  return cached;
}

/** A knex migrationSource over loadMigrations(). */
export function appMigrationSource(): Knex.MigrationSource<LoadedMigration> {
  return {
    getMigrations: () => loadMigrations(),
    getMigrationName: (m) => m.name,
    getMigration: async (m) => m.module,
  };
}
