/**
 * Hot reads: the queries every screen and every tutor reply runs, as hand-written SQL on the
 * read-only connection with compiled statements kept (main/db/reader.ts). Each returns the
 * same domain types as the knex repositories, through the same row mappers. Use them only
 * outside transactions: the reader sees committed data.
 */
import type { Reader } from '../db/reader.ts';
import type { Concept, ConceptMastery, Conversation, MemorySummary, Message, Module, OnboardingSurvey, UserProgress } from '../../src/shared/domain.ts';
import { mapConcept, mapModule } from './curriculum.ts';
import { mapConversation, mapMessage } from './conversations.ts';
import { mapMastery, mapMemory, mapProgress } from './learning-records.ts';
import { mapSurvey } from './onboarding.ts';
import { mapUser, type UserWithSecret } from './users.ts';
import type { SessionRecord } from './sessions.ts';
import type { Row } from './row-mapping.ts';

const MESSAGE_COLUMNS = 'id, conversation_id, role, content, created_at, response_time_ms, token_count';

export function readSessionWithUser(reader: Reader, tokenHash: string): { session: SessionRecord; user: UserWithSecret } | null {
  const row = reader
    .prepare(
      `SELECT s.id AS s_id, s.token_hash AS s_token_hash, s.user_id AS s_user_id, s.created_at AS s_created_at,
              s.expires_at AS s_expires_at, s.last_seen_at AS s_last_seen_at, u.*
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = ?`,
    )
    .get(tokenHash) as Row | undefined;
  if (!row) return null;
  return {
    session: {
      id: row.s_id as number,
      tokenHash: row.s_token_hash as string,
      userId: row.s_user_id as number,
      createdAt: row.s_created_at as string,
      expiresAt: row.s_expires_at as string,
      lastSeenAt: row.s_last_seen_at as string,
    },
    user: mapUser(row),
  };
}

export function readUser(reader: Reader, id: number): UserWithSecret | null {
  const row = reader.prepare('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
  return row ? mapUser(row) : null;
}

export function readSurvey(reader: Reader, userId: number): OnboardingSurvey | null {
  const row = reader.prepare('SELECT * FROM onboarding_surveys WHERE user_id = ?').get(userId) as Row | undefined;
  return row ? mapSurvey(row) : null;
}

export function readConversation(reader: Reader, id: number): Conversation | null {
  const row = reader.prepare('SELECT * FROM conversations WHERE id = ?').get(id) as Row | undefined;
  return row ? mapConversation(row) : null;
}

export function readEngineStateText(reader: Reader, id: number): string | null {
  const row = reader.prepare('SELECT engine_state FROM conversations WHERE id = ?').get(id) as { engine_state: string | null } | undefined;
  return row?.engine_state ?? null;
}

export function readConversationsOfUser(reader: Reader, userId: number, moduleId?: number): Conversation[] {
  const rows =
    moduleId === undefined
      ? reader.prepare('SELECT * FROM conversations WHERE user_id = ? ORDER BY updated_at DESC, id DESC').all(userId)
      : reader
          .prepare('SELECT * FROM conversations WHERE user_id = ? AND module_id = ? ORDER BY updated_at DESC, id DESC')
          .all(userId, moduleId);
  return (rows as Row[]).map(mapConversation);
}

/** Newest first; `before` is an exclusive message-id cursor. */
export function readMessagesPage(reader: Reader, conversationId: number, page: { before?: number; limit: number }): Message[] {
  const rows =
    page.before === undefined
      ? reader
          .prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?`)
          .all(conversationId, page.limit)
      : reader
          .prepare(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND id < ? ORDER BY id DESC LIMIT ?`)
          .all(conversationId, page.before, page.limit);
  return (rows as Row[]).map(mapMessage);
}

export function readModule(reader: Reader, id: number): Module | null {
  const row = reader.prepare('SELECT * FROM modules WHERE id = ?').get(id) as Row | undefined;
  return row ? mapModule(row) : null;
}

export function readActiveModules(reader: Reader): Module[] {
  return (reader.prepare('SELECT * FROM modules WHERE retired_at IS NULL ORDER BY sort_order, id').all() as Row[]).map(mapModule);
}

export function readConceptCounts(reader: Reader): Map<number, number> {
  const rows = reader
    .prepare('SELECT module_id, COUNT(*) AS n FROM module_concepts WHERE retired_at IS NULL GROUP BY module_id')
    .all() as { module_id: number; n: number }[];
  return new Map(rows.map((r) => [r.module_id, r.n]));
}

/**
 * Parsed concepts per module, kept while the module's concept rows are unchanged. Parsing and
 * validating the answer key's JSON (dozens of phrasings per concept) costs far more than
 * reading it, and every tutor reply needs it. The stamp — count, latest update, the sums of
 * ids, sort orders and content lengths of the active rows — changes with any edit, addition,
 * retirement or reorder, and is one aggregate over a handful of rows.
 */
const conceptCache = new WeakMap<Reader, Map<number, { stamp: string; concepts: Concept[] }>>();

