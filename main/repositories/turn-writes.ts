/**
 * The writes of one tutor turn as hand-written SQL with kept statements, run on the
 * transaction's own connection. A reply writes a message, the conversation's state, a
 * mastery row and the progress row; through knex's builder those cost several times the
 * writes themselves (docs/BENCHMARKS.md). Only ever called inside a transaction.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Knex } from 'knex';
import type { Conversation, MemorySummary, Message, UserProgress } from '../../src/shared/domain.ts';
import { classifySqliteError } from '../db/errors.ts';
import { MESSAGE_COLUMNS, mapConversation, mapMessage, messageRow, type NewMessage } from './conversations.ts';
import { mapMemory, mapProgress, memoryColumns, type MemoryContent } from './learning-records.ts';
import { toJson, type Row } from './row-mapping.ts';
import type { ConceptStanding } from './hot-reads.ts';

export type Connection = BetterSqlite3.Database;

/** The connection a knex transaction runs on (knex hands a transaction its own connection back). */
export async function transactionConnection(trx: Knex.Transaction): Promise<Connection> {
  return (await trx.client.acquireConnection()) as Connection;
}

/**
 * Runs synchronous `work` directly on knex's connection (SQLite has one writer; knex's pool
 * holds that one connection), checked out of the pool so that no other query can interleave,
 * and returned to it after. No transaction of its own: see writeTransaction for writes.
 *
 * Reads right after a write belong here too. SQLite starts a connection's page cache afresh
 * whenever another connection has committed, so the read-only connection reads cold after
 * every write, while the writer's cache survives its own commits (docs/BENCHMARKS.md).
 */
export async function onWriterConnection<T>(knex: Knex, work: (conn: Connection) => T): Promise<T> {
  const conn = (await knex.client.acquireConnection()) as Connection;
  try {
    return work(conn);
  } finally {
    await knex.client.releaseConnection(conn);
  }
}

/**
 * Runs `work` in one transaction directly on knex's connection: BEGIN IMMEDIATE/COMMIT by
 * better-sqlite3 itself. A knex transaction costs a few hundred microseconds of bookkeeping on
 * top of the same writes; the tutor's reply path pays it twice per message. `work` is
 * synchronous: nothing can slip between its statements.
 */
export async function writeTransaction<T>(knex: Knex, work: (conn: Connection) => T): Promise<T> {
  return onWriterConnection(knex, (conn) => inTransaction(conn, work));
}

/** `work` in one BEGIN IMMEDIATE … COMMIT on a connection already checked out. */
export function inTransaction<T>(conn: Connection, work: (conn: Connection) => T): T {
  return conn.transaction(() => work(conn)).immediate();
}

function guard<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw classifySqliteError(err);
  }
}

export function insertMessageOn(conn: Connection, m: NewMessage & { createdAt: string }): Message {
  const row = guard(
    () =>
      conn
        .prepare(
          `INSERT INTO messages (conversation_id, role, content, created_at, response_time_ms, token_count, memory_context, socratic_analysis)
           VALUES (@conversation_id, @role, @content, @created_at, @response_time_ms, @token_count, @memory_context, @socratic_analysis)
           RETURNING ${MESSAGE_COLUMNS.join(', ')}`,
        )
        .get(messageRow(m)) as Row,
  );
  return mapMessage(row);
}

export function saveTurnStateOn(
  conn: Connection,
  conversationId: number,
  v: { engineState: unknown; rollingSummary?: string; updatedAt: string },
): void {
  guard(() =>
    v.rollingSummary === undefined
      ? conn.prepare('UPDATE conversations SET engine_state = ?, updated_at = ? WHERE id = ?').run(toJson(v.engineState), v.updatedAt, conversationId)
      : conn
          .prepare('UPDATE conversations SET engine_state = ?, rolling_summary = ?, updated_at = ? WHERE id = ?')
          .run(toJson(v.engineState), v.rollingSummary, v.updatedAt, conversationId),
  );
}

/** One piece of evidence for a concept, appended to its list by recordEvidenceOn. */
export interface EvidenceEntry {
  messageId: number;
  terms: string[];
  checkPassed: boolean;
}

/** Evidence kept per concept: the latest entries are what a teacher needs to see. */
export const MAX_EVIDENCE = 20;

/**
 * Applies one turn's evidence to a concept's mastery row in one statement: attempts and hints
 * add up, mastery only rises (capped at 0.9 until mastered, 1 once mastered), the first
 * mastery time sticks, and the entry joins the evidence list, oldest dropped past MAX_EVIDENCE.
 */
