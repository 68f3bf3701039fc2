/**
 * Settings every new SQLite connection gets. SQLite keeps these per connection, not per
 * database file (STYLE.md: "treating per-connection settings as per-database" is a classic
 * regret), so they are applied from the pool's afterCreate hook for every connection.
 */
import type BetterSqlite3 from 'better-sqlite3';

/** Milliseconds a writer waits for another writer (the HTTP server and a CLI, say) before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

export function applyConnectionSettings(conn: BetterSqlite3.Database): void {
  // better-sqlite3's bundled build turns this on by default; stock SQLite does not. Never rely on it.
  conn.pragma('foreign_keys = ON');
  // WAL: readers never block the writer, and a commit is one append.
  conn.pragma('journal_mode = WAL');
  // FULL, not NORMAL: classrooms lose power, and nothing acknowledged may be lost (DESIGN.md §7).
  conn.pragma('synchronous = FULL');
  conn.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/** Distinct SQL texts kept compiled per connection. */
export const STATEMENT_CACHE_SIZE = 400;

/**
 * Keeps compiled statements per connection. Knex prepares every query afresh, and compiling
 * costs far more than running a point query (measured with `npm run bench`: ~160 µs to
 * prepare against ~5 µs to run). Statements are reusable in better-sqlite3 — knex runs each
 * one to completion with all()/run(), never leaving one mid-iteration — so the same SQL text
 * can share one compiled statement. Least recently used texts are dropped past the limit.
 */
export function cachePreparedStatements(conn: BetterSqlite3.Database, max = STATEMENT_CACHE_SIZE): void {
  const prepare = conn.prepare.bind(conn);
  const cache = new Map<string, BetterSqlite3.Statement>();
  conn.prepare = ((sql: string) => {
    const hit = cache.get(sql);
    if (hit) {
      cache.delete(sql);
      cache.set(sql, hit);
      return hit;
    }
    const statement = prepare(sql);
    cache.set(sql, statement);
    if (cache.size > max) cache.delete(cache.keys().next().value as string);
    return statement;
  }) as typeof conn.prepare;
}
