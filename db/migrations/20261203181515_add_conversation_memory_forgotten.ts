/**
 * conversations.memory_forgotten_at: when the learner deleted the tutor's summary of this
 * conversation. The tutor then writes no new summary from it — deleting a memory means
 * "forget this", not "summarise it again in three turns".
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Raw SQL: knex cannot add a column with a CHECK in SQLite, and timestamps keep one format.
  await knex.raw(
    "ALTER TABLE conversations ADD COLUMN memory_forgotten_at TEXT NULL CONSTRAINT ck_memory_forgotten_at_iso CHECK (memory_forgotten_at IS NULL OR memory_forgotten_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z')",
  );
}

export async function down(knex: Knex): Promise<void> {
  // SQLite's own DROP COLUMN restores the table exactly (see add_pack_description).
  await knex.raw('ALTER TABLE conversations DROP COLUMN memory_forgotten_at');
}
