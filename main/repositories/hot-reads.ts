/**
 * Hot reads: the queries every screen and every tutor reply runs, as hand-written SQL on the
 * read-only connection with compiled statements kept (main/db/reader.ts). Each returns the
 * same domain types as the knex repositories, through the same row mappers. Use them only
 * outside transactions: the reader sees committed data.
 */
import type { Reader } from '../db/reader.ts';
import {
  roleSchema,
  understandingLevelSchema,
  type Concept,
  type Conversation,
  type MemorySummary,
  type Message,
  type Module,
  type OnboardingSurvey,
  type Role,
  type UserProgress,
} from '../../src/shared/domain.ts';
import { mapConcept, mapModule } from './curriculum.ts';
import { MESSAGE_COLUMNS, mapConversation, mapMessage } from './conversations.ts';
import { keyConceptList, mapProgress } from './learning-records.ts';
import { mapSurvey } from './onboarding.ts';
import { mapSession, type SessionRecord } from './sessions.ts';
import { num, oneOf, parseJsonColumn, str, strOrNull, toBool, type Row } from './row-mapping.ts';

const MESSAGE_SELECT = MESSAGE_COLUMNS.join(', ');

/** Who a session belongs to: what every call needs, without the account's heavier columns. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  isActive: boolean;
}

export function readSessionWithUser(reader: Reader, tokenHash: string): { session: SessionRecord; user: SessionUser } | null {
  const row = reader
    .prepare(
      `SELECT s.*, u.email AS u_email, u.name AS u_name, u.role AS u_role, u.is_active AS u_is_active
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = ?`,
    )
    .get(tokenHash) as Row | undefined;
  if (!row) return null;
  const session = mapSession(row);
  return {
    session,
    user: {
      id: session.userId,
      email: str(row, 'u_email'),
      name: str(row, 'u_name'),
      role: oneOf(row, 'u_role', roleSchema.options),
      isActive: toBool(row.u_is_active),
    },
  };
}

/** Only the name: the tutor greets the learner by it, and has no business with the rest of the account (its password hash least of all). */
export function readUserName(reader: Reader, id: number): string | null {
  const row = reader.prepare('SELECT name FROM users WHERE id = ?').get(id) as { name: string } | undefined;
  return row?.name ?? null;
}

export function readSurvey(reader: Reader, userId: number): OnboardingSurvey | null {
  const row = reader.prepare('SELECT * FROM onboarding_surveys WHERE user_id = ?').get(userId) as Row | undefined;
  return row ? mapSurvey(row) : null;
}

export function readConversation(reader: Reader, id: number): Conversation | null {
  return readConversationForTurn(reader, id)?.conversation ?? null;
}

/** A conversation and its engine's saved state (JSON text) in one read: what a turn starts from. */
export function readConversationForTurn(conn: Reader, id: number): { conversation: Conversation; engineStateText: string | null } | null {
  const row = conn.prepare('SELECT * FROM conversations WHERE id = ?').get(id) as Row | undefined;
  return row ? { conversation: mapConversation(row), engineStateText: (row.engine_state as string | null) ?? null } : null;
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
          .prepare(`SELECT ${MESSAGE_SELECT} FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?`)
          .all(conversationId, page.limit)
      : reader
          .prepare(`SELECT ${MESSAGE_SELECT} FROM messages WHERE conversation_id = ? AND id < ? ORDER BY id DESC LIMIT ?`)
          .all(conversationId, page.before, page.limit);
  return (rows as Row[]).map(mapMessage);
}

/**
 * Curriculum content is read on every tutor reply and changes rarely. Parsed modules and
 * concepts are kept per connection for a few seconds; the dispatcher forgets them at once after
 * any call that edits the curriculum (forgetCurriculum), so edits made here show on the next
 * reply, and edits made by another process sharing the data within CONTENT_TRUST_MS.
 */
export const CONTENT_TRUST_MS = 5000;

interface ContentCache {
  modules: Map<number, { module: Module | null; at: number }>;
  concepts: Map<number, { concepts: Concept[]; at: number }>;
  liveConceptIds: { ids: Set<number>; at: number } | null;
  activeModules: { modules: readonly Module[]; at: number } | null;
  conceptCounts: { counts: ReadonlyMap<number, number>; at: number } | null;
}

/**
 * Caches are kept per connection (the tutor reads on the read-only connection or on the
 * writer's: main/repositories/turn-writes.ts, onWriterConnection). Forgetting the curriculum
 * must reach every one of them, so it moves a generation they all check.
 */
