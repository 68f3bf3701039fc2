/**
 * The built-in Socratic engine (DESIGN.md §5): deterministic, no model needed.
 *
 * Each learner turn is analysed against the current concept (analyse-turn.ts), then one move is
 * chosen by a fixed priority (chooseMove) and phrased (compose*). The engine asks rather than
 * tells: help comes up the hint ladder (hint-ladder.ts) and the concept's explanation only ever
 * appears on the ladder's fifth rung.
 *
 * Mastery rule: a concept is mastered when the learner answers its check question and the
 * answers given since the question was asked, together, show every check-term group. One turn
 * that shows every check-term group before the check question is asked also counts as the
 * answer, but only once the learner has shown every key-term group of the concept (complete
 * coverage) — otherwise the check question is asked and the learner restates. Only the learner's
 * own words count: the tutor's replies are never analysed, a turn pasted from the tutor's text
 * is not credited, and a turn carrying an untested misconception is probed before it can pass.
 * A learner who passes after the explanation was given still masters the concept (they restated
 * it), and the hints they needed are recorded.
 */
import { analyseTurn, currentConcept, misconceptionKey, misconceptionNeedsProbe, moduleVocabulary, type Vocabulary } from './analyse-turn.ts';
import {
  initialEngineState as freshState,
  isMastered,
  nextConceptIndex,
  normaliseState,
  openingConceptIndex,
  withFreshConcept,
  type WorkingState,
} from './engine-state.ts';
import type {
  ConceptEvidence,
  ConceptInContext,
  EngineState,
  InteractionPreference,
  LearningStyle,
  Pace,
  PriorKnowledgeItem,
  TutorContext,
  TutorEngine,
  TutorMove,
  TutorTurn,
  TurnAnalysis,
} from './engine-types.ts';
import {
  climbHintLadder,
  EXPLANATION_STEP,
  hintText,
  isHelpRung,
  moveForRung,
  type LadderClimb,
  type Rung,
} from './hint-ladder.ts';
import * as W from './reply-wording.ts';
import { matchKeyTermGroups, phraseTokens, stem, tokenize, isStopword } from './text-match.ts';

export const SOCRATIC_ENGINE_ID = 'socratic-builtin';

/** A fresh engine state for a new conversation. */
export function initialEngineState(): EngineState {
  return freshState();
}

// ——— Preferences: how the learner asked to be taught. They shape moves, never content.

export interface TeachingPreferences {
  pace: Pace;
  interaction: InteractionPreference;
  style: LearningStyle | null;
  /** Share of key-term groups shown after which the check question is asked. */
  checkThreshold: number;
}

function preferencesOf(context: TutorContext): TeachingPreferences {
  const pace = context.profile.preferredPace ?? 'medium';
  return {
    pace,
    interaction: context.profile.interactionPreference ?? 'questions',
    style: context.profile.learningStyle,
    // A fast learner is asked to pull it together sooner.
    checkThreshold: pace === 'fast' ? 0.5 : 0.6,
  };
}

// ——— The move policy.

/** The move chosen for a turn, with what the reply needs to carry it out. */
export type Plan =
  | { kind: 'clarify'; nonsense: boolean }
  | { kind: 'own-words' }
  | { kind: 'steer-back' }
  | { kind: 'probe-misconception'; index: number; affirm: string[] }
  | { kind: 'master' }
  | { kind: 'decline' }
  | { kind: 'climb'; why: 'confused' | 'missed' | 'repeated-question' }
  | { kind: 'question-back' }
  | { kind: 'ask-check'; affirm: string[]; claimed: boolean }
  | { kind: 'deepen'; affirm: string[] }
  | { kind: 'check-partial'; affirm: string[] }
  | { kind: 'probe-missing' };

/**
 * Pick what to do with one analysed turn. Priority, highest first:
 * empty/nonsense → clarify; pasted tutor text → ask for their own words; off topic → steer back;
 * an untested misconception → probe it; check passed → master (bridge or close); then, only when
 * the turn shows no key idea at all: a request for the answer → decline with the next rung;
 * confusion → climb the ladder; a question → turn it back (twice in a row → climb); "I get it"
 * → ask the check question. Otherwise the turn is an attempt or a miss: while the check question
 * is open, partial answers are affirmed and the missing part probed; before it, new ideas are
 * affirmed and deepened until coverage is good enough to ask the check question. A miss is met
 * with a guiding question first and the hint ladder when misses repeat.
 *
 * A turn that shows a key idea is treated as an attempt even when it is hedged ("not sure, but
 * maybe…") or phrased as a question: the learner is offering an answer, and it should count.
 */
