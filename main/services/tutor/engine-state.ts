/**
 * The Socratic engine's saved position in a module, and the small changes it goes through.
 *
 * The state is stored as JSON in conversations.engine_state and may come back from an older
 * version of the engine, or from a database layer that dropped fields it did not know; every
 * entry point therefore reads it through `normaliseState`, which fills gaps with defaults and
 * re-finds the current concept by slug if the module's concepts were reordered or retired.
 */
import type { ConceptInContext, EngineState, ModuleLayer } from './engine-types.ts';

/** The state with every optional field present: what the engine works with internally. */
export type WorkingState = Required<EngineState>;

export function initialEngineState(): WorkingState {
  return {
    version: 1,
    conceptIndex: 0,
    ladderStep: 0,
    awaitingCheck: false,
    groupsShown: [],
    learnerTurns: 0,
    turnsOnConcept: 0,
    hintsUsed: 0,
    questionsAsked: 0,
    misconceptionsMet: [],
    breakthroughMoves: [],
    masteredSlugs: [],
    lastMove: null,
    closed: false,
    conceptSlug: '',
    missStreak: 0,
    checkAnswerGroups: [],
    guidingUsed: [],
    hintsByConcept: {},
    reviewStep: 0,
    lastQuestion: '',
    priorKnowledgeUsed: [],
    confusedTurns: 0,
  };
}

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : 0);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const numbers = (value: unknown): number[] => (Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : []);

/** Per-concept progress, cleared whenever the engine moves to another concept. */
export function withFreshConcept(state: WorkingState, index: number, concept: ConceptInContext | undefined): WorkingState {
  return {
    ...state,
    conceptIndex: index,
    conceptSlug: concept?.slug ?? '',
    ladderStep: 0,
    awaitingCheck: false,
    groupsShown: [],
    turnsOnConcept: 0,
    missStreak: 0,
    checkAnswerGroups: [],
    guidingUsed: [],
    reviewStep: 0,
  };
}

/** A complete, sane working state from whatever was saved. */
export function normaliseState(saved: EngineState | null | undefined, module: ModuleLayer): WorkingState {
  const base = initialEngineState();
  if (!saved) return base;
  const hintsByConcept: Record<string, number> = {};
  for (const [slug, n] of Object.entries(saved.hintsByConcept ?? {})) hintsByConcept[slug] = count(n);
  let state: WorkingState = {
    version: 1,
    conceptIndex: count(saved.conceptIndex),
    ladderStep: count(saved.ladderStep),
    awaitingCheck: saved.awaitingCheck === true,
    groupsShown: strings(saved.groupsShown),
    learnerTurns: count(saved.learnerTurns),
    turnsOnConcept: count(saved.turnsOnConcept),
    hintsUsed: count(saved.hintsUsed),
    questionsAsked: count(saved.questionsAsked),
    misconceptionsMet: strings(saved.misconceptionsMet),
    breakthroughMoves: Array.isArray(saved.breakthroughMoves) ? [...saved.breakthroughMoves] : [],
    masteredSlugs: strings(saved.masteredSlugs),
    lastMove: saved.lastMove ?? null,
    closed: saved.closed === true,
    conceptSlug: typeof saved.conceptSlug === 'string' ? saved.conceptSlug : '',
    missStreak: count(saved.missStreak),
    checkAnswerGroups: strings(saved.checkAnswerGroups),
    guidingUsed: numbers(saved.guidingUsed),
    hintsByConcept,
    reviewStep: count(saved.reviewStep),
    lastQuestion: typeof saved.lastQuestion === 'string' ? saved.lastQuestion : '',
    priorKnowledgeUsed: numbers(saved.priorKnowledgeUsed),
    confusedTurns: count(saved.confusedTurns),
  };
  // Teachers may reorder or retire concepts between sessions: follow the concept, not the index.
  const bySlug = state.conceptSlug ? module.concepts.findIndex((c) => c.slug === state.conceptSlug) : -1;
  if (bySlug >= 0) {
    state.conceptIndex = bySlug;
  } else if (state.conceptSlug) {
    // The concept we were on is gone: start the concept now at that position afresh.
    const index = Math.min(state.conceptIndex, module.concepts.length);
    state = withFreshConcept(state, index, module.concepts[index]);
  } else {
    state.conceptIndex = Math.min(state.conceptIndex, module.concepts.length);
    state.conceptSlug = module.concepts[state.conceptIndex]?.slug ?? '';
  }
  return state;
}

/** Whether a concept counts as mastered: in the learner's record or during this conversation. */
export function isMastered(concept: ConceptInContext, state: Pick<EngineState, 'masteredSlugs'>): boolean {
  return concept.mastered || state.masteredSlugs.includes(concept.slug);
}

/**
 * Where to go after mastering the concept at `from`: the next unmastered concept in teaching
 * order, wrapping round to any skipped earlier one; null when none is left.
 */
export function nextConceptIndex(module: ModuleLayer, state: Pick<EngineState, 'masteredSlugs'>, from: number): number | null {
  const n = module.concepts.length;
  for (let step = 1; step < n; step++) {
    const index = (from + step) % n;
    const concept = module.concepts[index];
    if (concept && !isMastered(concept, state)) return index;
  }
  return null;
}

/** The concept to open with: the first not yet mastered, or the first of all (a review). */
export function openingConceptIndex(module: ModuleLayer): number {
  const index = module.concepts.findIndex((c) => !c.mastered);
  return index >= 0 ? index : 0;
}
