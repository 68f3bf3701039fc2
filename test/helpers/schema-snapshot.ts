/** A comparable picture of a SQLite schema: tables, columns, indexes and foreign keys. */
import type { Knex } from 'knex';

export interface SchemaSnapshot {
  [table: string]: { columns: unknown[]; indexes: unknown[]; foreignKeys: unknown[]; sql: string };
}

export async function snapshotSchema(knex: Knex): Promise<SchemaSnapshot> {
  const tables = (await knex.raw(
    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'knex_%' ORDER BY name",
  )) as { name: string; sql: string }[];
  const snap: SchemaSnapshot = {};
  for (const { name, sql } of tables) {
    const columns = (await knex.raw(`PRAGMA table_xinfo(${JSON.stringify(name)})`)) as unknown[];
    const indexList = (await knex.raw(`PRAGMA index_list(${JSON.stringify(name)})`)) as { name: string; unique: number }[];
    const indexes: unknown[] = [];
    for (const idx of [...indexList].sort((a, b) => a.name.localeCompare(b.name))) {
      const cols = (await knex.raw(`PRAGMA index_info(${JSON.stringify(idx.name)})`)) as { name: string }[];
      indexes.push({ name: idx.name, unique: idx.unique, columns: cols.map((c) => c.name) });
    }
    const foreignKeys = (await knex.raw(`PRAGMA foreign_key_list(${JSON.stringify(name)})`)) as unknown[];
    snap[name] = { columns, indexes, foreignKeys, sql };
  }
  return snap;
}