export function chooseMove(
  analysis: TurnAnalysis,
  before: WorkingState,
  concept: ConceptInContext,
  prefs: TeachingPreferences,
): Plan {
  if (analysis.empty) return { kind: 'clarify', nonsense: false };
  if (analysis.nonsense) return { kind: 'clarify', nonsense: true };
  if (analysis.copiedFromTutor) return { kind: 'own-words' };
  if (analysis.offTopic) return { kind: 'steer-back' };

  const newGroups = analysis.groupsShown.filter((g) => !before.groupsShown.includes(g));
  if (analysis.misconception !== null && misconceptionNeedsProbe(concept, before, analysis.misconception, analysis.groupsShown)) {
    return { kind: 'probe-misconception', index: analysis.misconception, affirm: newGroups };
  }
  if (analysis.checkPassed) return { kind: 'master' };

  const attempt = analysis.groupsShown.length > 0;
  if (!attempt) {
    if (analysis.requestedAnswer) return { kind: 'decline' };
    if (analysis.confusion) return { kind: 'climb', why: 'confused' };
    if (analysis.askedQuestion) {
      // Turning every question back would leave a learner going round in circles.
      return before.lastMove === 'turn_question_back' ? { kind: 'climb', why: 'repeated-question' } : { kind: 'question-back' };
    }
    if (analysis.understandingClaimed) return { kind: 'ask-check', affirm: [], claimed: true };
  }

  if (before.awaitingCheck) {
    const answered = new Set(before.checkAnswerGroups);
    const newCheckGroups = analysis.groupsShown.filter((g) => concept.checkTerms.includes(g) && !answered.has(g));
    if (newGroups.length > 0 || newCheckGroups.length > 0) {
      return { kind: 'check-partial', affirm: [...new Set([...newCheckGroups, ...newGroups])] };
    }
    return missed(before, concept);
  }

  // Readiness counts everything shown so far, not just this turn: a learner whose earlier ideas
  // were interrupted (say, by a misconception probe) and who restates them is ready too.
  const shown = new Set([...before.groupsShown, ...analysis.groupsShown]);
  const ready = concept.checkTerms.every((id) => shown.has(id)) || analysis.coverage >= prefs.checkThreshold;
  if (attempt && ready) return { kind: 'ask-check', affirm: newGroups, claimed: false };
  if (newGroups.length > 0) return { kind: 'deepen', affirm: newGroups };
  return missed(before, concept);
}

/** A turn with nothing new: a guiding question the first time, the ladder when misses repeat. */
function missed(before: WorkingState, concept: ConceptInContext): Plan {
  const firstMiss = before.missStreak === 0;
  const guidingLeft = concept.guidingQuestions.some((_, i) => !before.guidingUsed.includes(i));
  return firstMiss && guidingLeft ? { kind: 'probe-missing' } : { kind: 'climb', why: 'missed' };
}

// ——— Building replies.

/** What one composed reply changes, besides its text. */
interface Composed {
  reply: string;
  move: TutorMove;
  state: WorkingState;
  hintGiven: boolean;
  masteredNow: boolean;
  usedPriorKnowledge: number[];
  closesSession: boolean;
}

/** Everything a composer needs about the turn in hand. */
interface Scene {
  context: TutorContext;
  concept: ConceptInContext;
  prefs: TeachingPreferences;
}

/** Picks one phrasing for a slot of a reply. */
type Chooser = <T>(slot: string, options: readonly T[]) => T;

/** Whether connective text would name an idea of the concept the learner has not shown yet. */
function namesUnshownIdea(text: string, concept: ConceptInContext, shown: readonly string[]): boolean {
  return matchKeyTermGroups(text.replace(/\{\w+\}/g, ' '), concept.keyTerms).some((id) => !shown.includes(id));
}

/**
 * The phrasing chooser for one reply: seeded by the conversation, the learner's turn count, the
 * move and the slot, so it is deterministic but varied. With a concept given, phrasings that
 * would happen to name one of its unshown ideas ("a different way" in a lesson where "different
 * ways" is a key phrasing) are passed over, so the tutor's own words never hand over a key term.
 */
function seededPicker(context: TutorContext, state: WorkingState, move: string, concept?: ConceptInContext): Chooser {
  return <T>(slot: string, options: readonly T[]): T => {
    const safe = concept
      ? options.filter((o) => typeof o !== 'string' || !namesUnshownIdea(o, concept, state.groupsShown))
      : options;
    return W.pick(safe.length > 0 ? safe : options, W.replySeed(context.conversation.id, state.learnerTurns, move, slot));
  };
}

/** Key-term groups of the concept the learner has not shown yet, check terms first. */
function missingGroups(concept: ConceptInContext, shown: readonly string[]): string[] {
  const missing = concept.keyTerms.map((g) => g.id).filter((id) => !shown.includes(id));
  return [...missing.filter((id) => concept.checkTerms.includes(id)), ...missing.filter((id) => !concept.checkTerms.includes(id))];
}

function contentStems(text: string): Set<string> {
  return new Set(tokenize(text).filter((t) => t.length >= 3 && !isStopword(t)).map(stem));
}

