/**
 * Typed failures of the database layer. Repositories and the database opener throw these;
 * the dispatcher maps them to contract error codes, so SQL text never reaches a user.
 */

export type DatabaseOpenFailure =
  /** The file was written by a newer Harv: it records migrations this version doesn't have. */
  | 'DB_NEWER_VERSION'
  /** The file's migration history differs from this app's (renamed, missing or reordered). */
  | 'DB_HISTORY_MISMATCH'
  /** The file is not a readable SQLite database. */
  | 'DB_DAMAGED';

export class DatabaseOpenError extends Error {
  override readonly name = 'DatabaseOpenError';
  constructor(
    readonly reason: DatabaseOpenFailure,
    message: string,
    readonly details: { unknownMigrations?: string[]; expected?: string[]; recorded?: string[] } = {},
  ) {
    super(message);
  }
}

export type ConstraintKind =
  /** A unique rule: the row already exists (email taken, second survey, duplicate slug). */
  | 'duplicate'
  /** A foreign key: the row points at a parent that does not exist. */
  | 'invalid_reference'
  /** A CHECK or NOT NULL rule: a value outside what the column allows. */
  | 'invalid_value';

export class ConstraintError extends Error {
  override readonly name = 'ConstraintError';
  constructor(
    readonly kind: ConstraintKind,
    message: string,
    /** The table.column or constraint name SQLite named, for the dispatcher's field mapping. */
    readonly target: string | null,
  ) {
    super(message);
  }
}

interface SqliteError {
  code?: unknown;
  message?: unknown;
}

/**
 * Turns a better-sqlite3 constraint failure into a ConstraintError; anything else is returned
 * unchanged. better-sqlite3 reports SQLite's extended result codes as `err.code`.
 */
export function classifySqliteError(err: unknown): unknown {
  const e = err as SqliteError;
  if (typeof e?.code !== 'string' || typeof e.message !== 'string') return err;
  const msg = e.message;
  const after = (prefix: string) => {
    const i = msg.indexOf(prefix);
    return i >= 0 ? msg.slice(i + prefix.length).trim() : null;
  };
  switch (e.code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY':
      return new ConstraintError('duplicate', 'That already exists.', after('failed:'));
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return new ConstraintError('invalid_reference', 'That refers to something that does not exist.', null);
    case 'SQLITE_CONSTRAINT_CHECK':
      return new ConstraintError('invalid_value', 'A value is not allowed.', after('failed:'));
    case 'SQLITE_CONSTRAINT_NOTNULL':
      return new ConstraintError('invalid_value', 'A required value is missing.', after('failed:'));
    default:
      return err;
  }
}

