/**
 * Row-level authorization. A learner reaches only their own rows; a teacher also reads
 * learners' learning data; an admin reads everyone's. Writes to learning data are the
 * owner's alone. Asking for a row you may not see answers NOT_FOUND — never the row, and
 * never a hint that it exists.
 */
import type { Conversation, MemorySummary } from '../../src/shared/domain.ts';
import { findConversationById } from '../repositories/conversations.ts';
import { findMemoryById } from '../repositories/learning-records.ts';
import { findUserById, type UserWithSecret } from '../repositories/users.ts';
import { readConversation, readConversationForTurn } from '../repositories/hot-reads.ts';
import type { Reader } from '../db/reader.ts';
import type { Db } from '../repositories/row-mapping.ts';
import { requireUser, type HandlerContext, type SignedInUser } from './dispatcher.ts';
import { notFound } from './handler-error.ts';

export type AccessMode = 'read' | 'write';

/**
 * Whether an account is one of the class: a learner, or an admin who learns (in personal use
 * the one admin is the learner). Teachers see the class; the class grid lists the same set.
 */
export async function isInClass(db: Db, owner: Pick<UserWithSecret, 'id' | 'role'>): Promise<boolean> {
  if (owner.role === 'learner') return true;
  if (owner.role !== 'admin') return false;
  return (await db('user_progress').where({ user_id: owner.id }).first('id')) !== undefined;
}

async function mayRead(db: Db, viewer: SignedInUser, owner: Pick<UserWithSecret, 'id' | 'role'>): Promise<boolean> {
  if (viewer.id === owner.id) return true;
  if (viewer.role === 'admin') return true;
  return viewer.role === 'teacher' && (await isInClass(db, owner));
}

async function ownerMayBeSeen(db: Db, viewer: SignedInUser, ownerId: number, mode: AccessMode): Promise<boolean> {
  if (viewer.id === ownerId) return true;
  if (mode === 'write') return false;
  const owner = await findUserById(db, ownerId);
  return owner !== null && (await mayRead(db, viewer, owner));
}

/** The user whose learning data a read is about: the caller, or (for staff) the learner they named. */
export async function subjectUserId(ctx: HandlerContext, requested: number | undefined): Promise<number> {
  const me = requireUser(ctx);
  if (requested === undefined || requested === me.id) return me.id;
  if (!(await ownerMayBeSeen(ctx.db, me, requested, 'read'))) throw notFound('That learner');
  return requested;
}

/**
 * `what` names the row the caller asked for: reached through one of its messages, a hidden
 * conversation must answer as a missing message does, or the reply would tell the two apart.
 */
export async function conversationFor(ctx: HandlerContext, id: number, mode: AccessMode, what = 'That conversation'): Promise<Conversation> {
  const me = requireUser(ctx);
  const conversation = ctx.inTransaction ? await findConversationById(ctx.db, id) : readConversation(ctx.reader, id);
  if (!conversation || !(await ownerMayBeSeen(ctx.db, me, conversation.userId, mode))) throw notFound(what);
  return conversation;
}

/**
 * The caller's own conversation and its engine state, read synchronously on the connection
 * given (a reply reads it on the writer's, in the same checkout as the learner's message).
 * The rule of conversationFor(…, 'write'): learning data is written by its owner alone.
 */
export function ownConversationForTurn(conn: Reader, me: SignedInUser, id: number): { conversation: Conversation; engineStateText: string | null } {
  const found = readConversationForTurn(conn, id);
  if (!found || found.conversation.userId !== me.id) throw notFound('That conversation');
  return found;
}

export async function memoryFor(ctx: HandlerContext, id: number, mode: AccessMode): Promise<MemorySummary> {
  const me = requireUser(ctx);
  const summary = await findMemoryById(ctx.db, id);
  if (!summary || !(await ownerMayBeSeen(ctx.db, me, summary.userId, mode))) throw notFound('That memory');
  return summary;
}