const contentCaches = new WeakMap<Reader, ContentCache & { generation: number }>();
let curriculumGeneration = 0;

function contentCache(conn: Reader): ContentCache {
  let cache = contentCaches.get(conn);
  if (!cache || cache.generation !== curriculumGeneration) {
    cache = {
      modules: new Map(),
      concepts: new Map(),
      liveConceptIds: null,
      activeModules: null,
      conceptCounts: null,
      generation: curriculumGeneration,
    };
    contentCaches.set(conn, cache);
  }
  return cache;
}

const fresh = (at: number) => performance.now() - at <= CONTENT_TRUST_MS;

/** Forget all cached curriculum: call after any write to modules or concepts. */
export function forgetCurriculum(): void {
  curriculumGeneration++;
}

export function readModule(reader: Reader, id: number): Module | null {
  const cache = contentCache(reader);
  const hit = cache.modules.get(id);
  if (hit && fresh(hit.at)) return hit.module;
  const row = reader.prepare('SELECT * FROM modules WHERE id = ?').get(id) as Row | undefined;
  const module = row ? mapModule(row) : null;
  cache.modules.set(id, { module, at: performance.now() });
  return module;
}

/** The modules not retired, in library order, parsed once per CONTENT_TRUST_MS (see readModule). */
export function readActiveModules(reader: Reader): readonly Module[] {
  const cache = contentCache(reader);
  if (cache.activeModules && fresh(cache.activeModules.at)) return cache.activeModules.modules;
  const modules = (reader.prepare('SELECT * FROM modules WHERE retired_at IS NULL ORDER BY sort_order, id').all() as Row[]).map(mapModule);
  cache.activeModules = { modules, at: performance.now() };
  return modules;
}

/** Active concepts per module, kept like the modules. */
export function readConceptCounts(reader: Reader): ReadonlyMap<number, number> {
  const cache = contentCache(reader);
  if (cache.conceptCounts && fresh(cache.conceptCounts.at)) return cache.conceptCounts.counts;
  const rows = reader
    .prepare('SELECT module_id, COUNT(*) AS n FROM module_concepts WHERE retired_at IS NULL GROUP BY module_id')
    .all() as { module_id: number; n: number }[];
  const counts = new Map(rows.map((r) => [r.module_id, r.n]));
  cache.conceptCounts = { counts, at: performance.now() };
  return counts;
}

/** A module's active concepts in teaching order, parsed once per CONTENT_TRUST_MS (see readModule). */
export function readActiveConcepts(reader: Reader, moduleId: number): Concept[] {
  const cache = contentCache(reader);
  const hit = cache.concepts.get(moduleId);
  if (hit && fresh(hit.at)) return hit.concepts;
  const concepts = (
    reader.prepare('SELECT * FROM module_concepts WHERE module_id = ? AND retired_at IS NULL ORDER BY sort_order, id').all(moduleId) as Row[]
  ).map(mapConcept);
  cache.concepts.set(moduleId, { concepts, at: performance.now() });
  return concepts;
}

/** Where a learner stands on one concept: what screens and the tutor need (not the evidence). */
export interface ConceptStanding {
  conceptId: number;
  mastery: number;
  masteredAt: string | null;
  attempts: number;
  hintsUsed: number;
}