/**
 * The unused guiding question that best points at the missing idea: the one sharing most words
 * with the idea's phrasings and label (earliest on a tie). Null when every one has been asked.
 */
export function chooseGuidingQuestion(
  concept: ConceptInContext,
  used: readonly number[],
  targetGroupIds: readonly string[],
): { index: number; text: string } | null {
  const target = targetGroupIds[0];
  const group = concept.keyTerms.find((g) => g.id === target);
  const targetWords = new Set<string>();
  if (group) {
    for (const p of [group.label, ...group.phrasings]) for (const w of phraseTokens(p)) targetWords.add(w);
  }
  let best: { index: number; text: string; score: number } | null = null;
  for (const [index, text] of concept.guidingQuestions.entries()) {
    if (used.includes(index)) continue;
    const score = [...contentStems(text)].filter((w) => targetWords.has(w)).length;
    if (!best || score > best.score) best = { index, text, score };
  }
  return best ? { index: best.index, text: best.text } : null;
}

/**
 * Ask the guiding question that best points at `targets` (or the fallback once every one has
 * been asked), and the state that remembers asking it.
 */
function askTowards(
  state: WorkingState,
  concept: ConceptInContext,
  targets: readonly string[],
  fallback: () => string,
): { question: string; guided: boolean; state: WorkingState } {
  const guiding = chooseGuidingQuestion(concept, state.guidingUsed, targets);
  const question = guiding?.text ?? fallback();
  return {
    question,
    guided: guiding !== null,
    state: { ...state, guidingUsed: guiding ? [...state.guidingUsed, guiding.index] : state.guidingUsed, lastQuestion: question },
  };
}

/** Name, by their labels, the ideas the learner got right. A slow pace affirms one at a time. */
export function affirmSpecifically(
  groupIds: readonly string[],
  concept: ConceptInContext,
  prefs: TeachingPreferences,
  choose: Chooser,
): string | null {
  const labels = groupIds
    .map((id) => concept.keyTerms.find((g) => g.id === id)?.label)
    .filter((l): l is string => typeof l === 'string')
    .map((l) => W.labelInSentence(l.replace(/[.\s]+$/, ''), concept));
  if (labels.length === 0) return null;
  const ideas = prefs.pace === 'slow' ? [labels[0] ?? ''] : labels;
  return W.fill(choose('affirm', W.AFFIRMATIONS), { ideas: ideas.join('; and ') });
}

/** Phrase a question as a task for a learner who prefers practice. */
function asTaskIfPractice(question: string, prefs: TeachingPreferences, choose: Chooser): string[] {
  return prefs.interaction === 'practice' ? [choose('task', W.TASK_LEADS), question] : [question];
}

/** The question the learner is currently working on, for re-asking after a stray turn. */
function currentQuestion(state: WorkingState, concept: ConceptInContext): string {
  if (state.awaitingCheck) return concept.checkQuestion;
  return state.lastQuestion || concept.guidingQuestions[0] || concept.checkQuestion;
}

/**
 * Whether a reply would state every check term of the concept before the learner has shown
 * them all — the reply would hand over the answer. Authored hints are written to avoid this;
 * this guards the connective text (titles, labels) around them.
 */
function revealsAnswer(reply: string, concept: ConceptInContext, state: WorkingState): boolean {
  if (state.ladderStep >= EXPLANATION_STEP) return false;
  const learnerShown = new Set(state.groupsShown);
  if (concept.checkTerms.every((id) => learnerShown.has(id))) return false;
  const revealed = new Set(matchKeyTermGroups(reply, concept.keyTerms));
  return concept.checkTerms.every((id) => revealed.has(id));
}

/** One piece of a reply. Optional pieces (titles, mostly) give way to a fallback if they leak. */
interface ReplyPart {
  text: string | null | undefined;
  optional?: boolean;
  fallback?: string;
}

/** Build a reply from its parts, swapping optional ones for their fallback if the reply would leak. */
function assemble(parts: readonly ReplyPart[], concept: ConceptInContext, state: WorkingState, choose: Chooser): string {
  const full = W.joinSentences(parts.map((p) => p.text));
  const safe = revealsAnswer(full, concept, state) ? W.joinSentences(parts.map((p) => (p.optional ? p.fallback : p.text))) : full;
  return W.ensureEndsWithQuestion(safe, (options) => choose('closing-question', options));
}

interface RungContent {
  text: string;
  question: string;
  move: TutorMove;
  help: boolean;
}

/** The words of one rung (or review item) of the hint ladder. */
function rungContent(climb: LadderClimb, scene: Scene, choose: Chooser): RungContent {
  const { concept } = scene;
  if (climb.kind === 'review' && climb.item.kind === 'guiding') {
    const question = concept.guidingQuestions[climb.item.index] ?? concept.checkQuestion;
    return { text: W.joinSentences([choose('review-lead', W.REVIEW_LEADS), question]), question, move: 'probe_missing_idea', help: false };
  }
  const rung: Rung = climb.kind === 'rung' ? climb.rung : climb.item.kind === 'rung' ? climb.item.rung : 'reask';
  return { ...rungWords(rung, climb.kind === 'review', scene, choose), move: moveForRung(rung), help: isHelpRung(rung) };
}

