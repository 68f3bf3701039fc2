/**
 * Progress from evidence (DESIGN.md §5): concept mastery moves only on the learner's own
 * words and check answers; completion is the share of mastered concepts; mastery level
 * follows completion; time spent counts active time, long gaps excluded.
 */
import type { UserProgress } from '../../../src/shared/domain.ts';
import { listConcepts } from '../../repositories/curriculum.ts';
import { findProgress, listMasteryOfUser, upsertProgress } from '../../repositories/learning-records.ts';
import { recordEvidenceOn, recordProgressOn, standingInModuleOn, type Connection } from '../../repositories/turn-writes.ts';
import type { Db } from '../../repositories/row-mapping.ts';
import type { ConceptStanding } from '../../repositories/hot-reads.ts';
import type { ConceptEvidence, TurnAnalysis } from '../tutor/engine-types.ts';

/** A pause longer than this between messages is a break, not study time. */
export const ACTIVE_GAP_MS = 5 * 60_000;

export function masteryLevelFor(completion: number): UserProgress['masteryLevel'] {
  if (completion >= 80) return 'advanced';
  if (completion >= 40) return 'intermediate';
  return 'beginner';
}

/** Active seconds between two instants: the gap counts only when it is short. */
export function activeSecondsBetween(previousIso: string | null, nowIso: string): number {
  if (!previousIso) return 0;
  const gap = Date.parse(nowIso) - Date.parse(previousIso);
  return gap > 0 && gap <= ACTIVE_GAP_MS ? Math.round(gap / 1000) : 0;
}

/** Completion is the share of a module's live concepts mastered, to one decimal place. */
export function completionFrom(counts: { concepts: number; mastered: number }): { pct: number; complete: boolean } {
  const pct = counts.concepts === 0 ? 0 : Math.round((counts.mastered * 1000) / counts.concepts) / 10;
  return { pct, complete: counts.concepts > 0 && counts.mastered === counts.concepts };
}

async function completionOf(db: Db, userId: number, moduleId: number) {
  const concepts = await listConcepts(db, moduleId);
  const mastery = await listMasteryOfUser(db, userId, concepts.map((c) => c.id));
  return completionFrom({ concepts: concepts.length, mastered: mastery.filter((m) => m.masteredAt !== null).length });
}

export interface TurnProgress {
  userId: number;
  moduleId: number;
  /** The learner's message this turn answered (evidence points at it). */
  learnerMessageId: number | null;
  analysis: TurnAnalysis | null;
  evidence: ConceptEvidence | null;
  hintGiven: boolean;
  /** Messages written this turn (learner + tutor). */
  messagesAdded: number;
  conversationStarted: boolean;
  /** When the learner's previous message in this conversation was written. */
  previousActivityAt: string | null;
  currentFocus: string | null;
  at: string;
}

/**
 * Applies one tutor turn to concept_mastery and user_progress on the reply transaction's
 * connection (main/repositories/turn-writes.ts), so both land with the reply. Returns the
 * progress row and the learner's standing in the module as the turn leaves them.
 * Mastery moves only on the learner's own words: coverage counts for at most 0.9 until the
 * check is passed.
 */
