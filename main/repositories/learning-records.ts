/** Repository: memory_summaries, user_progress and concept_mastery. */
import { z } from 'zod';
import {
  masteryEvidenceSchema,
  masteryLevelSchema,
  memorySourceSchema,
  understandingLevelSchema,
  type ConceptMastery,
  type MasteryEvidence,
  type MemorySummary,
  type UserProgress,
} from '../../src/shared/domain.ts';
import {
  fromBool,
  guardConstraints,
  nowIso,
  num,
  numOrNull,
  oneOf,
  parseJsonColumn,
  str,
  strOrNull,
  toBool,
  toJson,
  type Db,
  type Row,
} from './row-mapping.ts';

export const keyConceptList = z.array(z.string());

// ── memory summaries ───────────────────────────────────────────────────────────────────
export function mapMemory(row: Row): MemorySummary {
  return {
    id: num(row, 'id'),
    userId: num(row, 'user_id'),
    moduleId: num(row, 'module_id'),
    conversationId: numOrNull(row, 'conversation_id'),
    whatLearned: str(row, 'what_learned'),
    howLearned: str(row, 'how_learned'),
    keyConcepts: parseJsonColumn(keyConceptList, row.key_concepts, 'memory_summaries.key_concepts'),
    understandingLevel: oneOf(row, 'understanding_level', understandingLevelSchema.options),
    learningInsights: str(row, 'learning_insights'),
    teachingEffectiveness: str(row, 'teaching_effectiveness'),
    source: oneOf(row, 'source', memorySourceSchema.options),
    createdAt: str(row, 'created_at'),
    updatedAt: str(row, 'updated_at'),
  };
}

export type MemoryContent = Pick<
  MemorySummary,
  'whatLearned' | 'howLearned' | 'keyConcepts' | 'understandingLevel' | 'learningInsights' | 'teachingEffectiveness'
>;

/** The one mapping of a summary's content to its columns (key_concepts as JSON), for knex and the reply path alike. */
export function memoryColumns(m: Partial<MemoryContent>): Row {
  const out: Row = {};
  if (m.whatLearned !== undefined) out.what_learned = m.whatLearned;
  if (m.howLearned !== undefined) out.how_learned = m.howLearned;
  if (m.keyConcepts !== undefined) out.key_concepts = toJson(m.keyConcepts);
  if (m.understandingLevel !== undefined) out.understanding_level = m.understandingLevel;
  if (m.learningInsights !== undefined) out.learning_insights = m.learningInsights;
  if (m.teachingEffectiveness !== undefined) out.teaching_effectiveness = m.teachingEffectiveness;
  return out;
}

export async function insertMemory(
  db: Db,
  m: MemoryContent & { userId: number; moduleId: number; conversationId: number | null; source: 'tutor' | 'learner' },
): Promise<MemorySummary> {
  const now = nowIso();
  const [row] = await guardConstraints(() =>
    db('memory_summaries')
      .insert({
        user_id: m.userId,
        module_id: m.moduleId,
        conversation_id: m.conversationId,
        source: m.source,
        ...memoryColumns(m),
        created_at: now,
        updated_at: now,
      })
      .returning('*'),
  );
  return mapMemory(row as Row);
}

export async function updateMemory(
  db: Db,
  id: number,
  patch: Partial<MemoryContent> & { source?: 'tutor' | 'learner' },
): Promise<MemorySummary | null> {
  const values: Row = { ...memoryColumns(patch), updated_at: nowIso() };
  if (patch.source !== undefined) values.source = patch.source;
  const rows = await guardConstraints(() => db('memory_summaries').where({ id }).update(values).returning('*'));
  const row = rows[0] as Row | undefined;
  return row ? mapMemory(row) : null;
}

export async function findMemoryById(db: Db, id: number): Promise<MemorySummary | null> {
  const row = (await db('memory_summaries').where({ id }).first()) as Row | undefined;
  return row ? mapMemory(row) : null;
}