/** What the tutor says on a rung, and the question the learner is left with. */
function rungWords(rung: Rung, inReview: boolean, scene: Scene, choose: Chooser): { text: string; question: string } {
  const { concept, prefs } = scene;
  const style = prefs.style ?? 'default';
  switch (rung) {
    case 'hint1':
    case 'hint2':
    case 'hint3': {
      const hint = hintText(concept, rung);
      const question = W.endsWithQuestion(hint) ? hint : choose('hint-follow', W.HINT_FOLLOW_UPS);
      return { text: W.joinSentences([choose('hint-lead', W.HINT_LEADS), hint, W.endsWithQuestion(hint) ? null : question]), question };
    }
    case 'example': {
      const lead = prefs.interaction === 'practice' ? choose('example-lead', W.EXAMPLE_LEADS_PRACTICE) : choose('example-lead', W.EXAMPLE_LEADS[style]);
      const scenario = concept.exampleScenario;
      const question = W.endsWithQuestion(scenario) ? W.lastQuestionIn(scenario) : choose('example-follow', W.EXAMPLE_FOLLOW_UPS);
      return { text: W.joinSentences([lead, scenario, W.endsWithQuestion(scenario) ? null : question]), question };
    }
    case 'explanation': {
      const question = choose('explanation-follow', W.EXPLANATION_FOLLOW_UPS);
      return { text: W.joinSentences([choose('explanation-lead', W.EXPLANATION_LEADS), concept.explanation, question]), question };
    }
    case 'reask': {
      const question = concept.checkQuestion;
      const asksOwnWords = /own words/i.test(question);
      const bank = style === 'default' && asksOwnWords ? W.REASK_LEADS_PLAIN : W.REASK_LEADS[style];
      // In a review round the re-ask gets a fresh lead too, so it does not repeat word for word.
      const review = inReview ? choose('review-lead', W.REVIEW_LEADS) : null;
      return { text: W.joinSentences([review, choose('reask-lead', bank), question]), question };
    }
  }
}

/** Climb one rung (or review item) and record what that means for the state. */
function climbHintLadderFor(scene: Scene, state: WorkingState, choose: Chooser) {
  const { concept, prefs } = scene;
  const climb = climbHintLadder(state.ladderStep, state.reviewStep, concept, prefs.interaction);
  const content = rungContent(climb, scene, choose);
  let next: WorkingState =
    climb.kind === 'rung' ? { ...state, ladderStep: climb.step } : { ...state, reviewStep: climb.reviewStep };
  if (content.help) {
    next = {
      ...next,
      hintsUsed: next.hintsUsed + 1,
      hintsByConcept: { ...next.hintsByConcept, [concept.slug]: (next.hintsByConcept[concept.slug] ?? 0) + 1 },
    };
  }
  if (content.move === 'reask_in_own_words' && !next.awaitingCheck) {
    // The re-ask is the check question in the learner's own words: answering it can master.
    next = { ...next, awaitingCheck: true, checkAnswerGroups: [] };
  }
  if (climb.kind === 'review' && climb.item.kind === 'guiding') {
    next = { ...next, guidingUsed: [...new Set([...next.guidingUsed, climb.item.index])] };
  }
  return { content, state: { ...next, lastQuestion: content.question } };
}

// ——— Prior knowledge from other modules.

function otherModuleKnowledge(context: TutorContext): PriorKnowledgeItem[] {
  return context.priorKnowledge.filter((p) => p.moduleSlug !== context.module.slug);
}

function relevance(item: PriorKnowledgeItem, vocabulary: Vocabulary): number {
  const words = contentStems([item.whatLearned, ...item.keyConcepts].join(' '));
  return [...words].filter((w) => vocabulary.has(w)).length;
}

/** "“A” and “B”", from the item's key concepts (slugs read as words), or its first sentence. */
function describePriorKnowledge(item: PriorKnowledgeItem): string {
  const concepts = item.keyConcepts
    .slice(0, 2)
    .map((k) => (/^[a-z0-9]+(-[a-z0-9]+)+$/.test(k) ? k.replace(/-/g, ' ') : k))
    .map((k) => `“${W.quoteSafely(k, 60)}”`);
  if (concepts.length > 0) return W.listInProse(concepts);
  return `“${W.quoteSafely(W.firstSentence(item.whatLearned), 120)}”`;
}

/** What prior knowledge must share words with to be bridged to this concept: its title, teaching text and idea labels. */
function bridgeVocabulary(concept: ConceptInContext): Set<string> {
  return contentStems(
    [concept.title, concept.explanation, concept.exampleScenario, ...concept.guidingQuestions, ...concept.keyTerms.map((g) => g.label)].join(' '),
  );
}

