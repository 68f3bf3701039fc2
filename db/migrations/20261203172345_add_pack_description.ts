/**
 * Packs keep their description, so exporting a pack gives back exactly what was imported.
 * Existing packs get an empty description; nothing else changes.
 */
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('content_packs', (t) => {
    t.text('description').notNullable().defaultTo('');
  });
}

export async function down(knex: Knex): Promise<void> {
  // SQLite's own DROP COLUMN (3.35+) restores the table exactly; knex's dropColumn would
  // rebuild it with a rewritten CREATE statement.
  await knex.raw('ALTER TABLE content_packs DROP COLUMN description');
}