/** The learner's summaries, most recent first. */
export async function listMemory(db: Db, filter: { userId: number; moduleId?: number }): Promise<MemorySummary[]> {
  const q = db('memory_summaries')
    .where({ user_id: filter.userId })
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc');
  if (filter.moduleId !== undefined) q.where({ module_id: filter.moduleId });
  return ((await q) as Row[]).map(mapMemory);
}

/** The summary the tutor keeps current for one conversation (it rewrites it every few turns). */
export async function findTutorMemoryOfConversation(db: Db, conversationId: number): Promise<MemorySummary | null> {
  const row = (await db('memory_summaries')
    .where({ conversation_id: conversationId, source: 'tutor' })
    .orderBy('id', 'desc')
    .first()) as Row | undefined;
  return row ? mapMemory(row) : null;
}

export async function deleteMemory(db: Db, id: number): Promise<boolean> {
  return (await db('memory_summaries').where({ id }).delete()) > 0;
}

// ── progress ───────────────────────────────────────────────────────────────────────────
export function mapProgress(row: Row): UserProgress {
  return {
    id: num(row, 'id'),
    userId: num(row, 'user_id'),
    moduleId: num(row, 'module_id'),
    completionPercentage: num(row, 'completion_percentage'),
    masteryLevel: oneOf(row, 'mastery_level', masteryLevelSchema.options),
    isCompleted: toBool(row.is_completed),
    completionDate: strOrNull(row, 'completion_date'),
    timeSpentSeconds: num(row, 'time_spent_seconds'),
    totalConversations: num(row, 'total_conversations'),
    totalMessages: num(row, 'total_messages'),
    questionsAsked: num(row, 'questions_asked'),
    hintsUsed: num(row, 'hints_used'),
    currentFocus: strOrNull(row, 'current_focus'),
    lastActivityAt: strOrNull(row, 'last_activity_at'),
    createdAt: str(row, 'created_at'),
    updatedAt: str(row, 'updated_at'),
  };
}

export type ProgressValues = Omit<UserProgress, 'id' | 'userId' | 'moduleId' | 'createdAt' | 'updatedAt'>;

export async function findProgress(db: Db, userId: number, moduleId: number): Promise<UserProgress | null> {
  const row = (await db('user_progress').where({ user_id: userId, module_id: moduleId }).first()) as Row | undefined;
  return row ? mapProgress(row) : null;
}

export async function listProgressOfUser(db: Db, userId: number): Promise<UserProgress[]> {
  return ((await db('user_progress').where({ user_id: userId }).orderBy('module_id')) as Row[]).map(mapProgress);
}

/** What a learner's conversations in one module record, as progress is rebuilt from it. */
export interface ModuleActivity {
  conversations: number;
  messages: number;
  lastMessageAt: string | null;
  /** Sum of the gaps between consecutive messages of a conversation, counting only gaps up to activeGapMs. */
  activeSeconds: number;
  hints: number;
  questions: number;
}

export async function readModuleActivity(db: Db, userId: number, moduleId: number, activeGapMs: number): Promise<ModuleActivity> {
  const ofModule = { 'conversations.user_id': userId, 'conversations.module_id': moduleId };
  const row = (await db
    .with('m', (q) =>
      q
        .from('messages')
        .join('conversations', 'conversations.id', 'messages.conversation_id')
        .where(ofModule)
        .select(
          'messages.created_at',
          'messages.socratic_analysis',
          db.raw('LAG(messages.created_at) OVER (PARTITION BY messages.conversation_id ORDER BY messages.id) AS previous_at'),
        ),
    )
    .from('m')
    .select(
      db('conversations').where(ofModule).count('*').as('conversations'),
      db.raw('COUNT(*) AS messages'),
      db.raw('MAX(created_at) AS last_at'),
      db.raw(
        `SUM(CASE WHEN (julianday(created_at) - julianday(previous_at)) * 86400000 BETWEEN 1 AND ?
                  THEN CAST(ROUND((julianday(created_at) - julianday(previous_at)) * 86400) AS INTEGER) ELSE 0 END) AS active_seconds`,
        [activeGapMs],
      ),
      db.raw(`SUM(CASE WHEN json_extract(socratic_analysis, '$.hintGiven') = 1 THEN 1 ELSE 0 END) AS hints`),
      db.raw(`SUM(CASE WHEN json_extract(socratic_analysis, '$.askedQuestion') = 1 THEN 1 ELSE 0 END) AS questions`),
    )
    .first()) as Row;
  return {
    conversations: num(row, 'conversations'),
    messages: num(row, 'messages'),
    lastMessageAt: strOrNull(row, 'last_at'),
    activeSeconds: numOrNull(row, 'active_seconds') ?? 0,
    hints: numOrNull(row, 'hints') ?? 0,
    questions: numOrNull(row, 'questions') ?? 0,
  };
}

