/**
 * Sign-in sessions. The token lives only in the transport (an HttpOnly cookie, or main's
 * per-window map on the desktop); the database keeps its SHA-256 hash. Sessions slide: each
 * use pushes the expiry out — 30 days in personal use, 30 minutes idle in a classroom.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { UsageMode } from '../../../src/shared/domain.ts';
import type { Db } from '../../repositories/row-mapping.ts';
import { deleteSession, insertSession, touchSession, type SessionRecord } from '../../repositories/sessions.ts';
import { readSessionWithUser, type SessionUser } from '../../repositories/hot-reads.ts';
import type { Reader } from '../../db/reader.ts';

export const SESSION_IDLE_MS: Record<UsageMode, number> = {
  personal: 30 * 24 * 60 * 60_000,
  classroom: 30 * 60_000,
};

/** A session's last-seen time is written at most this often: reads stay reads. */
export const TOUCH_INTERVAL_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Db,
  userId: number,
  mode: UsageMode,
  now: number,
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now + SESSION_IDLE_MS[mode]).toISOString();
  const at = new Date(now).toISOString();
  await insertSession(db, { tokenHash: hashToken(token), userId, createdAt: at, lastSeenAt: at, expiresAt });
  return { token, expiresAt };
}

export interface ResolvedSession {
  session: SessionRecord;
  user: SessionUser;
  /** The expiry moved forward on this call: a transport that stores it (a cookie) must refresh it. */
  extended: boolean;
}

/**
 * Recently confirmed sessions, so that every call does not look its session up again. An
 * entry is trusted for a second (wall time), and the dispatcher forgets them all whenever a
 * call writes — signing out, a password change, a deactivation or a role change therefore
 * take effect on the very next call; a change made by another process (the password-reset
 * command, a second Harv on the same data) within a second.
 */
export class SessionCache {
  private readonly entries = new Map<string, { found: { session: SessionRecord; user: SessionUser }; at: number }>();
  constructor(
    private readonly trustMs = 1000,
    private readonly maxEntries = 5000,
  ) {}

  get(token: string): { session: SessionRecord; user: SessionUser } | null {
    const hit = this.entries.get(token);
    if (!hit) return null;
    if (performance.now() - hit.at > this.trustMs) {
      this.entries.delete(token);
      return null;
    }
    return hit.found;
  }

  /** Moves on every clear: what was read before a clear must not be kept after it. */
  generation = 0;

  set(token: string, found: { session: SessionRecord; user: SessionUser }, readInGeneration = this.generation): void {
    if (readInGeneration !== this.generation) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(token, { found, at: performance.now() });
  }

  clear(): void {
    this.entries.clear();
    this.generation++;
  }
}

/**
 * The live session for a token, or null. An expired session, or one of a deactivated account,
 * ends here. Every call resolves its session, so it is read on the read-only connection.
 */
export async function resolveSession(
  db: Db,
  token: string,
  mode: UsageMode,
  now: number,
  reader: Reader,
  cache: SessionCache,
): Promise<ResolvedSession | null> {
  if (token.length < 20 || token.length > 100) return null;
  // The generation is taken before the read: a sign-out or a deactivation that commits (and
  // clears the cache) while this call is in flight must not have its old row cached after it.
  const generation = cache.generation;
  const cached = cache.get(token);
  const found = cached ?? readSessionWithUser(reader, hashToken(token));
  if (!found) return null;
  const { session, user } = found;
  if (Date.parse(session.expiresAt) <= now || !user.isActive) {
    cache.clear();
    await deleteSession(db, session.id);
    return null;
  }
  if (now - Date.parse(session.lastSeenAt) >= TOUCH_INTERVAL_MS) {
    const lastSeenAt = new Date(now).toISOString();
    const expiresAt = new Date(now + SESSION_IDLE_MS[mode]).toISOString();
    await touchSession(db, session.id, lastSeenAt, expiresAt);
    const touched = { ...session, lastSeenAt, expiresAt };
    cache.set(token, { session: touched, user }, generation);
    return { session: touched, user, extended: true };
  }
  // A hit is not stored again: its trust runs from when it was read, not from each use.
  if (!cached) cache.set(token, found, generation);
  return { session, user, extended: false };
}
