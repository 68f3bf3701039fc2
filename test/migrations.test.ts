/**
 * Every migration, step by step: up → snapshot → down → the schema before it → up again.
 * And a classroom's rows survive the whole chain.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { openDatabase } from '../main/db/open-database.ts';
import { loadMigrations, MIGRATION_FILE } from '../main/db/migration-source.ts';
import { openTempDatabase, type TempDatabase } from './helpers/temp-db.ts';
import { snapshotSchema } from './helpers/schema-snapshot.ts';
import { APP_TABLES, countRows, fillClassroom } from './helpers/classroom-fixture.ts';

let db: TempDatabase | null = null;
afterEach(async () => {
  await db?.dispose();
  db = null;
});

type TableRows = Record<string, Record<string, unknown>[]>;

/** Every row of every app table that exists yet, in a stable order (by the first column: the id or key). */
async function allRows(knex: Knex): Promise<TableRows> {
  const out: TableRows = {};
  for (const t of APP_TABLES) {
    if (await knex.schema.hasTable(t)) out[t] = (await knex(t).select('*').orderByRaw('1')) as Record<string, unknown>[];
  }
  return out;
}

/** A migration may add tables and columns; it may not drop a row or change a value it found. */
function expectCarriedOver(before: TableRows, after: TableRows): void {
  for (const [table, rows] of Object.entries(before)) {
    const kept = (after[table] ?? []).map((row, i) => Object.fromEntries(Object.keys(rows[i] ?? row).map((k) => [k, row[k]])));
    expect(kept, table).toEqual(rows);
  }
}

describe('migrations', () => {
  it('are named as the knex CLI names them, in the same order as the folder', async () => {
    const onDisk = readdirSync(new URL('../db/migrations/', import.meta.url)).filter((f) => MIGRATION_FILE.test(f)).sort();
    const names = (await loadMigrations()).map((m) => m.name);
    expect(names).toEqual(onDisk);
    expect(names.length).toBeGreaterThanOrEqual(3);
  });

  it('each goes up, comes down to exactly the schema before it, and goes up again', async () => {
    db = await openTempDatabase({ migrate: false });
    const { knex } = db;
    const total = (await loadMigrations()).length;
    for (let step = 0; step < total; step++) {
      const before = await snapshotSchema(knex);
      await knex.migrate.up();
      const after = await snapshotSchema(knex);
      expect(after).not.toEqual(before);
      await knex.migrate.down();
      expect(await snapshotSchema(knex)).toEqual(before);
      await knex.migrate.up();
      expect(await snapshotSchema(knex)).toEqual(after);
    }
    const [, pending] = (await knex.migrate.list()) as [unknown[], unknown[]];
    expect(pending).toHaveLength(0);
  });

  it('rolling back all migrations leaves no app table', async () => {
    db = await openTempDatabase();
    const { knex } = db;
    for (const t of APP_TABLES) expect(await knex.schema.hasTable(t)).toBe(true);
    await knex.migrate.rollback(undefined, true);
    for (const t of APP_TABLES) expect(await knex.schema.hasTable(t)).toBe(false);
  });

  it('creates the seed schema columns and its five named indexes', async () => {
    db = await openTempDatabase();
    const snap = await snapshotSchema(db.knex);
    const cols = (t: string) => (snap[t]?.columns as { name: string }[]).map((c) => c.name);
    expect(cols('users')).toEqual(
      expect.arrayContaining(['id', 'email', 'hashed_password', 'name', 'onboarding_data', 'is_active', 'created_at', 'updated_at']),
    );
    expect(cols('onboarding_surveys')).toEqual(
      expect.arrayContaining([
        'id', 'user_id', 'learning_style', 'prior_experience', 'goals', 'preferred_pace',
        'interaction_preference', 'background_info', 'motivation_level', 'time_availability',
      ]),
    );
    const indexNames = Object.values(snap).flatMap((t) => (t.indexes as { name: string }[]).map((i) => i.name));
    for (const name of [
      'idx_users_email',
      'idx_conversations_user_module',
      'idx_messages_conversation',
      'idx_memory_user_module',
      'idx_progress_user_module',
    ]) {
      expect(indexNames).toContain(name);
    }
    for (const [table, t] of Object.entries(snap)) {
      for (const fk of t.foreignKeys as { on_delete: string; table: string }[]) {
        expect(`${table}→${fk.table}:${fk.on_delete}`).toBe(`${table}→${fk.table}:CASCADE`);
      }
    }
    expect(snap.modules?.columns).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'retired_at' })]));
    expect(snap.module_concepts?.columns).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'retired_at' })]));
  });

  it('never lose data: a classroom filled at every step is all there at the latest', async () => {
    db = await openTempDatabase({ migrate: false });
    const { knex } = db;
    const total = (await loadMigrations()).length;
    const expected: Record<string, number> = {};
    for (let step = 0; step < total; step++) {
      const before = await allRows(knex);
      await knex.migrate.up();
      // Every row the step found is still there, every value it had unchanged.
      expectCarriedOver(before, await allRows(knex));
      const added = await fillClassroom(knex, `step${step}`);
      for (const [t, n] of Object.entries(added)) expected[t] = (expected[t] ?? 0) + n;
    }
    expect(await countRows(knex)).toEqual(expected);
    for (const t of APP_TABLES) expect(expected[t]).toBeGreaterThan(0);
    // Opened again as the app opens it (nothing pending): still every row, every value.
    const filled = await allRows(knex);
    await db.close();
    const reopened = await openDatabase({ filename: join(db.dir, 'harv.sqlite') });
    try {
      expect(await allRows(reopened.knex)).toEqual(filled);
    } finally {
      await reopened.close();
    }
  });
});
