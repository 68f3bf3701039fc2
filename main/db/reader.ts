/**
 * A second, read-only connection for the hot read paths (session lookup, message pages,
 * progress, the tutor's memory), with its compiled statements kept.
 *
 * Why not knex: its query builder and pool cost several times what the query itself costs
 * on these point reads (see docs/BENCHMARKS.md). Why a separate connection: SQLite in WAL
 * mode lets readers run beside the writer, and a plain synchronous connection needs no
 * pool round-trip. It only ever sees committed data, so it is used outside transactions;
 * code inside a write transaction reads through that transaction.
 */
import Database from 'better-sqlite3';
import { BUSY_TIMEOUT_MS, cachePreparedStatements } from './connection-settings.ts';

export type Reader = Database.Database;

export function openReader(filename: string, nativeBinding?: string): Reader {
  const reader = new Database(filename, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  reader.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Belt and braces: even a bug cannot write through this connection.
  reader.pragma('query_only = ON');
  cachePreparedStatements(reader);
  return reader;
}
