/**
 * Accounts: users, their onboarding survey, sign-in sessions and app-wide settings.
 *
 * Migrations are frozen history: they import nothing from the app, so a later refactor of
 * app code can never change what an old migration does.
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
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    // NOCASE: one account per email, compared case-insensitively by the database itself.
    t.specificType('email', 'TEXT COLLATE NOCASE').notNullable();
    t.text('hashed_password').notNullable();
    t.text('name').notNullable();
    jsonText(t, 'onboarding_data');
    flag(t, 'is_active', true);
    t.enu('role', ['learner', 'teacher', 'admin']).notNullable().defaultTo('learner');
    t.integer('failed_login_count').notNullable().defaultTo(0);
    t.check('failed_login_count >= 0', [], 'ck_failed_login_count');
    timestamp(t, 'locked_until', true);
    timestamp(t, 'last_login_at', true);
    timestamp(t, 'created_at');
    timestamp(t, 'updated_at');
    t.check("length(trim(email)) > 0 AND instr(email, '@') > 1", [], 'ck_users_email');
    t.check('length(trim(name)) > 0', [], 'ck_users_name');
  });
  await knex.schema.raw('CREATE UNIQUE INDEX idx_users_email ON users (email)');

  await knex.schema.createTable('onboarding_surveys', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().unique('uq_onboarding_surveys_user').references('users.id').onDelete('CASCADE');
    t.enu('learning_style', ['visual', 'auditory', 'kinesthetic', 'reading']).nullable();
    jsonText(t, 'prior_experience');
    t.text('goals').nullable();
    t.enu('preferred_pace', ['slow', 'medium', 'fast']).nullable();
    t.enu('interaction_preference', ['questions', 'examples', 'practice']).nullable();
    t.text('background_info').nullable();
    t.enu('motivation_level', ['low', 'medium', 'high']).nullable();
    t.enu('time_availability', ['under_1h', '1_3h', '3_5h', 'over_5h']).nullable();
    t.text('reason').nullable();
    t.enu('familiarity', ['none', 'beginner', 'intermediate', 'advanced']).nullable();
    t.text('age_or_grade').nullable();
    t.text('learning_notes').nullable();
    timestamp(t, 'completed_at', true);
    timestamp(t, 'created_at');
    timestamp(t, 'updated_at');
  });

  await knex.schema.createTable('sessions', (t) => {
    t.increments('id');
    // Only a hash of the token is stored: a copied database file signs nobody in.
    t.text('token_hash').notNullable().unique('uq_sessions_token_hash');
    t.integer('user_id').notNullable().references('users.id').onDelete('CASCADE');
    timestamp(t, 'created_at');
    timestamp(t, 'expires_at');
    timestamp(t, 'last_seen_at');
    t.index(['user_id'], 'idx_sessions_user');
  });

  await knex.schema.createTable('app_settings', (t) => {
    t.text('key').primary();
    jsonText(t, 'value', false);
    timestamp(t, 'updated_at');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('app_settings');
  await knex.schema.dropTable('sessions');
  await knex.schema.dropTable('onboarding_surveys');
  await knex.schema.dropTable('users');
}