/** The item sharing most words with the vocabulary, above `floor` (the first listed on a tie). */
function mostRelevant(items: readonly PriorKnowledgeItem[], vocabulary: Vocabulary, floor: number): PriorKnowledgeItem | null {
  let best: PriorKnowledgeItem | null = null;
  let bestScore = floor;
  for (const item of items) {
    const score = relevance(item, vocabulary);
    if (score > bestScore) {
      best = item;
      bestScore = score;
    }
  }
  return best;
}

/** The most relevant prior-knowledge item for the opening: any item will do, a related one first. */
function priorKnowledgeForOpening(context: TutorContext): PriorKnowledgeItem | null {
  return mostRelevant(otherModuleKnowledge(context), moduleVocabulary(context.module), -1);
}

/** A not-yet-used item that clearly relates to the next concept (two shared words or more). */
function priorKnowledgeForBridge(context: TutorContext, concept: ConceptInContext, used: readonly number[]): PriorKnowledgeItem | null {
  const unused = otherModuleKnowledge(context).filter((item) => !used.includes(item.summaryId));
  return mostRelevant(unused, bridgeVocabulary(concept), 1);
}

// ——— The moves, one composer each.

/** What the learner told us in onboarding, said back to them: goals, then reason, then background. */
function personalLines(profile: TutorContext['profile'], choose: Chooser): string[] {
  const lines: string[] = [];
  if (profile.goals?.trim()) lines.push(W.fill(choose('goals', W.GOAL_LINES), { goals: W.quoteSafely(profile.goals, 100) }));
  if (profile.reason?.trim()) lines.push(W.fill(choose('reason', W.REASON_LINES), { reason: W.quoteSafely(profile.reason, 100) }));
  if (profile.backgroundInfo?.trim()) {
    lines.push(W.fill(choose('background', W.BACKGROUND_LINES), { background: W.quoteSafely(profile.backgroundInfo, 80) }));
  }
  return lines;
}

function composeOpening(context: TutorContext): Composed {
  const module = context.module;
  const index = openingConceptIndex(module);
  let state = withFreshConcept(freshState(), index, module.concepts[index]);
  const concept = module.concepts[index];
  const choose = seededPicker(context, state, 'open', concept);
  if (!concept) {
    return {
      reply: `Hi ${W.quoteSafely(context.profile.name, 60)}! *${module.title}* has no ideas to work through yet — please check back once your teacher has added some.`,
      move: 'close_session',
      state: { ...state, closed: true, lastMove: 'close_session' },
      hintGiven: false,
      masteredNow: false,
      usedPriorKnowledge: [],
      closesSession: true,
    };
  }
  const prefs = preferencesOf(context);
  const profile = context.profile;
  const name = W.quoteSafely(profile.name, 60) || 'there';
  const total = module.concepts.length;
  const masteredCount = module.concepts.filter((c) => c.mastered).length;
  const values = { name, module: module.title, title: concept.title, n: String(total), k: String(masteredCount) };

  const intro =
    masteredCount === total
      ? choose('intro', W.REVIEW_INTROS)
      : masteredCount > 0
        ? choose('intro', W.RESUME_INTROS)
        : choose('intro', W.MODULE_INTROS);

  const prior = priorKnowledgeForOpening(context);
  const priorLine = prior
    ? W.fill(choose('prior', W.PRIOR_KNOWLEDGE_OPENINGS), { module: W.quoteSafely(prior.moduleTitle, 80), what: describePriorKnowledge(prior) })
    : null;

  const question = concept.guidingQuestions[0] ?? concept.checkQuestion;
  const lead =
    prefs.interaction === 'practice'
      ? choose('task', W.FIRST_QUESTION_LEADS_PRACTICE)
      : prefs.pace === 'slow'
        ? choose('slow', W.FIRST_QUESTION_LEADS_SLOW)
        : null;

  state = { ...state, guidingUsed: [0], lastQuestion: question, lastMove: 'open', priorKnowledgeUsed: prior ? [prior.summaryId] : [] };
  const reply = assemble(
    [
      { text: W.fill(choose('greeting', W.GREETINGS), values) },
      // Two personal lines at most keeps the opening short.
      ...personalLines(profile, choose).slice(0, 2).map((text) => ({ text })),
      { text: W.fill(intro, values), optional: true, fallback: `Welcome to *${module.title}*.` },
      { text: priorLine },
      { text: lead },
      { text: question },
    ],
    concept,
    state,
    choose,
  );
  return {
    reply,
    move: 'open',
    state,
    hintGiven: false,
    masteredNow: false,
    usedPriorKnowledge: prior ? [prior.summaryId] : [],
    closesSession: false,
  };
}

