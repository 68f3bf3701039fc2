/**
 * Progress from evidence (DESIGN.md §5): concept mastery moves only on the learner's own
 * words and check answers; completion is the share of mastered concepts; mastery level
 * follows completion; time spent counts active time, long gaps excluded.
 */
import type { UserProgress } from '../../../src/shared/domain.ts';
import { countMasteredInModule, findProgress, readModuleActivity, upsertProgress } from '../../repositories/learning-records.ts';
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
  const activity = await readModuleActivity(db, userId, moduleId, ACTIVE_GAP_MS);
  if (!previous && activity.conversations === 0) return;
  const { pct, complete } = completionFrom(await countMasteredInModule(db, userId, moduleId));
  await upsertProgress(db, userId, moduleId, {
    completionPercentage: pct,
    masteryLevel: masteryLevelFor(pct),
    isCompleted: complete,
    completionDate: complete ? (previous?.completionDate ?? new Date(now).toISOString()) : null,
    timeSpentSeconds: activity.activeSeconds,
    totalConversations: activity.conversations,
    totalMessages: activity.messages,
    questionsAsked: activity.questions,
    hintsUsed: activity.hints,
    currentFocus: previous?.currentFocus ?? null,
    lastActivityAt: activity.lastMessageAt ?? previous?.lastActivityAt ?? null,
  });
}