/** A learner's standing on one module's concepts (one indexed join; the evidence JSON is left unread). */
export function readMasteryInModule(reader: Reader, userId: number, moduleId: number): ConceptStanding[] {
  const rows = reader
    .prepare(
      `SELECT cm.concept_id, cm.mastery, cm.mastered_at, cm.attempts, cm.hints_used
         FROM concept_mastery cm JOIN module_concepts mc ON mc.id = cm.concept_id
        WHERE cm.user_id = ? AND mc.module_id = ?`,
    )
    .all(userId, moduleId) as Row[];
  return rows.map((r) => ({
    conceptId: num(r, 'concept_id'),
    mastery: num(r, 'mastery'),
    masteredAt: strOrNull(r, 'mastered_at'),
    attempts: num(r, 'attempts'),
    hintsUsed: num(r, 'hints_used'),
  }));
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

/**
 * Learner messages per UTC day since `since`. Only conversations updated since then can hold
 * such messages (a message always bumps its conversation), so the recent-conversations index
 * narrows the scan to them instead of every message the learner ever wrote.
 */
export function readActivity(reader: Reader, userId: number, since: string): { date: string; messages: number }[] {
  return reader
    .prepare(
      `SELECT substr(m.created_at, 1, 10) AS date, COUNT(*) AS messages
         FROM conversations c JOIN messages m ON m.conversation_id = c.id
        WHERE c.user_id = ? AND c.updated_at >= ? AND m.role = 'user' AND m.created_at >= ?
        GROUP BY date ORDER BY date`,
    )
    .all(userId, since, since) as { date: string; messages: number }[];
}

export function readRecentMessages(reader: Reader, conversationId: number, limit: number): Message[] {
  return readMessagesPage(reader, conversationId, { limit }).reverse();
}

/** What the tutor's prior-knowledge layer needs of a summary from another module. */
export interface PriorSummary {
  id: number;
  moduleId: number;
  moduleSlug: string;
  moduleTitle: string;
  whatLearned: string;
  keyConcepts: string[];
  understandingLevel: MemorySummary['understandingLevel'];
}

/**
 * The latest summary of each of up to `modules` other modules, most recent first, with the
 * module's slug and title. Two steps, both cheap on a cold page cache: the learner's recent
 * summaries are walked newest first in the index alone (it holds the module id), keeping the
 * first of each other module; then only the kept summaries are read. Slugs and titles come
 * from the cached modules.
 */
export function readPriorSummaries(reader: Reader, userId: number, excludeModuleId: number, modules: number): PriorSummary[] {
  const candidates = reader
    .prepare(
      `SELECT id, module_id FROM memory_summaries
        WHERE user_id = ? AND module_id <> ?
        ORDER BY updated_at DESC, id DESC LIMIT ?`,
    )
    .raw()
    .all(userId, excludeModuleId, modules * 3) as [number, number][];
  const chosen: [number, number][] = [];
  const seen = new Set<number>();
  for (const [id, moduleId] of candidates) {
    if (seen.has(moduleId)) continue;
    seen.add(moduleId);
    chosen.push([id, moduleId]);
    if (chosen.length >= modules) break;
  }
  if (chosen.length === 0) return [];
  const rows = reader
    .prepare(
      `SELECT id, what_learned, key_concepts, understanding_level FROM memory_summaries
        WHERE id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(chosen.map(([id]) => id))) as Row[];
  const byId = new Map(rows.map((r) => [num(r, 'id'), r]));
  const kept: PriorSummary[] = [];
  for (const [id, moduleId] of chosen) {
    const r = byId.get(id);
    const module = readModule(reader, moduleId);
    if (!r || !module) continue;
    kept.push({
      id,
      moduleId,
      moduleSlug: module.slug,
      moduleTitle: module.title,
      whatLearned: str(r, 'what_learned'),
      keyConcepts: parseJsonColumn(keyConceptList, r.key_concepts, 'memory_summaries.key_concepts'),
      understandingLevel: oneOf(r, 'understanding_level', understandingLevelSchema.options),
    });
  }
  return kept;
}

/** Ids of every active concept of an active module, kept like the rest of the curriculum. */
function liveConceptIds(reader: Reader): Set<number> {
  const cache = contentCache(reader);
  if (!cache.liveConceptIds || !fresh(cache.liveConceptIds.at)) {
    const ids = reader
      .prepare(
        `SELECT mc.id FROM module_concepts mc JOIN modules m ON m.id = mc.module_id
          WHERE mc.retired_at IS NULL AND m.retired_at IS NULL`,
      )
      .pluck()
      .all() as number[];
    cache.liveConceptIds = { ids: new Set(ids), at: performance.now() };
  }
  return cache.liveConceptIds.ids;
}

/**
 * Share of all active concepts the learner has mastered, 0–100. The mastered concepts come
 * from the index alone (idx_concept_mastery_user_mastered) and are checked against the cached
 * live ones, instead of joining each mastery row to its (large) concept row.
 */
export function readOverallCompletion(reader: Reader, userId: number): number {
  const live = liveConceptIds(reader);
  const masteredIds = reader
    .prepare('SELECT concept_id FROM concept_mastery WHERE user_id = ? AND mastered_at IS NOT NULL')
    .pluck()
    .all(userId) as number[];
  let mastered = 0;
  for (const id of masteredIds) if (live.has(id)) mastered++;
  return live.size === 0 ? 0 : Math.round((mastered / live.size) * 1000) / 10;
}