/** The concepts this conversation saw mastered, and the one in progress, as titles. */
function sessionOutline(context: TutorContext, state: WorkingState): { mastered: string[]; current: ConceptInContext | null } {
  const mastered = context.module.concepts.filter((c) => state.masteredSlugs.includes(c.slug)).map((c) => c.title);
  const current = state.closed ? null : currentConcept(context.module, state);
  return { mastered, current: current && !isMastered(current, state) ? current : null };
}

function composeClosing(context: TutorContext, state: WorkingState, lead: string | null): Composed {
  const choose = seededPicker(context, state, 'close_session');
  const name = W.quoteSafely(context.profile.name, 60) || 'there';
  const module = context.module;
  const allDone = module.concepts.length > 0 && module.concepts.every((c) => isMastered(c, state));
  const { mastered, current } = sessionOutline(context, state);
  const values = { name, module: module.title };
  const titles = (list: readonly string[]) => W.listInProse(list.map((t) => `*${t}*`));
  const parts: (string | null)[] = [lead];
  if (allDone) {
    parts.push(W.fill(choose('complete', W.CLOSE_COMPLETE), values));
    if (mastered.length > 0) parts.push(`In this session you worked through ${titles(mastered)}.`);
    parts.push('Next, pick another module — or come back to any idea here whenever you want a refresher.');
  } else {
    parts.push(W.fill(choose('partial', W.CLOSE_PARTIAL), values));
    if (mastered.length > 0) parts.push(`You mastered ${titles(mastered)}.`);
    const next = current ?? module.concepts.find((c) => !isMastered(c, state)) ?? null;
    if (current && state.groupsShown.length > 0) {
      const ideas = current.keyTerms.filter((g) => state.groupsShown.includes(g.id)).map((g) => W.labelInSentence(g.label, current));
      parts.push(`On *${current.title}* you had already worked out this much: ${ideas.join('; ')}.`);
    }
    if (next) parts.push(`Next time we'll pick up with *${next.title}*.`);
  }
  return {
    reply: W.joinSentences(parts),
    move: 'close_session',
    state: { ...state, closed: true, lastMove: 'close_session', awaitingCheck: false },
    hintGiven: false,
    masteredNow: false,
    usedPriorKnowledge: [],
    closesSession: true,
  };
}

/** Mastered: affirm what they showed, then bridge to the next concept or close the session. */
function composeMastery(scene: Scene, before: WorkingState, state: WorkingState, choose: Chooser): Composed {
  const { context, concept, prefs } = scene;
  const affirm = affirmSpecifically(concept.checkTerms, concept, prefs, choose);
  const masteredState: WorkingState = {
    ...state,
    masteredSlugs: [...new Set([...state.masteredSlugs, concept.slug])],
    breakthroughMoves: [...state.breakthroughMoves, before.lastMove ?? 'open'],
    awaitingCheck: false,
  };
  const masteredLine = W.fill(choose('mastered', W.MASTERED_LINES), { title: concept.title });
  const nextIndex = nextConceptIndex(context.module, masteredState, state.conceptIndex);
  const next = nextIndex === null ? undefined : context.module.concepts[nextIndex];
  if (nextIndex === null || !next) {
    const closing = composeClosing(context, masteredState, W.joinSentences([affirm]));
    return { ...closing, masteredNow: true };
  }
  let bridged = withFreshConcept(masteredState, nextIndex, next);
  // Words about the next concept are checked against its ideas, none of which is shown yet.
  const nextChoose = seededPicker(context, bridged, 'bridge', next);
  const prior = priorKnowledgeForBridge(context, next, bridged.priorKnowledgeUsed);
  const priorLine = prior
    ? W.fill(nextChoose('prior', W.PRIOR_KNOWLEDGE_BRIDGES), { module: W.quoteSafely(prior.moduleTitle, 80), what: describePriorKnowledge(prior) })
    : null;
  const question = next.guidingQuestions[0] ?? next.checkQuestion;
  bridged = {
    ...bridged,
    guidingUsed: [0],
    lastQuestion: question,
    priorKnowledgeUsed: prior ? [...bridged.priorKnowledgeUsed, prior.summaryId] : bridged.priorKnowledgeUsed,
  };
  const reply = assemble(
    [
      { text: affirm },
      { text: prefs.pace === 'slow' ? null : masteredLine },
      { text: W.fill(nextChoose('next', W.NEXT_LINES), { next: next.title }), optional: true, fallback: 'Now for the next idea.' },
      { text: priorLine },
      ...asTaskIfPractice(question, prefs, nextChoose).map((text) => ({ text })),
    ],
    next,
    bridged,
    nextChoose,
  );
  return {
    reply,
    move: 'bridge_to_next_concept',
    state: bridged,
    hintGiven: false,
    masteredNow: true,
    usedPriorKnowledge: prior ? [prior.summaryId] : [],
    closesSession: false,
  };
}

