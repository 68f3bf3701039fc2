/**
 * Curriculum: content packs, their modules and the concepts the tutor walks through.
 *
 * Modules and concepts carry retired_at: once learners have history with one, it is
 * retired rather than deleted, because the cascade would otherwise wipe that history.
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
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('content_packs', (t) => {
    t.increments('id');
    // The pack's own id (e.g. "harv.communication-media-society"); 'local' holds teacher-authored modules.
    t.text('pack_key').notNullable().unique('uq_content_packs_key');
    t.text('title').notNullable();
    t.text('version').notNullable();
    t.check("version GLOB '[0-9]*.[0-9]*.[0-9]*'", [], 'ck_content_packs_version');
    t.text('language').notNullable();
    timestamp(t, 'imported_at');
  });

  await knex.schema.createTable('modules', (t) => {
    t.increments('id');
    t.integer('pack_id').notNullable().references('content_packs.id').onDelete('CASCADE');
    t.text('slug').notNullable();
    t.text('title').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.integer('sort_order').notNullable().defaultTo(0);
    jsonText(t, 'learning_objectives', false);
    t.text('system_prompt').notNullable().defaultTo('');
    t.text('module_prompt').notNullable().defaultTo('');
    t.text('system_corpus').notNullable().defaultTo('');
    t.text('module_corpus').notNullable().defaultTo('');
    t.text('dynamic_corpus').notNullable().defaultTo('');
    jsonText(t, 'resources', false);
    jsonText(t, 'mastery_triggers', false);
    jsonText(t, 'confusion_triggers', false);
    t.text('memory_extraction_prompt').notNullable().defaultTo('');
    t.enu('difficulty_level', ['beginner', 'intermediate', 'advanced']).notNullable().defaultTo('beginner');
    t.integer('estimated_minutes').notNullable().defaultTo(30);
    t.check('estimated_minutes > 0', [], 'ck_modules_minutes');
    jsonText(t, 'prerequisites', false);
    flag(t, 'is_active', true);
    // A teacher changed it here: a newer pack reports it instead of overwriting it.
    flag(t, 'edited_locally', false);
    timestamp(t, 'retired_at', true);
    timestamp(t, 'created_at');
    timestamp(t, 'updated_at');
    t.unique(['pack_id', 'slug'], { indexName: 'uq_modules_pack_slug' });
    t.check('length(trim(title)) > 0', [], 'ck_modules_title');
  });

  await knex.schema.createTable('module_concepts', (t) => {
    t.increments('id');
    t.integer('module_id').notNullable().references('modules.id').onDelete('CASCADE');
    t.text('slug').notNullable();
    t.text('title').notNullable();
    t.integer('sort_order').notNullable().defaultTo(0);
    t.text('explanation').notNullable();
    jsonText(t, 'guiding_questions', false);
    jsonText(t, 'hints', false);
    jsonText(t, 'key_terms', false);
    jsonText(t, 'misconceptions', false);
    t.text('check_question').notNullable();
    jsonText(t, 'check_terms', false);
    t.text('example_prompt').notNullable();
    timestamp(t, 'retired_at', true);
    timestamp(t, 'created_at');
    timestamp(t, 'updated_at');
    t.unique(['module_id', 'slug'], { indexName: 'uq_module_concepts_module_slug' });
    t.check('length(trim(title)) > 0', [], 'ck_module_concepts_title');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('module_concepts');
  await knex.schema.dropTable('modules');
  await knex.schema.dropTable('content_packs');
}