export function recordTurnProgress(conn: Connection, turn: TurnProgress): { progress: UserProgress; standing: ConceptStanding[] } {
  const ev = turn.evidence;
  if (ev) {
    const learnerTurn = turn.learnerMessageId !== null;
    recordEvidenceOn(conn, {
      userId: turn.userId,
      conceptId: ev.conceptId,
      mastery: Math.max((turn.analysis?.coverage ?? 0) * 0.9, ev.groupsShown.length > 0 ? 0.1 : 0),
      masteredAt: ev.masteredNow ? turn.at : null,
      attempts: learnerTurn ? 1 : 0,
      hintsUsed: ev.hintGiven ? 1 : 0,
      entry:
        learnerTurn && (ev.groupsShown.length > 0 || ev.checkPassed)
          ? { messageId: turn.learnerMessageId!, terms: ev.groupsShown, checkPassed: ev.checkPassed }
          : null,
      at: turn.at,
    });
  }
  const { liveConcepts, standing } = standingInModuleOn(conn, turn.userId, turn.moduleId);
  const { pct, complete } = completionFrom({ concepts: liveConcepts, mastered: standing.filter((c) => c.masteredAt !== null).length });
  const progress = recordProgressOn(conn, {
    userId: turn.userId,
    moduleId: turn.moduleId,
    completionPercentage: pct,
    masteryLevel: masteryLevelFor(pct),
    isCompleted: complete,
    timeSpentSeconds: activeSecondsBetween(turn.previousActivityAt, turn.at),
    conversations: turn.conversationStarted ? 1 : 0,
    messages: turn.messagesAdded,
    questions: turn.analysis?.askedQuestion ? 1 : 0,
    hints: turn.hintGiven ? 1 : 0,
    currentFocus: turn.currentFocus,
    at: turn.at,
  });
  return { progress, standing };
}

/**
 * Rebuilds a module's progress row from what remains (after a conversation is deleted):
 * counts from the conversations and messages, time from the gaps between messages, hints
 * and questions from the tutor's recorded analysis. Mastery rows stay: what a learner showed
 * they understand is not un-learned by tidying a conversation away.
 */
export async function recomputeModuleProgress(db: Db, userId: number, moduleId: number, now: number): Promise<void> {
  const previous = await findProgress(db, userId, moduleId);
  const convs = (await db('conversations').where({ user_id: userId, module_id: moduleId }).select('id')) as { id: number }[];
  if (!previous && convs.length === 0) return;
  const stats = (await db
    .with('m', (q) =>
      q
        .from('messages')
        .join('conversations', 'conversations.id', 'messages.conversation_id')
        .where({ 'conversations.user_id': userId, 'conversations.module_id': moduleId })
        .select(
          'messages.role',
          'messages.created_at',
          'messages.socratic_analysis',
          db.raw(
            'LAG(messages.created_at) OVER (PARTITION BY messages.conversation_id ORDER BY messages.id) AS previous_at',
          ),
        ),
    )
    .from('m')
    .select(
      db.raw('COUNT(*) AS total'),
      db.raw('MAX(created_at) AS last_at'),
      db.raw(
        `SUM(CASE WHEN previous_at IS NOT NULL AND (julianday(created_at) - julianday(previous_at)) * 86400000 <= ? THEN CAST(ROUND((julianday(created_at) - julianday(previous_at)) * 86400) AS INTEGER) ELSE 0 END) AS active_seconds`,
        [ACTIVE_GAP_MS],
      ),
      db.raw(`SUM(CASE WHEN json_extract(socratic_analysis, '$.hintGiven') = 1 THEN 1 ELSE 0 END) AS hints`),
      db.raw(`SUM(CASE WHEN json_extract(socratic_analysis, '$.askedQuestion') = 1 THEN 1 ELSE 0 END) AS questions`),
    )
    .first()) as { total: number; last_at: string | null; active_seconds: number | null; hints: number | null; questions: number | null };
  const { pct, complete } = await completionOf(db, userId, moduleId);
  await upsertProgress(db, userId, moduleId, {
    completionPercentage: pct,
    masteryLevel: masteryLevelFor(pct),
    isCompleted: complete,
    completionDate: complete ? (previous?.completionDate ?? new Date(now).toISOString()) : null,
    timeSpentSeconds: Number(stats.active_seconds ?? 0),
    totalConversations: convs.length,
    totalMessages: Number(stats.total ?? 0),
    questionsAsked: Number(stats.questions ?? 0),
    hintsUsed: Number(stats.hints ?? 0),
    currentFocus: previous?.currentFocus ?? null,
    lastActivityAt: stats.last_at ?? previous?.lastActivityAt ?? null,
  });
}
