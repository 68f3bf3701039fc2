/** Repository: conversations and messages. */
import { z } from 'zod';
import {
  conversationStatusSchema,
  messageRoleSchema,
  type Conversation,
  type Message,
} from '../../src/shared/domain.ts';
import {
  guardConstraints,
  nowIso,
  num,
  numOrNull,
  oneOf,
  parseNullableJsonColumn,
  str,
  strOrNull,
  toJson,
  type Db,
  type Row,
} from './row-mapping.ts';

export function mapConversation(row: Row): Conversation {
  return {
    id: num(row, 'id'),
    userId: num(row, 'user_id'),
    moduleId: num(row, 'module_id'),
    title: str(row, 'title'),
    status: oneOf(row, 'status', conversationStatusSchema.options),
    rollingSummary: strOrNull(row, 'rolling_summary'),
    createdAt: str(row, 'created_at'),
    updatedAt: str(row, 'updated_at'),
    finalizedAt: strOrNull(row, 'finalized_at'),
  };
}

export async function insertConversation(
  db: Db,
  c: { userId: number; moduleId: number; title: string; engineState?: Record<string, unknown> | null },
): Promise<Conversation> {
  const now = nowIso();
  const [row] = await guardConstraints(() =>
    db('conversations')
      .insert({
        user_id: c.userId,
        module_id: c.moduleId,
        title: c.title,
        status: 'active',
        engine_state: c.engineState ? toJson(c.engineState) : null,
        created_at: now,
        updated_at: now,
      })
      .returning('*'),
  );
  return mapConversation(row as Row);
}

export async function findConversationById(db: Db, id: number): Promise<Conversation | null> {
  const row = (await db('conversations').where({ id }).first()) as Row | undefined;
  return row ? mapConversation(row) : null;
}

export async function listConversations(
  db: Db,
  filter: { userId: number; moduleId?: number },
): Promise<Conversation[]> {
  const q = db('conversations').where({ user_id: filter.userId }).orderBy('updated_at', 'desc').orderBy('id', 'desc');
  if (filter.moduleId !== undefined) q.where({ module_id: filter.moduleId });
  return ((await q) as Row[]).map(mapConversation);
}

export interface ConversationPatch {
  title?: string;
  status?: 'active' | 'finalized';
  rollingSummary?: string | null;
  engineState?: Record<string, unknown> | null;
  finalizedAt?: string | null;
}

export async function updateConversation(db: Db, id: number, patch: ConversationPatch): Promise<Conversation | null> {
  const values: Row = { updated_at: nowIso() };
  if (patch.title !== undefined) values.title = patch.title;
  if (patch.status !== undefined) values.status = patch.status;
  if (patch.rollingSummary !== undefined) values.rolling_summary = patch.rollingSummary;
  if (patch.engineState !== undefined) values.engine_state = patch.engineState ? toJson(patch.engineState) : null;
  if (patch.finalizedAt !== undefined) values.finalized_at = patch.finalizedAt;
  const rows = await guardConstraints(() => db('conversations').where({ id }).update(values).returning('*'));
  const row = rows[0] as Row | undefined;
  return row ? mapConversation(row) : null;
}

export async function markMemoryForgotten(db: Db, id: number, at: string): Promise<void> {
  await db('conversations').where({ id }).update({ memory_forgotten_at: at });
}

export async function deleteConversation(db: Db, id: number): Promise<boolean> {
  return (await db('conversations').where({ id }).delete()) > 0;
}

// ── messages ───────────────────────────────────────────────────────────────────────────
export function mapMessage(row: Row): Message {
  return {
    id: num(row, 'id'),
    conversationId: num(row, 'conversation_id'),
    role: oneOf(row, 'role', messageRoleSchema.options),
    content: str(row, 'content'),
    createdAt: str(row, 'created_at'),
    responseTimeMs: numOrNull(row, 'response_time_ms'),
    tokenCount: numOrNull(row, 'token_count'),
  };
}

const anyJson = z.unknown();

/** What a Message is read from: the JSON records (memory_context, socratic_analysis) are large and read only on request. */
export const MESSAGE_COLUMNS: readonly string[] = ['id', 'conversation_id', 'role', 'content', 'created_at', 'response_time_ms', 'token_count'];

export interface NewMessage {
  conversationId: number;
  role: 'user' | 'assistant' | 'system';
  content: string;
  responseTimeMs?: number | null;
  tokenCount?: number | null;
  memoryContext?: unknown;
  socraticAnalysis?: unknown;
  createdAt?: string;
}

/** A new message as the row to insert; the knex insert and the reply path's kept statement both write this. */
export function messageRow(m: NewMessage): Row {
  return {
    conversation_id: m.conversationId,
    role: m.role,
    content: m.content,
    created_at: m.createdAt ?? nowIso(),
    response_time_ms: m.responseTimeMs ?? null,
    token_count: m.tokenCount ?? null,
    memory_context: m.memoryContext === undefined ? null : toJson(m.memoryContext),
    socratic_analysis: m.socraticAnalysis === undefined ? null : toJson(m.socraticAnalysis),
  };
}

export async function insertMessage(db: Db, m: NewMessage): Promise<Message> {
  const [row] = await guardConstraints(() => db('messages').insert(messageRow(m)).returning(MESSAGE_COLUMNS));
  return mapMessage(row as Row);
}

/** Newest first; `before` is a message id (the cursor), exclusive. */
export async function listMessages(
  db: Db,
  conversationId: number,
  page: { before?: number; limit: number },
): Promise<Message[]> {
  const q = db('messages')
    .select(MESSAGE_COLUMNS)
    .where({ conversation_id: conversationId })
    .orderBy('id', 'desc')
    .limit(page.limit);
  if (page.before !== undefined) q.where('id', '<', page.before);
  return ((await q) as Row[]).map(mapMessage);
}

/** Every message of every conversation of a user, oldest first within each conversation (exports). */
export async function listMessagesOfUser(db: Db, userId: number): Promise<Message[]> {
  const rows = (await db('messages')
    .join('conversations', 'conversations.id', 'messages.conversation_id')
    .where('conversations.user_id', userId)
    .orderBy('messages.conversation_id')
    .orderBy('messages.id')
    .select(MESSAGE_COLUMNS.map((c) => `messages.${c}`))) as Row[];
  return rows.map(mapMessage);
}

export async function findMessageRecord(
  db: Db,
  id: number,
): Promise<{ message: Message; memoryContext: unknown; socraticAnalysis: unknown } | null> {
  const row = (await db('messages').where({ id }).first()) as Row | undefined;
  if (!row) return null;
  const parse = (col: string) => parseNullableJsonColumn(anyJson, row[col], `messages.${col}`);
  return { message: mapMessage(row), memoryContext: parse('memory_context'), socraticAnalysis: parse('socratic_analysis') };
}

