/**
 * Learning records: conversations and their messages, memory summaries, per-module
 * progress and per-concept mastery. Everything here belongs to one learner and cascades
 * away with their account.
 */
import type { Knex } from 'knex';

/** Timestamps are ISO 8601 UTC text with an explicit "Z", written by application code. */
const ISO_UTC = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z'";

function timestamp(t: Knex.CreateTableBuilder, name: string, nullable = false): void {
  const col = t.text(name);
  if (nullable) col.nullable();
  else col.notNullable();
  t.check(`${name} IS NULL OR ${name} ${ISO_UTC}`, [], `ck_${name}_iso`);
}

function jsonText(t: Knex.CreateTableBuilder, name: string, nullable = true): void {
  const col = t.text(name);
  if (nullable) col.nullable();
  else col.notNullable();
  t.check(`${name} IS NULL OR json_valid(${name})`, [], `ck_${name}_json`);
}

function flag(t: Knex.CreateTableBuilder, name: string, defaultTo: boolean): void {
  t.boolean(name).notNullable().defaultTo(defaultTo);
  t.check(`${name} IN (0, 1)`, [], `ck_${name}_bool`);
}
function counter(t: Knex.CreateTableBuilder, name: string): void {
  t.integer(name).notNullable().defaultTo(0);
  t.check(`${name} >= 0`, [], `ck_${name}_count`);
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('conversations', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.integer('module_id').notNullable().references('modules.id').onDelete('CASCADE');
    t.text('title').notNullable();
    t.enu('status', ['active', 'finalized']).notNullable().defaultTo('active');
    t.text('rolling_summary').nullable();
    jsonText(t, 'engine_state');
    timestamp(t, 'created_at');
    timestamp(t, 'updated_at');
    timestamp(t, 'finalized_at', true);
    t.index(['user_id', 'module_id'], 'idx_conversations_user_module');
    t.index(['module_id'], 'idx_conversations_module');
  });

  await knex.schema.createTable('messages', (t) => {
    t.increments('id');
    t.integer('conversation_id').notNullable().references('conversations.id').onDelete('CASCADE');
    t.enu('role', ['user', 'assistant', 'system']).notNullable();
    t.text('content').notNullable();
    timestamp(t, 'created_at');
    t.integer('response_time_ms').nullable();
    t.integer('token_count').nullable();
    jsonText(t, 'memory_context');
    jsonText(t, 'socratic_analysis');
    // (conversation_id, id): the cursor page "newest first, before message N" is one index range.
    t.index(['conversation_id', 'id'], 'idx_messages_conversation');
  });

  await knex.schema.createTable('memory_summaries', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.integer('module_id').notNullable().references('modules.id').onDelete('CASCADE');
    // Deleting a conversation forgets what was learned from it (the learner asked to forget it).
    t.integer('conversation_id').nullable().references('conversations.id').onDelete('CASCADE');
    t.text('what_learned').notNullable();
    t.text('how_learned').notNullable().defaultTo('');
    jsonText(t, 'key_concepts', false);
    t.enu('understanding_level', ['emerging', 'developing', 'proficient', 'mastered']).notNullable();
    t.text('learning_insights').notNullable().defaultTo('');
    t.text('teaching_effectiveness').notNullable().defaultTo('');
    t.enu('source', ['tutor', 'learner']).notNullable().defaultTo('tutor');
    timestamp(t, 'created_at');
    timestamp(t, 'updated_at');
    t.index(['user_id', 'module_id'], 'idx_memory_user_module');
    t.index(['conversation_id'], 'idx_memory_conversation');
  });

  await knex.schema.createTable('user_progress', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.integer('module_id').notNullable().references('modules.id').onDelete('CASCADE');
    t.float('completion_percentage').notNullable().defaultTo(0);
    t.check('completion_percentage >= 0 AND completion_percentage <= 100', [], 'ck_progress_completion');
    t.enu('mastery_level', ['beginner', 'intermediate', 'advanced']).notNullable().defaultTo('beginner');
    flag(t, 'is_completed', false);
    timestamp(t, 'completion_date', true);
    counter(t, 'time_spent_seconds');
    counter(t, 'total_conversations');
    counter(t, 'total_messages');
    counter(t, 'questions_asked');
    counter(t, 'hints_used');
    t.text('current_focus').nullable();
    timestamp(t, 'last_activity_at', true);
    timestamp(t, 'created_at');
    timestamp(t, 'updated_at');
    t.unique(['user_id', 'module_id'], { indexName: 'idx_progress_user_module' });
  });

  await knex.schema.createTable('concept_mastery', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.integer('concept_id').notNullable().references('module_concepts.id').onDelete('CASCADE');
    t.float('mastery').notNullable().defaultTo(0);
    t.check('mastery >= 0 AND mastery <= 1', [], 'ck_mastery_range');
    counter(t, 'attempts');
    counter(t, 'hints_used');
    jsonText(t, 'evidence', false);
    timestamp(t, 'mastered_at', true);
    timestamp(t, 'updated_at');
    t.unique(['user_id', 'concept_id'], { indexName: 'uq_concept_mastery_user_concept' });
    t.index(['concept_id'], 'idx_concept_mastery_concept');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('concept_mastery');
  await knex.schema.dropTable('user_progress');
  await knex.schema.dropTable('memory_summaries');
  await knex.schema.dropTable('messages');
  await knex.schema.dropTable('conversations');
}
