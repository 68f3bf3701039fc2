/**
 * Indexes for the hot read paths, each justified by its query plan (docs/BENCHMARKS.md):
 *
 * - conversations(user_id, updated_at, id): the conversation list and the learner's activity
 *   ("most recent first", "updated in the last 30 days") become an index range instead of
 *   a read of every conversation of the learner and a sort.
 * - memory_summaries(user_id, updated_at, id): the tutor's prior-knowledge layer reads a
 *   learner's most recent summaries on every reply; it stops after a few rows instead of
 *   sorting all of them.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('conversations', (t) => {
    t.index(['user_id', 'updated_at', 'id'], 'idx_conversations_user_recent');
  });
  await knex.schema.alterTable('memory_summaries', (t) => {
    t.index(['user_id', 'updated_at', 'id'], 'idx_memory_user_recent');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('memory_summaries', (t) => {
    t.dropIndex([], 'idx_memory_user_recent');
  });
  await knex.schema.alterTable('conversations', (t) => {
    t.dropIndex([], 'idx_conversations_user_recent');
  });
}
