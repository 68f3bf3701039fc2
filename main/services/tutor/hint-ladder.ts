/**
 * The hint ladder (DESIGN.md §5): help arrives in rungs, gentle to explicit, and the concept's
 * explanation is always the fifth rung — never earlier, whatever the learner asks for.
 *
 *   hint 1 → hint 2 → hint 3 → example scenario → explanation → re-ask in the learner's own words
 *
 * A learner who prefers examples meets the example scenario right after the first hint (it is
 * what helps them most), and the remaining hints after it; the explanation stays on rung 5.
 * Once every rung is climbed, a learner who is still stuck gets a review cycle: the guiding
 * questions, the hints and the example again, then another re-ask.
 */
import type { ConceptInContext, InteractionPreference, TutorMove } from './engine-types.ts';

export type Rung = 'hint1' | 'hint2' | 'hint3' | 'example' | 'explanation' | 'reask';

/** The rung on which the explanation is given; nothing before it may contain the explanation. */
export const EXPLANATION_STEP = 5;

const STANDARD_LADDER: readonly Rung[] = ['hint1', 'hint2', 'hint3', 'example', 'explanation', 'reask'];
const EXAMPLES_FIRST_LADDER: readonly Rung[] = ['hint1', 'example', 'hint2', 'hint3', 'explanation', 'reask'];

export function ladderFor(preference: InteractionPreference | null): readonly Rung[] {
  return preference === 'examples' ? EXAMPLES_FIRST_LADDER : STANDARD_LADDER;
}

/** One item of the review cycle that follows an exhausted ladder. */
export type ReviewItem = { kind: 'guiding'; index: number } | { kind: 'rung'; rung: Exclude<Rung, 'explanation'> };

export function reviewCycle(concept: ConceptInContext): ReviewItem[] {
  return [
    ...concept.guidingQuestions.map((_, index): ReviewItem => ({ kind: 'guiding', index })),
    { kind: 'rung', rung: 'hint1' },
    { kind: 'rung', rung: 'hint2' },
    { kind: 'rung', rung: 'hint3' },
    { kind: 'rung', rung: 'example' },
    { kind: 'rung', rung: 'reask' },
  ];
}

export type LadderClimb =
  | { kind: 'rung'; rung: Rung; step: number }
  | { kind: 'review'; item: ReviewItem; reviewStep: number };

/**
 * The next piece of help for a learner on `ladderStep`: the next rung, or — once the ladder is
 * exhausted — the next item of the review cycle.
 */
export function climbHintLadder(
  ladderStep: number,
  reviewStep: number,
  concept: ConceptInContext,
  preference: InteractionPreference | null,
): LadderClimb {
  const ladder = ladderFor(preference);
  if (ladderStep < ladder.length) {
    const step = ladderStep + 1;
    return { kind: 'rung', rung: ladder[step - 1] ?? 'reask', step };
  }
  const cycle = reviewCycle(concept);
  const item = cycle[reviewStep % cycle.length] ?? { kind: 'rung', rung: 'reask' };
  return { kind: 'review', item, reviewStep: reviewStep + 1 };
}

/** The move a rung stands for in the engine's account of the turn. */
export function moveForRung(rung: Rung): TutorMove {
  switch (rung) {
    case 'hint1':
    case 'hint2':
    case 'hint3':
      return 'give_hint';
    case 'example':
      return 'give_example';
    case 'explanation':
      return 'give_explanation';
    case 'reask':
      return 'reask_in_own_words';
  }
}

/** Whether the rung is help that counts towards "hints needed" (the re-ask is not). */
export function isHelpRung(rung: Rung): boolean {
  return rung !== 'reask';
}

/** The hint text of a hint rung. */
export function hintText(concept: ConceptInContext, rung: 'hint1' | 'hint2' | 'hint3'): string {
  return concept.hints[rung === 'hint1' ? 0 : rung === 'hint2' ? 1 : 2];
}
