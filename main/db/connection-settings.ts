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
