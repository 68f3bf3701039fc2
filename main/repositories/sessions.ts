/** Repository: sessions. Only a SHA-256 hash of each token is stored. */
import { guardConstraints, num, str, type Db, type Row } from './row-mapping.ts';

export interface SessionRecord {
  id: number;
  tokenHash: string;
  userId: number;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export function mapSession(row: Row): SessionRecord {
  return {
    id: num(row, 'id'),
    tokenHash: str(row, 'token_hash'),
    userId: num(row, 'user_id'),
    createdAt: str(row, 'created_at'),
    expiresAt: str(row, 'expires_at'),
    lastSeenAt: str(row, 'last_seen_at'),
  };
}

export async function insertSession(db: Db, s: Omit<SessionRecord, 'id'>): Promise<SessionRecord> {
  const [row] = await guardConstraints(() =>
    db('sessions')
      .insert({
        token_hash: s.tokenHash,
        user_id: s.userId,
        created_at: s.createdAt,
        expires_at: s.expiresAt,
        last_seen_at: s.lastSeenAt,
      })
      .returning('*'),
  );
  return mapSession(row as Row);
}

export async function touchSession(db: Db, id: number, lastSeenAt: string, expiresAt: string): Promise<void> {
  await db('sessions').where({ id }).update({ last_seen_at: lastSeenAt, expires_at: expiresAt });
}

export async function deleteSession(db: Db, id: number): Promise<void> {
  await db('sessions').where({ id }).delete();
}

export async function deleteSessionsOfUser(db: Db, userId: number): Promise<number> {
  return db('sessions').where({ user_id: userId }).delete();
}

export async function deleteExpiredSessions(db: Db, now: string): Promise<number> {
  return db('sessions').where('expires_at', '<=', now).delete();
}