export function recordEvidenceOn(
  conn: Connection,
  e: {
    userId: number;
    conceptId: number;
    /** What this turn's words show, 0–0.9; ignored once mastered. */
    mastery: number;
    masteredAt: string | null;
    attempts: number;
    hintsUsed: number;
    entry: EvidenceEntry | null;
    at: string;
  },
): void {
  guard(() =>
    conn
      .prepare(
        `INSERT INTO concept_mastery (user_id, concept_id, mastery, attempts, hints_used, evidence, mastered_at, updated_at)
         VALUES (@userId, @conceptId, CASE WHEN @masteredAt IS NOT NULL THEN 1 ELSE MIN(0.9, @mastery) END, @attempts, @hintsUsed,
                 CASE WHEN @entry IS NULL THEN '[]' ELSE json_array(json(@entry)) END, @masteredAt, @at)
         ON CONFLICT (user_id, concept_id) DO UPDATE SET
           mastery = CASE WHEN COALESCE(concept_mastery.mastered_at, excluded.mastered_at) IS NOT NULL THEN 1
                          ELSE MIN(0.9, MAX(concept_mastery.mastery, excluded.mastery)) END,
           attempts = concept_mastery.attempts + excluded.attempts,
           hints_used = concept_mastery.hints_used + excluded.hints_used,
           evidence = CASE
             WHEN @entry IS NULL THEN concept_mastery.evidence
             WHEN json_array_length(concept_mastery.evidence) >= ${MAX_EVIDENCE}
               THEN json_insert(json_remove(concept_mastery.evidence, '$[0]'), '$[#]', json(@entry))
             ELSE json_insert(concept_mastery.evidence, '$[#]', json(@entry)) END,
           mastered_at = COALESCE(concept_mastery.mastered_at, excluded.mastered_at),
           updated_at = excluded.updated_at`,
      )
      .run({ ...e, entry: e.entry === null ? null : toJson(e.entry) }),
  );
}

/**
 * Where a learner stands on each of a module's live concepts, as a turn leaves it: one row per
 * live concept, the learner's standing where they have one. The reply transaction reads it
 * to recount completion, and hands it on to the next reply (LearnerMemoryCache).
 */
export function standingInModuleOn(conn: Connection, userId: number, moduleId: number): { liveConcepts: number; standing: ConceptStanding[] } {
  const rows = conn
    .prepare(
      `SELECT mc.id, cm.mastery, cm.mastered_at, cm.attempts, cm.hints_used
         FROM module_concepts mc
         LEFT JOIN concept_mastery cm ON cm.concept_id = mc.id AND cm.user_id = ?
        WHERE mc.module_id = ? AND mc.retired_at IS NULL`,
    )
    .raw()
    .all(userId, moduleId) as [number, number | null, string | null, number | null, number | null][];
  const standing: ConceptStanding[] = [];
  for (const [conceptId, mastery, masteredAt, attempts, hintsUsed] of rows) {
    if (mastery === null) continue;
    standing.push({ conceptId, mastery, masteredAt, attempts: attempts ?? 0, hintsUsed: hintsUsed ?? 0 });
  }
  return { liveConcepts: rows.length, standing };
}

/**
 * Applies one turn to a module's progress row in one statement: completion and level as the
 * caller computed them, counters added to, the completion date kept from the first time, the
 * focus kept unless a new one is given. Returns the row as it now stands.
 *
 * The caller counts mastery first (standingInModuleOn, same transaction). One INSERT … SELECT
 * doing both measured ~230 µs a turn; the count and a VALUES upsert take ~35 µs together.
 */
