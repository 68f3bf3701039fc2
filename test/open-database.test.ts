import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS_TABLE, openDatabase } from '../main/db/open-database.ts';
import { DatabaseOpenError } from '../main/db/errors.ts';
import { makeTempDir } from './helpers/temp-db.ts';
import { loadMigrations } from '../main/db/migration-source.ts';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function tempFile(): string {
  const { dir, cleanup } = makeTempDir();
  cleanups.push(cleanup);
  return join(dir, 'harv.sqlite');
}

async function expectOpenError(filename: string, reason: DatabaseOpenError['reason']) {
  const err = await openDatabase({ filename }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DatabaseOpenError);
  expect((err as DatabaseOpenError).reason).toBe(reason);
}

describe('openDatabase', () => {
  it('creates the file with its folder and applies every migration', async () => {
    const filename = join(tempFile(), '..', 'nested', 'harv.sqlite');
    const db = await openDatabase({ filename });
    const [done, pending] = (await db.knex.migrate.list()) as [unknown[], unknown[]];
    expect(done).toHaveLength((await loadMigrations()).length);
    expect(pending).toHaveLength(0);
    await db.close();
    expect(existsSync(filename)).toBe(true);
  });

  it('sets foreign keys, WAL, FULL synchronous and a busy timeout on a brand-new connection', async () => {
    const db = await openDatabase({ filename: tempFile() });
    // Destroying the pool forces the next query onto a brand-new connection.
    await db.knex.destroy();
    db.knex.initialize();
    const one = async (pragma: string) => {
      const rows = (await db.knex.raw(`PRAGMA ${pragma}`)) as Record<string, unknown>[];
      return Object.values(rows[0] ?? {})[0];
    };
    expect(await one('foreign_keys')).toBe(1);
    expect(await one('journal_mode')).toBe('wal');
    expect(await one('synchronous')).toBe(2); // FULL
    expect(await one('busy_timeout')).toBeGreaterThanOrEqual(1000);
    await db.close();
  });

  it('reopens its own database without migrating again', async () => {
    const filename = tempFile();
    const first = await openDatabase({ filename });
    await first.knex('app_settings').insert({ key: 'k', value: '1', updated_at: '2026-01-01T00:00:00.000Z' });
    const history = (await first.knex(MIGRATIONS_TABLE).orderBy('id')) as unknown[];
    await first.close();
    const second = await openDatabase({ filename });
    expect(await second.knex('app_settings').where({ key: 'k' }).first()).toMatchObject({ value: '1' });
    // The same history, row for row: no migration ran down and up again, none was re-recorded.
    expect(await second.knex(MIGRATIONS_TABLE).orderBy('id')).toEqual(history);
    await second.close();
  });

  it('refuses a database from a newer version and leaves the file byte-for-byte unchanged', async () => {
    const filename = tempFile();
    const db = await openDatabase({ filename });
    await db.knex('knex_migrations').insert({ name: '29991231235959_from_the_future.ts', batch: 2, migration_time: new Date() });
    await db.close();
    const before = readFileSync(filename);
    await expectOpenError(filename, 'DB_NEWER_VERSION');
    expect(readFileSync(filename).equals(before)).toBe(true);
    expect(existsSync(`${filename}-wal`)).toBe(false);
  });

  it('refuses a history it does not recognise and writes nothing', async () => {
    const filename = tempFile();
    const db = await openDatabase({ filename });
    await db.knex('knex_migrations').where({ id: 1 }).update({ name: '20200101000000_renamed_elsewhere.ts' });
    await db.close();
    const before = readFileSync(filename);
    await expectOpenError(filename, 'DB_HISTORY_MISMATCH');
    expect(readFileSync(filename).equals(before)).toBe(true);
  });

  it('reports a file that is not a database as damaged, without touching it', async () => {
    const filename = tempFile();
    writeFileSync(filename, 'this is not sqlite at all, just some text'.repeat(50));
    const before = readFileSync(filename);
    await expectOpenError(filename, 'DB_DAMAGED');
    expect(readFileSync(filename).equals(before)).toBe(true);
  });

  it('opens an older database (fewer migrations) and brings it up to date', async () => {
    const filename = tempFile();
    const raw = new Database(filename);
    raw.close();
    const partial = await openDatabase({ filename, migrate: false });
    await partial.knex.migrate.up();
    await partial.close();
    const db = await openDatabase({ filename });
    const [, pending] = (await db.knex.migrate.list()) as [unknown[], unknown[]];
    expect(pending).toHaveLength(0);
    await db.close();
  });
});
