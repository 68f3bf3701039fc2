/**
 * The memory summary the tutor writes every few learner turns and when a conversation is
 * finalized (DESIGN.md §5): what was learned, how (which moves led to breakthroughs), key
 * concepts, understanding level, insights (misconceptions met) and teaching effectiveness
 * (hints needed).
 *
 * Learners read (and may correct) these summaries, and later modules quote them back
 * ("earlier you worked out …"), so they are written in plain words, name only the ideas the
 * learner actually showed, and never copy the answer key of a concept they have not mastered.
 */
import { currentConcept } from './analyse-turn.ts';
import { isMastered, normaliseState, type WorkingState } from './engine-state.ts';
import type { ConceptInContext, EngineState, SessionSummaryDraft, TutorContext, TutorMove } from './engine-types.ts';
import { labelInSentence, listInProse } from './reply-wording.ts';

/** How each move reads in a sentence about how the learner got there. */
const MOVE_DESCRIPTIONS: Record<TutorMove, string> = {
  open: 'the opening question',
  probe_missing_idea: 'a guiding question',
  affirm_and_deepen: 'building on their own idea',
  give_hint: 'a hint',
  give_example: 'a worked example',
  give_explanation: 'the full explanation',
  reask_in_own_words: 'restating the idea in their own words',
  probe_misconception: 'testing a mistaken belief',
  turn_question_back: 'answering their own question',
  decline_answer_request: 'a nudge instead of the answer',
  steer_back: 'coming back to the topic',
  ask_check_question: 'the check question',
  bridge_to_next_concept: 'the step to a new idea',
  clarify_empty: 'a second try at the question',
  close_session: 'the wrap-up',
};

export type UnderstandingLevel = SessionSummaryDraft['understandingLevel'];

/** The level that follows from the share of the module's concepts mastered. */
export function understandingLevelFor(shareMastered: number): UnderstandingLevel {
  if (shareMastered >= 1) return 'mastered';
  if (shareMastered >= 0.6) return 'proficient';
  if (shareMastered >= 0.25) return 'developing';
  return 'emerging';
}

function ideasShown(concept: ConceptInContext, groupIds: readonly string[]): string[] {
  return concept.keyTerms.filter((g) => groupIds.includes(g.id)).map((g) => labelInSentence(g.label.replace(/[.\s]+$/, ''), concept));
}

function describeWhatLearned(context: TutorContext, state: WorkingState, inProgress: ConceptInContext | null): string {
  const masteredHere = context.module.concepts.filter((c) => state.masteredSlugs.includes(c.slug));
  const sentences: string[] = [];
  if (masteredHere.length > 0) {
    const items = masteredHere.map((c) => {
      const ideas = ideasShown(c, c.checkTerms);
      return ideas.length > 0 ? `${c.title} (${ideas.join('; ')})` : c.title;
    });
    sentences.push(`Mastered ${listInProse(items)}.`);
  }
  if (inProgress) {
    const ideas = ideasShown(inProgress, state.groupsShown);
    sentences.push(
      ideas.length > 0
        ? `Worked on ${inProgress.title} and showed: ${ideas.join('; ')}.`
        : `Started working on ${inProgress.title}.`,
    );
  }
  if (sentences.length === 0) sentences.push(`Began ${context.module.title}; no idea worked out yet.`);
  return sentences.join(' ');
}

function describeHowLearned(state: WorkingState): string {
  if (state.breakthroughMoves.length === 0) {
    return state.learnerTurns === 0 ? 'No turns yet.' : `No breakthrough yet after ${state.learnerTurns} turn${state.learnerTurns === 1 ? '' : 's'}.`;
  }
  const counts = new Map<TutorMove, number>();
  for (const move of state.breakthroughMoves) counts.set(move, (counts.get(move) ?? 0) + 1);
  const parts = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([move, n]) => (n > 1 ? `${MOVE_DESCRIPTIONS[move]} (${n} times)` : MOVE_DESCRIPTIONS[move]));
  return `Breakthroughs came after ${listInProse(parts)}.`;
}

function describeInsights(context: TutorContext, state: WorkingState): string {
  const statements: string[] = [];
  for (const key of state.misconceptionsMet) {
    const [slug, index] = key.split('#');
    const concept = context.module.concepts.find((c) => c.slug === slug);
    const statement = concept?.misconceptions[Number(index)]?.statement;
    if (statement) statements.push(`“${statement.replace(/[.\s]+$/, '')}”`);
  }
  const sentences: string[] = [];
  sentences.push(statements.length > 0 ? `Tested a mistaken belief: ${statements.join('; ')}.` : 'No common misconception came up.');
  if (state.questionsAsked > 0) sentences.push(`Asked ${state.questionsAsked} question${state.questionsAsked === 1 ? '' : 's'} of their own.`);
  if (state.confusedTurns > 0) sentences.push(`Said they were unsure ${state.confusedTurns} time${state.confusedTurns === 1 ? '' : 's'}.`);
  return sentences.join(' ');
}

function describeTeachingEffectiveness(context: TutorContext, state: WorkingState): string {
  if (state.hintsUsed === 0) {
    return state.masteredSlugs.length > 0 ? 'Worked things out without hints.' : 'No hints given yet.';
  }
  const perConcept = context.module.concepts
    .filter((c) => (state.hintsByConcept[c.slug] ?? 0) > 0)
    .map((c) => `${c.title}: ${state.hintsByConcept[c.slug]}`);
  const detail = perConcept.length > 0 ? ` (${perConcept.join('; ')})` : '';
  return `Needed ${state.hintsUsed} hint${state.hintsUsed === 1 ? '' : 's'}${detail}.`;
}

export function summariseSession(context: TutorContext, saved: EngineState): SessionSummaryDraft {
  const state = normaliseState(saved, context.module);
  const concepts = context.module.concepts;
  const current = currentConcept(context.module, state);
  // The concept on hand counts as worked on once the learner has said something about it.
  const inProgress = current && !isMastered(current, state) && state.turnsOnConcept > 0 ? current : null;
  const worked = concepts.filter((c) => state.masteredSlugs.includes(c.slug) || c === inProgress);
  const share = concepts.length === 0 ? 0 : concepts.filter((c) => isMastered(c, state)).length / concepts.length;
  return {
    whatLearned: describeWhatLearned(context, state, inProgress),
    howLearned: describeHowLearned(state),
    keyConcepts: worked.map((c) => c.title),
    understandingLevel: understandingLevelFor(share),
    learningInsights: describeInsights(context, state),
    teachingEffectiveness: describeTeachingEffectiveness(context, state),
  };
}