/** Carry out a plan: the reply's words and the state after it. */
function carryOut(plan: Plan, scene: Scene, before: WorkingState, state: WorkingState): Composed {
  const { context, concept, prefs } = scene;
  const choose = seededPicker(context, state, plan.kind, concept);
  const result = (move: TutorMove, parts: ReplyPart[], next: WorkingState, hintGiven = false): Composed => ({
    reply: assemble(parts, concept, next, choose),
    move,
    state: next,
    hintGiven,
    masteredNow: false,
    usedPriorKnowledge: [],
    closesSession: false,
  });
  const softener = prefs.pace === 'slow' ? choose('soft', W.SLOW_SOFTENERS) : null;

  switch (plan.kind) {
    case 'clarify': {
      const lead = choose('lead', plan.nonsense ? W.NONSENSE_LEADS : W.EMPTY_LEADS);
      return result('clarify_empty', [{ text: lead }, { text: choose('tie', W.CLARIFY_TIES) }, { text: currentQuestion(state, concept) }], state);
    }
    case 'own-words': {
      const question = currentQuestion(state, concept);
      return result('reask_in_own_words', [{ text: choose('lead', W.OWN_WORDS_LEADS) }, { text: question }], { ...state, lastQuestion: question });
    }
    case 'steer-back': {
      const question = currentQuestion(state, concept);
      const lead = W.fill(choose('lead', W.STEER_BACK_LEADS), { title: concept.title });
      return result('steer_back', [{ text: lead, optional: true, fallback: "Let's get back to our question." }, { text: question }], state);
    }
    case 'probe-misconception': {
      const misconception = concept.misconceptions[plan.index];
      const probe = misconception?.probe ?? currentQuestion(state, concept);
      const next: WorkingState = {
        ...state,
        misconceptionsMet: [...new Set([...state.misconceptionsMet, misconceptionKey(concept.slug, plan.index)])],
        lastQuestion: probe,
      };
      const affirm = prefs.pace === 'slow' ? null : affirmSpecifically(plan.affirm, concept, prefs, choose);
      return result('probe_misconception', [{ text: affirm }, { text: choose('lead', W.MISCONCEPTION_LEADS) }, { text: probe }], next);
    }
    case 'master':
      return composeMastery(scene, before, state, choose);
    case 'decline': {
      const afterExplanation = state.ladderStep >= EXPLANATION_STEP;
      const climbed = climbHintLadderFor(scene, state, choose);
      const lead = choose('lead', afterExplanation ? W.DECLINE_AFTER_EXPLANATION : W.DECLINE_LEADS);
      return result('decline_answer_request', [{ text: lead }, { text: climbed.content.text }], climbed.state, climbed.content.help);
    }
    case 'climb': {
      const climbed = climbHintLadderFor(scene, state, choose);
      const bank = plan.why === 'confused' ? W.CONFUSED_LEADS : plan.why === 'repeated-question' ? W.REPEATED_QUESTION_LEADS : W.MISSED_LEADS;
      // A slow pace gets one gentle sentence and the help; no stacked lead-ins.
      const lead = softener ?? choose('lead', bank);
      return result(climbed.content.move, [{ text: lead }, { text: climbed.content.text }], climbed.state, climbed.content.help);
    }
    case 'question-back': {
      const asked = askTowards(state, concept, missingGroups(concept, state.groupsShown), () => currentQuestion(state, concept));
      return result(
        'turn_question_back',
        [{ text: choose('lead', W.QUESTION_BACK_LEADS) }, { text: choose('tie', W.QUESTION_BACK_TIES) }, { text: asked.question }],
        asked.state,
      );
    }
    case 'ask-check': {
      const affirm = affirmSpecifically(plan.affirm, concept, prefs, choose);
      const lead = plan.claimed
        ? choose('lead', W.CHECK_LEADS_CLAIMED)
        : prefs.interaction === 'practice'
          ? choose('lead', W.CHECK_LEADS_PRACTICE)
          : prefs.pace === 'slow'
            ? null
            : choose('lead', W.CHECK_LEADS);
      const next: WorkingState = {
        ...state,
        awaitingCheck: true,
        checkAnswerGroups: state.awaitingCheck ? state.checkAnswerGroups : [],
        lastQuestion: concept.checkQuestion,
      };
      return result('ask_check_question', [{ text: affirm }, { text: lead }, { text: concept.checkQuestion }], next);
    }
    case 'deepen': {
      const affirm = affirmSpecifically(plan.affirm, concept, prefs, choose);
      const asked = askTowards(state, concept, missingGroups(concept, state.groupsShown), () => choose('generic', W.GENERIC_DEEPEN_QUESTIONS));
      const lead = prefs.pace === 'slow' ? null : choose('lead', W.DEEPEN_LEADS);
      return result(
        'affirm_and_deepen',
        [{ text: affirm }, { text: lead }, ...asTaskIfPractice(asked.question, prefs, choose).map((text) => ({ text }))],
        asked.state,
      );
    }
    case 'check-partial': {
      const affirm = affirmSpecifically(plan.affirm, concept, prefs, choose);
      const missingCheck = concept.checkTerms.filter((id) => !state.checkAnswerGroups.includes(id));
      const asked = askTowards(state, concept, missingCheck, () => choose('question', W.PARTIAL_CHECK_QUESTIONS));
      return result('probe_missing_idea', [{ text: affirm }, { text: choose('lead', W.PARTIAL_CHECK_LEADS) }, { text: asked.question }], asked.state);
    }
    case 'probe-missing': {
      const asked = askTowards(state, concept, missingGroups(concept, state.groupsShown), () => '');
      if (!asked.guided) return carryOut({ kind: 'climb', why: 'missed' }, scene, before, state);
      return result(
        'probe_missing_idea',
        [{ text: softener ?? choose('lead', W.PROBE_LEADS) }, ...asTaskIfPractice(asked.question, prefs, choose).map((text) => ({ text }))],
        asked.state,
      );
    }
  }
}

