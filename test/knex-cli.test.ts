/**
 * The knex commands the README gives developers, run exactly as written (through npm) on a
 * temp database chosen with HARV_DB_FILE.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { makeTempDir } from './helpers/temp-db.ts';
import { APP_TABLES } from './helpers/classroom-fixture.ts';
import { loadMigrations, MIGRATION_FILE } from '../main/db/migration-source.ts';

const { dir, cleanup } = makeTempDir('harv-cli-');
afterAll(cleanup);
const dbFile = join(dir, 'dev.sqlite');

function npmRun(script: string, ...args: string[]): string {
  return execFileSync('npm', ['run', '-s', script, ...(args.length ? ['--', ...args] : [])], {
    cwd: join(import.meta.dirname, '..'),
    env: { ...process.env, HARV_DB_FILE: dbFile },
    encoding: 'utf8',
  });
}

function appTables(): string[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[])
      .map((r) => r.name)
      .filter((n) => (APP_TABLES as readonly string[]).includes(n));
  } finally {
    db.close();
  }
}

describe('knex CLI from the README', () => {
  it('migrate:latest, status, rollback, rollback --all and make all work on a chosen file', async () => {
    const names = (await loadMigrations()).map((m) => m.name);
    expect(npmRun('db:latest')).toMatch(/Batch 1 run: \d+ migrations/);
    expect(existsSync(dbFile)).toBe(true);
    expect(appTables().sort()).toEqual([...APP_TABLES].sort());

    const status = npmRun('db:status');
    for (const name of names) expect(status).toContain(name);
    expect(status).toMatch(/No Pending Migration/);

    expect(npmRun('db:rollback')).toMatch(/rolled back/);
    expect(appTables()).toEqual([]); // the last batch held every migration
    expect(npmRun('db:latest')).toMatch(/run: \d+ migrations/);
    expect(npmRun('db:rollback:all')).toMatch(/rolled back/);
    expect(appTables()).toEqual([]);

    // The raw knex command works too, as the README shows it.
    expect(npmRun('knex', 'migrate:latest')).toMatch(/run: \d+ migrations/);

    const makeDir = join(dir, 'made');
    npmRun('db:make', 'add_example_table', '--migrations-directory', makeDir);
    const made = readdirSync(makeDir);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatch(MIGRATION_FILE);
    expect(made[0]).toMatch(/_add_example_table\.ts$/);
  }, 120_000);
});