export function readActiveConcepts(reader: Reader, moduleId: number): Concept[] {
  const s = reader
    .prepare(
      `SELECT COUNT(*) AS n, MAX(updated_at) AS u, TOTAL(id) AS ids, TOTAL(sort_order) AS orders,
              TOTAL(length(title) + length(explanation) + length(guiding_questions) + length(hints) + length(key_terms)
                    + length(misconceptions) + length(check_question) + length(check_terms) + length(example_prompt)) AS size
         FROM module_concepts WHERE module_id = ? AND retired_at IS NULL`,
    )
    .get(moduleId) as { n: number; u: string | null; ids: number; orders: number; size: number };
  const stamp = `${s.n}|${s.u ?? ''}|${s.ids}|${s.orders}|${s.size}`;
  let perModule = conceptCache.get(reader);
  if (!perModule) conceptCache.set(reader, (perModule = new Map()));
  const hit = perModule.get(moduleId);
  if (hit && hit.stamp === stamp) return hit.concepts;
  const concepts = (
    reader.prepare('SELECT * FROM module_concepts WHERE module_id = ? AND retired_at IS NULL ORDER BY sort_order, id').all(moduleId) as Row[]
  ).map(mapConcept);
  perModule.set(moduleId, { stamp, concepts });
  return concepts;
}

/** A learner's mastery rows for one module's concepts (one indexed join, not an IN list). */
export function readMasteryInModule(reader: Reader, userId: number, moduleId: number): ConceptMastery[] {
  return (
    reader
      .prepare(
        `SELECT cm.* FROM concept_mastery cm JOIN module_concepts mc ON mc.id = cm.concept_id
          WHERE cm.user_id = ? AND mc.module_id = ?`,
      )
      .all(userId, moduleId) as Row[]
  ).map(mapMastery);
}

export function readProgress(reader: Reader, userId: number, moduleId: number): UserProgress | null {
  const row = reader.prepare('SELECT * FROM user_progress WHERE user_id = ? AND module_id = ?').get(userId, moduleId) as Row | undefined;
  return row ? mapProgress(row) : null;
}

export function readProgressOfUser(reader: Reader, userId: number): UserProgress[] {
  return (reader.prepare('SELECT * FROM user_progress WHERE user_id = ? ORDER BY module_id').all(userId) as Row[]).map(mapProgress);
}

export function readMasteredCountByModule(reader: Reader, userId: number): Map<number, number> {
  const rows = reader
    .prepare(
      `SELECT mc.module_id AS module_id, COUNT(*) AS n
         FROM concept_mastery cm JOIN module_concepts mc ON mc.id = cm.concept_id
        WHERE cm.user_id = ? AND cm.mastered_at IS NOT NULL AND mc.retired_at IS NULL
        GROUP BY mc.module_id`,
    )
    .all(userId) as { module_id: number; n: number }[];
  return new Map(rows.map((r) => [r.module_id, r.n]));
}

/** Learner messages per UTC day since `since`. */
export function readActivity(reader: Reader, userId: number, since: string): { date: string; messages: number }[] {
  return reader
    .prepare(
      `SELECT substr(m.created_at, 1, 10) AS date, COUNT(*) AS messages
         FROM conversations c JOIN messages m ON m.conversation_id = c.id
        WHERE c.user_id = ? AND m.role = 'user' AND m.created_at >= ?
        GROUP BY date ORDER BY date`,
    )
    .all(userId, since) as { date: string; messages: number }[];
}

export function readRecentMessages(reader: Reader, conversationId: number, limit: number): Message[] {
  return readMessagesPage(reader, conversationId, { limit }).reverse();
}

/** Summaries of other modules, most recent first, with their module's slug and title. */
export function readPriorSummaries(
  reader: Reader,
  userId: number,
  excludeModuleId: number,
  limit: number,
): (MemorySummary & { moduleSlug: string; moduleTitle: string })[] {
  const rows = reader
    .prepare(
      `SELECT s.*, m.slug AS module_slug, m.title AS module_title
         FROM memory_summaries s JOIN modules m ON m.id = s.module_id
        WHERE s.user_id = ? AND s.module_id <> ?
        ORDER BY s.updated_at DESC, s.id DESC LIMIT ?`,
    )
    .all(userId, excludeModuleId, limit) as Row[];
  return rows.map((r) => ({ ...mapMemory(r), moduleSlug: r.module_slug as string, moduleTitle: r.module_title as string }));
}

/** Share of all active concepts the learner has mastered, 0–100. */
export function readOverallCompletion(reader: Reader, userId: number): number {
  const row = reader
    .prepare(
      `SELECT
         (SELECT COUNT(*) FROM module_concepts mc JOIN modules m ON m.id = mc.module_id
           WHERE mc.retired_at IS NULL AND m.retired_at IS NULL) AS total,
         (SELECT COUNT(*) FROM concept_mastery cm JOIN module_concepts mc ON mc.id = cm.concept_id
           WHERE cm.user_id = ? AND cm.mastered_at IS NOT NULL AND mc.retired_at IS NULL) AS mastered`,
    )
    .get(userId) as { total: number; mastered: number };
  return row.total === 0 ? 0 : Math.round((row.mastered / row.total) * 1000) / 10;
}