export async function upsertProgress(
  db: Db,
  userId: number,
  moduleId: number,
  v: ProgressValues,
): Promise<UserProgress> {
  const now = nowIso();
  const values = {
    completion_percentage: v.completionPercentage,
    mastery_level: v.masteryLevel,
    is_completed: fromBool(v.isCompleted),
    completion_date: v.completionDate,
    time_spent_seconds: v.timeSpentSeconds,
    total_conversations: v.totalConversations,
    total_messages: v.totalMessages,
    questions_asked: v.questionsAsked,
    hints_used: v.hintsUsed,
    current_focus: v.currentFocus,
    last_activity_at: v.lastActivityAt,
    updated_at: now,
  };
  const [row] = await guardConstraints(() =>
    db('user_progress')
      .insert({ user_id: userId, module_id: moduleId, ...values, created_at: now })
      .onConflict(['user_id', 'module_id'])
      .merge(values)
      .returning('*'),
  );
  return mapProgress(row as Row);
}

// ── concept mastery ────────────────────────────────────────────────────────────────────
export function mapMastery(row: Row): ConceptMastery {
  return {
    id: num(row, 'id'),
    userId: num(row, 'user_id'),
    conceptId: num(row, 'concept_id'),
    mastery: num(row, 'mastery'),
    attempts: num(row, 'attempts'),
    hintsUsed: num(row, 'hints_used'),
    evidence: parseJsonColumn(masteryEvidenceSchema, row.evidence, 'concept_mastery.evidence'),
    masteredAt: strOrNull(row, 'mastered_at'),
    updatedAt: str(row, 'updated_at'),
  };
}

/** How many live concepts a module has and how many of them the learner has mastered: one count, no rows parsed. */
export async function countMasteredInModule(db: Db, userId: number, moduleId: number): Promise<{ concepts: number; mastered: number }> {
  const row = (await db('module_concepts as mc')
    .leftJoin('concept_mastery as cm', (j) => j.on('cm.concept_id', 'mc.id').andOnVal('cm.user_id', userId))
    .where('mc.module_id', moduleId)
    .whereNull('mc.retired_at')
    .first(db.raw('COUNT(*) AS concepts'), db.raw('COUNT(cm.mastered_at) AS mastered'))) as Row;
  return { concepts: num(row, 'concepts'), mastered: num(row, 'mastered') };
}

export async function listMasteryOfUser(db: Db, userId: number, conceptIds?: readonly number[]): Promise<ConceptMastery[]> {
  const q = db('concept_mastery').where({ user_id: userId }).orderBy('concept_id');
  if (conceptIds) q.whereIn('concept_id', conceptIds);
  return ((await q) as Row[]).map(mapMastery);
}

export async function upsertMastery(
  db: Db,
  m: {
    userId: number;
    conceptId: number;
    mastery: number;
    attempts: number;
    hintsUsed: number;
    evidence: MasteryEvidence;
    masteredAt: string | null;
  },
): Promise<ConceptMastery> {
  const now = nowIso();
  const values = {
    mastery: m.mastery,
    attempts: m.attempts,
    hints_used: m.hintsUsed,
    evidence: toJson(m.evidence),
    mastered_at: m.masteredAt,
    updated_at: now,
  };
  const [row] = await guardConstraints(() =>
    db('concept_mastery')
      .insert({ user_id: m.userId, concept_id: m.conceptId, ...values })
      .onConflict(['user_id', 'concept_id'])
      .merge(values)
      .returning('*'),
  );
  return mapMastery(row as Row);
}