/** What this turn adds to the running record, before any move is made. */
function recordTurn(before: WorkingState, analysis: TurnAnalysis, concept: ConceptInContext, plan: Plan): WorkingState {
  const newGroups = analysis.groupsShown.filter((g) => !before.groupsShown.includes(g));
  const checkGroups = before.awaitingCheck
    ? [...new Set([...before.checkAnswerGroups, ...analysis.groupsShown.filter((g) => concept.checkTerms.includes(g))])]
    : before.checkAnswerGroups;
  const progressed = newGroups.length > 0 || checkGroups.length > before.checkAnswerGroups.length;
  const isMiss = plan.kind === 'probe-missing' || (plan.kind === 'climb' && plan.why === 'missed');
  return {
    ...before,
    learnerTurns: before.learnerTurns + 1,
    turnsOnConcept: before.turnsOnConcept + 1,
    groupsShown: [...before.groupsShown, ...newGroups],
    checkAnswerGroups: checkGroups,
    questionsAsked: before.questionsAsked + (analysis.askedQuestion ? 1 : 0),
    confusedTurns: before.confusedTurns + (analysis.confusion ? 1 : 0),
    missStreak: progressed ? 0 : isMiss ? before.missStreak + 1 : before.missStreak,
  };
}

function toTurn(composed: Composed, analysis: TurnAnalysis | null, evidence: ConceptEvidence | null): TutorTurn {
  return {
    reply: composed.reply,
    move: composed.move,
    analysis,
    state: { ...composed.state, lastMove: composed.move },
    evidence,
    usedPriorKnowledge: composed.usedPriorKnowledge,
    closesSession: composed.closesSession,
  };
}

/** The synchronous heart of `respond`, exported for scripted runs and tests. */
export function respondToTurn(context: TutorContext, saved: EngineState, learnerMessage: string): TutorTurn {
  const before = normaliseState(saved, context.module);
  const concept = currentConcept(context.module, before);
  if (before.closed || !concept) {
    const state = { ...before, learnerTurns: before.learnerTurns + 1, closed: true };
    const choose = seededPicker(context, state, 'after-close');
    return toTurn(
      { reply: choose('lead', W.AFTER_CLOSE), move: 'close_session', state, hintGiven: false, masteredNow: false, usedPriorKnowledge: [], closesSession: true },
      null,
      null,
    );
  }
  const prefs = preferencesOf(context);
  const analysis = analyseTurn(context, before, learnerMessage);
  const plan = chooseMove(analysis, before, concept, prefs);
  const recorded = recordTurn(before, analysis, concept, plan);
  const composed = carryOut(plan, { context, concept, prefs }, before, recorded);
  const noAttempt = analysis.empty || analysis.nonsense || analysis.offTopic;
  const evidence: ConceptEvidence | null = noAttempt
    ? null
    : {
        conceptId: concept.id,
        conceptSlug: concept.slug,
        groupsShown: analysis.groupsShown,
        checkPassed: composed.masteredNow,
        masteredNow: composed.masteredNow,
        hintGiven: composed.hintGiven,
      };
  return toTurn(composed, { ...analysis, checkPassed: composed.masteredNow }, evidence);
}

export function openConversation(context: TutorContext): TutorTurn {
  return toTurn(composeOpening(context), null, null);
}

export function closeConversation(context: TutorContext, saved: EngineState): TutorTurn {
  const state = normaliseState(saved, context.module);
  return toTurn(composeClosing(context, state, null), null, null);
}

export function createSocraticEngine(): TutorEngine {
  return {
    id: SOCRATIC_ENGINE_ID,
    open: async (context) => openConversation(context),
    respond: async (context, state, learnerMessage) => respondToTurn(context, state, learnerMessage),
    close: async (context, state) => closeConversation(context, state),
  };
}
