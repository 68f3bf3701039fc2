/**
 * Configuration for the knex CLI (developers only; the app opens its database through
 * main/db/open-database.ts with the same settings and the same migration names).
 *
 *   HARV_DB_FILE=/tmp/try.sqlite npm run db:latest
 *   HARV_DATA_DIR=/tmp/harv npm run knex -- migrate:status
 *
 * Without either, it uses ./.harv-data/harv.sqlite, never a learner's real data by accident.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Knex } from 'knex';
import { applyConnectionSettings } from './main/db/connection-settings.ts';
import { DATABASE_FILE_NAME } from './main/db/data-dir.ts';

const filename =
  process.env.HARV_DB_FILE ?? join(process.env.HARV_DATA_DIR ?? join(process.cwd(), '.harv-data'), DATABASE_FILE_NAME);
mkdirSync(dirname(filename), { recursive: true });

const config: Knex.Config = {
  client: 'better-sqlite3',
  connection: { filename },
  useNullAsDefault: true,
  pool: {
    afterCreate(conn: Parameters<typeof applyConnectionSettings>[0], done: (err: Error | null, conn: unknown) => void) {
      applyConnectionSettings(conn);
      done(null, conn);
    },
  },
  migrations: {
    directory: './db/migrations',
    extension: 'ts',
    loadExtensions: ['.ts'],
    tableName: 'knex_migrations',
  },
};

export default config;
