/**
 * Covering indexes for what the tutor reads on every reply (docs/BENCHMARKS.md). A reply
 * follows a commit, and SQLite then starts every other connection's page cache afresh, so each
 * row a reply reads is a fresh seek; reading from an index alone saves one seek per row.
 *
 * - concept_mastery(user_id, mastered_at, concept_id): the learner's overall completion (the
 *   profile layer) counts mastered concepts from the index, without visiting ~100 rows.
 * - module_concepts(module_id, retired_at): a reply recounts the module's mastered concepts;
 *   which concepts are live is then read from the index, not from each concept's 4 KB row
 *   (whose retired_at sits past its long texts).
 * - memory_summaries(user_id, updated_at, id, module_id) replaces (user_id, updated_at, id):
 *   the prior-knowledge layer picks the newest summary of each other module from the index,
 *   then reads only the few summaries it keeps. The order it serves is unchanged.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('concept_mastery', (t) => {
    t.index(['user_id', 'mastered_at', 'concept_id'], 'idx_concept_mastery_user_mastered');
  });
  await knex.schema.alterTable('module_concepts', (t) => {
    t.index(['module_id', 'retired_at'], 'idx_module_concepts_module_live');
  });
  await knex.schema.alterTable('memory_summaries', (t) => {
    t.index(['user_id', 'updated_at', 'id', 'module_id'], 'idx_memory_user_recent_module');
    t.dropIndex([], 'idx_memory_user_recent');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('memory_summaries', (t) => {
    t.index(['user_id', 'updated_at', 'id'], 'idx_memory_user_recent');
    t.dropIndex([], 'idx_memory_user_recent_module');
  });
  await knex.schema.alterTable('module_concepts', (t) => {
    t.dropIndex([], 'idx_module_concepts_module_live');
  });
  await knex.schema.alterTable('concept_mastery', (t) => {
    t.dropIndex([], 'idx_concept_mastery_user_mastered');
  });
}
