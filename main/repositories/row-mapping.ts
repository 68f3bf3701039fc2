/**
 * The repository edge: where snake_case rows become domain values. JSON columns are parsed
 * and validated here (a corrupt value fails loudly, naming the column), SQLite's 0/1 become
 * real booleans, and every timestamp is written by application code in one representation.
 */
import type { Knex } from 'knex';
import type { z } from 'zod';
import { classifySqliteError } from '../db/errors.ts';

/** A Knex handle or a transaction: repositories accept either, so services can pass one transaction down. */
export type Db = Knex | Knex.Transaction;

export function nowIso(): string {
  return new Date().toISOString();
}

export function toBool(value: unknown): boolean {
  return value === 1 || value === true || value === '1';
}

export function fromBool(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}

export class CorruptColumnError extends Error {
  override readonly name = 'CorruptColumnError';
  constructor(readonly column: string) {
    super(`Stored value in ${column} is not valid`);
  }
}

export function parseJsonColumn<T>(schema: z.ZodType<T>, text: unknown, column: string): T {
  if (typeof text !== 'string') throw new CorruptColumnError(column);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CorruptColumnError(column);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CorruptColumnError(column);
  return parsed.data;
}

export function parseNullableJsonColumn<T>(schema: z.ZodType<T>, text: unknown, column: string): T | null {
  return text === null || text === undefined ? null : parseJsonColumn(schema, text, column);
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Rethrows SQLite constraint failures as ConstraintError (duplicate, invalid reference, invalid value). */
export async function guardConstraints<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw classifySqliteError(err);
  }
}

/** SQLite rows come back with loosely typed columns; repositories narrow them through these. */
export type Row = Record<string, unknown>;

export function str(row: Row, col: string): string {
  const v = row[col];
  if (typeof v !== 'string') throw new CorruptColumnError(col);
  return v;
}

export function strOrNull(row: Row, col: string): string | null {
  const v = row[col];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw new CorruptColumnError(col);
  return v;
}

export function num(row: Row, col: string): number {
  const v = row[col];
  if (typeof v !== 'number') throw new CorruptColumnError(col);
  return v;
}

export function numOrNull(row: Row, col: string): number | null {
  const v = row[col];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number') throw new CorruptColumnError(col);
  return v;
}

/** Narrows a text column to one of the allowed values (the database enforces the same list). */
export function oneOf<T extends string>(row: Row, col: string, allowed: readonly T[]): T {
  const v = row[col];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) throw new CorruptColumnError(col);
  return v as T;
}

export function oneOfOrNull<T extends string>(row: Row, col: string, allowed: readonly T[]): T | null {
  return row[col] === null || row[col] === undefined ? null : oneOf(row, col, allowed);
}
