/**
 * The tutor engine interface (DESIGN.md §5).
 *
 * An engine receives the assembled four-layer context, its own saved state for the
 * conversation and the learner's message; it returns the reply and a structured account of
 * what it did. Engines never touch the database: the tutor service saves the learner's
 * message first, runs the engine outside any transaction, then saves the reply, the new
 * state and the progress change together. The built-in Socratic engine is deterministic;
 * a local language model can later sit behind the same interface.
 */
import type { PackConcept } from '../../../src/shared/content-pack.ts';

export type Pace = 'slow' | 'medium' | 'fast';
export type InteractionPreference = 'questions' | 'examples' | 'practice';
export type LearningStyle = 'visual' | 'auditory' | 'kinesthetic' | 'reading';

/** Layer 1: who the learner is. Every field but the name may be unknown (survey skipped). */
export interface LearnerProfileLayer {
  name: string;
  goals: string | null;
  backgroundInfo: string | null;
  reason: string | null;
  preferredPace: Pace | null;
  interactionPreference: InteractionPreference | null;
  learningStyle: LearningStyle | null;
  familiarity: 'none' | 'beginner' | 'intermediate' | 'advanced' | null;
  /** Share of all concepts in all modules mastered, 0–100. */
  overallCompletion: number;
}

/** A concept as the engine sees it: the pack's content plus this learner's standing. */
export interface ConceptInContext extends PackConcept {
  id: number;
  mastery: number;
  mastered: boolean;
}

/** Layer 2: the module being studied. */
export interface ModuleLayer {
  id: number;
  slug: string;
  title: string;
  learningObjectives: string[];
  systemPrompt: string;
  modulePrompt: string;
  masteryPhrases: string[];
  confusionPhrases: string[];
  /** Active (not retired) concepts in teaching order. */
  concepts: ConceptInContext[];
}

export interface TurnRecord {
  role: 'user' | 'assistant';
  content: string;
}

/** Layer 3: this conversation. */
export interface ConversationLayer {
  id: number;
  rollingSummary: string | null;
  /** The most recent turns verbatim, oldest first. */
  recentTurns: TurnRecord[];
}

/** Layer 4: what the learner worked out in other modules. */
export interface PriorKnowledgeItem {
  summaryId: number;
  moduleSlug: string;
  moduleTitle: string;
  whatLearned: string;
  keyConcepts: string[];
  understandingLevel: 'emerging' | 'developing' | 'proficient' | 'mastered';
}

export interface TutorContext {
  profile: LearnerProfileLayer;
  module: ModuleLayer;
  conversation: ConversationLayer;
  priorKnowledge: PriorKnowledgeItem[];
}

export type TutorMove =
  | 'open'
  | 'probe_missing_idea'
  | 'affirm_and_deepen'
  | 'give_hint'
  | 'give_example'
  | 'give_explanation'
  | 'reask_in_own_words'
  | 'probe_misconception'
  | 'turn_question_back'
  | 'decline_answer_request'
  | 'steer_back'
  | 'ask_check_question'
  | 'bridge_to_next_concept'
  | 'clarify_empty'
  | 'close_session';

/** What the engine detected in one learner turn. */
export interface TurnAnalysis {
  conceptSlug: string | null;
  /** Key-term group ids of the current concept this turn shows. */
  groupsShown: string[];
  /** Share of the concept's key-term groups shown so far in this concept, 0–1. */
  coverage: number;
  misconception: number | null;
  confusion: boolean;
  understandingClaimed: boolean;
  askedQuestion: boolean;
  requestedAnswer: boolean;
  offTopic: boolean;
  empty: boolean;
  nonsense: boolean;
  /** The turn answered the check question with every check term. */
  checkPassed: boolean;
  /**
   * The turn repeats a long run of the tutor's own wording (pasted back), so its key terms do
   * not count as the learner's own words. Absent in analyses from engines that do not check.
   */
  copiedFromTutor?: boolean;
}

/** What changed for a concept on this turn, evidence for progress. */
export interface ConceptEvidence {
  conceptId: number;
  conceptSlug: string;
  groupsShown: string[];
  checkPassed: boolean;
  /** The concept became mastered on this turn. */
  masteredNow: boolean;
  hintGiven: boolean;
}

/** The engine's own position in the module; saved in conversations.engine_state as JSON. */
export interface EngineState {
  version: 1;
  conceptIndex: number;
  /**
   * Rungs of the hint ladder climbed on the current concept. Usually 1–3: hints given;
   * 4: example given; 5: explanation given; 6: re-asked in the learner's own words. (A learner
   * who prefers examples meets the example as rung 2 and the hints after it; rung 5 is always
   * the explanation.)
   */
  ladderStep: number;
  awaitingCheck: boolean;
  /** Key-term groups of the current concept the learner has shown so far. */
  groupsShown: string[];
  learnerTurns: number;
  turnsOnConcept: number;
  hintsUsed: number;
  questionsAsked: number;
  misconceptionsMet: string[];
  /** Moves that came right before a concept was mastered: how breakthroughs happened. */
  breakthroughMoves: TutorMove[];
  masteredSlugs: string[];
  lastMove: TutorMove | null;
  closed: boolean;

  // Fields added by the built-in Socratic engine. Optional so that a state saved before they
  // existed still loads (the engine fills them with defaults); store engine_state verbatim so
  // they survive the round trip.
  /** Slug of the current concept, so a reordered or retired concept list does not lose the place. */
  conceptSlug?: string;
  /** Learner turns in a row on this concept that showed no new idea. */
  missStreak?: number;
  /** Check-term groups shown in answers since the check question was asked. */
  checkAnswerGroups?: string[];
  /** Indexes of the current concept's guiding questions already asked. */
  guidingUsed?: number[];
  /** Hints (ladder rungs) given per concept slug: how much help each concept needed. */
  hintsByConcept?: Record<string, number>;
  /** Position in the review cycle once the ladder is exhausted. */
  reviewStep?: number;
  /** The question the tutor last asked, re-asked after an empty or off-topic turn. */
  lastQuestion?: string;
  /** Prior-knowledge summaries already drawn on in this conversation. */
  priorKnowledgeUsed?: number[];
  /** Turns in which the learner said they were lost. */
  confusedTurns?: number;
}

export interface TutorTurn {
  reply: string;
  move: TutorMove;
  analysis: TurnAnalysis | null;
  state: EngineState;
  evidence: ConceptEvidence | null;
  /** Ids of the prior-knowledge summaries the reply drew on. */
  usedPriorKnowledge: number[];
  closesSession: boolean;
}

export interface TutorEngine {
  readonly id: string;
  /** The opening message of a new conversation. */
  open(context: TutorContext): Promise<TutorTurn>;
  /** The reply to one learner message. */
  respond(context: TutorContext, state: EngineState, learnerMessage: string): Promise<TutorTurn>;
  /** The closing session summary, when the learner finalizes the conversation. */
  close(context: TutorContext, state: EngineState): Promise<TutorTurn>;
}

/** A memory summary the tutor writes every few learner turns and on finalize. */
export interface SessionSummaryDraft {
  whatLearned: string;
  howLearned: string;
  keyConcepts: string[];
  understandingLevel: 'emerging' | 'developing' | 'proficient' | 'mastered';
  learningInsights: string;
  teachingEffectiveness: string;
}