export function recordProgressOn(
  conn: Connection,
  p: {
    userId: number;
    moduleId: number;
    completionPercentage: number;
    masteryLevel: UserProgress['masteryLevel'];
    isCompleted: boolean;
    timeSpentSeconds: number;
    conversations: number;
    messages: number;
    questions: number;
    hints: number;
    currentFocus: string | null;
    at: string;
  },
): UserProgress {
  const row = guard(
    () =>
      conn
        .prepare(
          `INSERT INTO user_progress (user_id, module_id, completion_percentage, mastery_level, is_completed, completion_date,
             time_spent_seconds, total_conversations, total_messages, questions_asked, hints_used, current_focus,
             last_activity_at, created_at, updated_at)
           VALUES (@userId, @moduleId, @completionPercentage, @masteryLevel, @isCompleted, CASE WHEN @isCompleted = 1 THEN @at END,
                   @timeSpentSeconds, @conversations, @messages, @questions, @hints, @currentFocus, @at, @at, @at)
           ON CONFLICT (user_id, module_id) DO UPDATE SET
             completion_percentage = excluded.completion_percentage,
             mastery_level = excluded.mastery_level,
             is_completed = excluded.is_completed,
             completion_date = CASE WHEN excluded.is_completed = 1
                                    THEN COALESCE(user_progress.completion_date, excluded.completion_date) END,
             time_spent_seconds = user_progress.time_spent_seconds + excluded.time_spent_seconds,
             total_conversations = user_progress.total_conversations + excluded.total_conversations,
             total_messages = user_progress.total_messages + excluded.total_messages,
             questions_asked = user_progress.questions_asked + excluded.questions_asked,
             hints_used = user_progress.hints_used + excluded.hints_used,
             current_focus = COALESCE(excluded.current_focus, user_progress.current_focus),
             last_activity_at = excluded.last_activity_at,
             updated_at = excluded.updated_at
           RETURNING *`,
        )
        .get({ ...p, isCompleted: p.isCompleted ? 1 : 0 }) as Row,
  );
  return mapProgress(row);
}

/** The summary the tutor keeps current for one conversation, if it wrote one. */
export function findTutorMemoryOn(conn: Connection, conversationId: number): MemorySummary | null {
  const row = conn
    .prepare("SELECT * FROM memory_summaries WHERE conversation_id = ? AND source = 'tutor' ORDER BY id DESC LIMIT 1")
    .get(conversationId) as Row | undefined;
  return row ? mapMemory(row) : null;
}

/**
 * Where the tutor's summary of a conversation stands: the summary it keeps current (if any),
 * and whether the learner has had the last word — once they corrected its summary (source
 * 'learner') or deleted it (memory_forgotten_at), the tutor writes no new summary from it.
 * One statement: the reply transaction asks this every few turns.
 */
export function tutorSummaryStandingOn(conn: Connection, conversationId: number): { tutorSummaryId: number | null; learnerDecided: boolean } {
  const row = conn
    .prepare(
      `SELECT (SELECT id FROM memory_summaries WHERE conversation_id = @id AND source = 'tutor' ORDER BY id DESC LIMIT 1) AS tutor_summary_id,
              (SELECT memory_forgotten_at FROM conversations WHERE id = @id) AS forgotten,
              EXISTS (SELECT 1 FROM memory_summaries WHERE conversation_id = @id AND source = 'learner') AS corrected`,
    )
    .get({ id: conversationId }) as { tutor_summary_id: number | null; forgotten: string | null; corrected: number };
  return { tutorSummaryId: row.tutor_summary_id, learnerDecided: row.forgotten !== null || row.corrected === 1 };
}

export function writeMemoryOn(
  conn: Connection,
  m: MemoryContent & { id?: number; userId: number; moduleId: number; conversationId: number; at: string },
): void {
  const content = memoryColumns(m);
  guard(() => {
    if (m.id !== undefined) {
      conn
        .prepare(
          `UPDATE memory_summaries SET what_learned = @what_learned, how_learned = @how_learned, key_concepts = @key_concepts,
             understanding_level = @understanding_level, learning_insights = @learning_insights,
             teaching_effectiveness = @teaching_effectiveness, updated_at = @at WHERE id = @id`,
        )
        .run({ ...content, at: m.at, id: m.id });
    } else {
      conn
        .prepare(
          `INSERT INTO memory_summaries (user_id, module_id, conversation_id, what_learned, how_learned, key_concepts,
             understanding_level, learning_insights, teaching_effectiveness, source, created_at, updated_at)
           VALUES (@user_id, @module_id, @conversation_id, @what_learned, @how_learned, @key_concepts,
             @understanding_level, @learning_insights, @teaching_effectiveness, 'tutor', @at, @at)`,
        )
        .run({ ...content, user_id: m.userId, module_id: m.moduleId, conversation_id: m.conversationId, at: m.at });
    }
  });
}

export function finalizeConversationOn(conn: Connection, conversationId: number, engineState: unknown, at: string): Conversation {
  const row = guard(
    () =>
      conn
        .prepare(
          `UPDATE conversations SET status = 'finalized', finalized_at = ?, engine_state = ?, updated_at = ? WHERE id = ? RETURNING *`,
        )
        .get(at, toJson(engineState), at, conversationId) as Row,
  );
  return mapConversation(row);
}
