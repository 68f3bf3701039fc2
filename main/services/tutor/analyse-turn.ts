/**
 * Reading one learner turn against the current concept (DESIGN.md §5).
 *
 * The analysis only ever looks at the learner's own message: the tutor's replies are never
 * analysed, so nothing the tutor says can count as the learner showing an idea. It reports
 * what it detects; the engine's move policy decides what to do about it.
 */
import type { ConceptInContext, EngineState, ModuleLayer, TutorContext, TurnAnalysis } from './engine-types.ts';
import {
  isStopword,
  matchesSequence,
  matchesSignal,
  matchKeyTermGroups,
  stem,
  tokenize,
  turnTokens,
} from './text-match.ts';
import {
  ANSWER_REQUEST_PHRASES,
  COMMON_WORDS,
  DEFAULT_CONFUSION_PHRASES,
  DEFAULT_MASTERY_PHRASES,
  FILLER_WORDS,
  KEYBOARD_ROWS,
  OFF_TOPIC_WORDS,
  QUESTION_OPENERS,
} from './word-lists.ts';

/** A run of this many words shared with the tutor's own text is pasting, not rephrasing. */
const COPIED_RUN_LENGTH = 9;

/** The concept the engine is on, or null when the module has none left to teach. */
export function currentConcept(module: ModuleLayer, state: Pick<EngineState, 'conceptIndex'>): ConceptInContext | null {
  return module.concepts[state.conceptIndex] ?? null;
}

/**
 * The stemmed content words of everything the module is about: titles, objectives, prompts and
 * every concept's material. Overlap with it is what keeps a turn "on topic".
 */
function addVocabulary(vocabulary: Set<string>, texts: readonly string[]): void {
  for (const text of texts) {
    for (const token of tokenize(text)) {
      if (token.length >= 3 && !isStopword(token) && !FILLER_WORDS.has(token)) vocabulary.add(stem(token));
    }
  }
}

/**
 * A concept's words, kept per concept: the context is assembled afresh for every reply, but a
 * concept's key-term list is the same object until the concept is edited (the concept cache in
 * main/repositories/hot-reads.ts hands out the same parsed rows), so it keys the cache.
 */
const CONCEPT_VOCABULARY = new WeakMap<object, Set<string>>();

function conceptVocabulary(c: ModuleLayer['concepts'][number]): Set<string> {
  const cached = CONCEPT_VOCABULARY.get(c.keyTerms);
  if (cached) return cached;
  const texts = [c.title, c.explanation, c.checkQuestion, c.exampleScenario, ...c.guidingQuestions, ...c.hints];
  for (const g of c.keyTerms) texts.push(g.label, ...g.phrasings);
  for (const m of c.misconceptions) texts.push(m.statement, ...m.signals);
  const vocabulary = new Set<string>();
  addVocabulary(vocabulary, texts);
  CONCEPT_VOCABULARY.set(c.keyTerms, vocabulary);
  return vocabulary;
}

/** The words a module's texts use, stemmed; only ever asked whether it has a word. */
export interface Vocabulary {
  has(word: string): boolean;
}

const MODULE_VOCABULARY = new WeakMap<ModuleLayer, Vocabulary>();
/** The module's own texts, keyed like concepts by a list that stays the same object until edited. */
const MODULE_TEXT_VOCABULARY = new WeakMap<object, Set<string>>();

/**
 * The module's vocabulary is its own words and each concept's words, looked up in place: the
 * module layer is built afresh for every reply, and merging several thousand words into one
 * set each time cost more than the rest of the analysis.
 */
export function moduleVocabulary(module: ModuleLayer): Vocabulary {
  // Within one reply the same module object is analysed more than once.
  const cached = MODULE_VOCABULARY.get(module);
  if (cached) return cached;
  let own = MODULE_TEXT_VOCABULARY.get(module.learningObjectives);
  if (!own) {
    own = new Set<string>();
    addVocabulary(own, [module.title, module.systemPrompt, module.modulePrompt, ...module.learningObjectives]);
    MODULE_TEXT_VOCABULARY.set(module.learningObjectives, own);
  }
  const parts = [own, ...module.concepts.map(conceptVocabulary)];
  const vocabulary: Vocabulary = { has: (word) => parts.some((p) => p.has(word)) };
  MODULE_VOCABULARY.set(module, vocabulary);
  return vocabulary;
}

/** The longest run of consonants in a token ("y" counts as a vowel here). */
function longestConsonantRun(token: string): number {
  let longest = 0;
  let run = 0;
  for (const ch of token) {
    if (/[a-z]/.test(ch) && !/[aeiouy]/.test(ch)) {
      run++;
      longest = Math.max(longest, run);
    } else {
      run = 0;
    }
  }
  return longest;
}

/** Letter pairs that (almost) never occur in English words but often in keyboard mashing. */
function rareLetterPairs(token: string): number {
  let count = 0;
  for (let i = 0; i + 1 < token.length; i++) {
    const pair = token.slice(i, i + 2);
    if (
      /^j[^aeiouy]$/.test(pair) ||
      /^q[^u]$/.test(pair) ||
      /^x[bdgjkmqrvz]$/.test(pair) ||
      /^z[bcdfgjkmnpqstvx]$/.test(pair) ||
      /^v[bcdfghjkmnpqtwxz]$/.test(pair) ||
      /^k[bcdfgjmpqtvxz]$/.test(pair)
    ) {
      count++;
    }
  }
  return count;
}

/** Whether a token runs along a keyboard row ("asdf", "lkjh") for three or more keys. */
function runsAlongKeyboard(token: string): boolean {
  for (let i = 0; i + 3 <= token.length; i++) {
    const piece = token.slice(i, i + 3);
    const reversed = [...piece].reverse().join('');
    // The top row spells parts of real words ("wer", "ert", "rty", "tyu", "iop" in "power",
    // "certain", "party"), so only its first keys count there.
    if (KEYBOARD_ROWS.some((row, r) => (r === 0 ? ['qwe', 'ewq'].includes(piece) : row.includes(piece) || row.includes(reversed)))) {
      return true;
    }
  }
  return false;
}

/** Whether a token could be a word the learner meant, even one the tutor does not know. */
export function looksLikeAWord(token: string, vocabulary: Vocabulary): boolean {
  if (/^\d+$/.test(token) || /\d/.test(token)) return true;
  if (isStopword(token) || COMMON_WORDS.has(token) || FILLER_WORDS.has(token) || vocabulary.has(stem(token))) return true;
  if (token.length === 1) return false;
  if (/(.)\1\1/.test(token)) return false;
  if (!/[aeiouy]/.test(token)) return false;
  if (runsAlongKeyboard(token)) return false;
  if (longestConsonantRun(token) >= 5) return false;
  if (rareLetterPairs(token) >= 1) return false;
  const vowels = [...token].filter((ch) => /[aeiouy]/.test(ch)).length;
  return !(token.length >= 6 && vowels / token.length < 0.1);
}

/** Whether any phrase of the list appears nearly verbatim in the turn. */
function saysAnyOf(turn: readonly string[], phrases: readonly string[]): boolean {
  return phrases.some((p) => matchesSequence(turn, p));
}

function isQuestion(message: string, tokens: readonly string[]): boolean {
  if (message.trim().endsWith('?')) return true;
  const first = tokens[0];
  if (first === undefined) return false;
  if (QUESTION_OPENERS.has(first)) return true;
  return tokens[0] === 'i' && tokens[1] === 'wonder';
}

/** The turn's words that name a subject: not stopwords, not fillers, at least three letters. */
function contentWords(tokens: readonly string[]): string[] {
  return tokens.filter((t) => t.length >= 3 && !isStopword(t) && !FILLER_WORDS.has(t) && !/^\d+$/.test(t));
}

/**
 * Off topic: nothing in the turn touches the module's vocabulary, and it is either about an
 * everyday subject (games, food, weather…) or says enough (three subject words) to be about
 * something else. Short replies ("yes", "maybe") are never off topic: they are guesses.
 */
function isOffTopic(tokens: readonly string[], vocabulary: Vocabulary): boolean {
  const words = contentWords(tokens);
  if (words.length === 0) return false;
  if (words.some((w) => vocabulary.has(stem(w)))) return false;
  return words.some((w) => OFF_TOPIC_WORDS.has(w)) || words.length >= 3;
}

/** The tutor's own wording the learner might paste back: this concept's material and recent replies. */
function tutorTexts(context: TutorContext, concept: ConceptInContext | null): string[] {
  const texts = context.conversation.recentTurns.filter((t) => t.role === 'assistant').map((t) => t.content);
  if (concept) {
    texts.push(concept.explanation, concept.exampleScenario, concept.checkQuestion, ...concept.hints, ...concept.guidingQuestions);
  }
  return texts;
}

function runsOf(tokens: readonly string[], length: number): Set<string> {
  const runs = new Set<string>();
  for (let i = 0; i + length <= tokens.length; i++) runs.add(tokens.slice(i, i + length).join(' '));
  return runs;
}

/** The tutor's texts repeat from reply to reply (hints, questions, recent replies): their runs are kept. */
const tutorRunsCache = new Map<string, Set<string>>();

function tutorRuns(text: string): Set<string> {
  let runs = tutorRunsCache.get(text);
  if (!runs) {
    if (tutorRunsCache.size >= 2000) tutorRunsCache.clear();
    runs = runsOf(tokenize(text), COPIED_RUN_LENGTH);
    tutorRunsCache.set(text, runs);
  }
  return runs;
}

/** Whether the turn (its tokens) repeats a long run of words from the tutor's own text. */
export function copiesTutorWording(tokens: readonly string[], texts: readonly string[]): boolean {
  if (tokens.length < COPIED_RUN_LENGTH) return false;
  const learnerRuns = runsOf(tokens, COPIED_RUN_LENGTH);
  return texts.some((text) => {
    for (const run of tutorRuns(text)) if (learnerRuns.has(run)) return true;
    return false;
  });
}

/** The index of the first misconception of the concept whose signals the turn shows. */
export function detectMisconception(turn: readonly string[], concept: ConceptInContext): number | null {
  const index = concept.misconceptions.findIndex((m) => m.signals.some((s) => matchesSignal(turn, s)));
  return index >= 0 ? index : null;
}

/** The identifier a misconception is remembered by in the engine state. */
export function misconceptionKey(conceptSlug: string, index: number): string {
  return `${conceptSlug}#${index}`;
}

/**
 * Whether a detected misconception should be probed before anything else: not yet probed on
 * this concept, and the turn does not already state every check-term idea. A turn that states
 * them all is a correct answer; a signal in it is far more often the learner naming the wrong
 * belief to reject it ("the comics-are-for-kids thing is just an American habit") than holding it.
 */
export function misconceptionNeedsProbe(
  concept: ConceptInContext,
  state: Pick<EngineState, 'misconceptionsMet'>,
  misconception: number,
  turnGroups: readonly string[],
): boolean {
  if (state.misconceptionsMet.includes(misconceptionKey(concept.slug, misconception))) return false;
  return !concept.checkTerms.every((id) => turnGroups.includes(id));
}

/**
 * Analyse one learner turn for the current concept.
 *
 * checkPassed follows the engine's mastery rule: while the check question is open, the
 * check-term groups shown in answers since it was asked must cover every check term; before it
 * is asked, one turn that shows every check term counts only if the learner has by then shown
 * every key-term group of the concept. A turn pasted from the tutor's text does not pass, nor
 * does one carrying a misconception that still needs probing (misconceptionNeedsProbe).
 */
export function analyseTurn(context: TutorContext, state: EngineState, learnerMessage: string): TurnAnalysis {
  const concept = currentConcept(context.module, state);
  const message = learnerMessage ?? '';
  const tokens = tokenize(message);
  const stemmed = turnTokens(message);
  const empty = message.trim().length === 0;
  const vocabulary = moduleVocabulary(context.module);

  const copiedFromTutor = !empty && copiesTutorWording(tokens, tutorTexts(context, concept));
  const turnGroups = concept && !copiedFromTutor ? matchKeyTermGroups(message, concept.keyTerms) : [];
  const shownSoFar = new Set([...state.groupsShown, ...turnGroups]);
  const coverage = concept && concept.keyTerms.length > 0
    ? concept.keyTerms.filter((g) => shownSoFar.has(g.id)).length / concept.keyTerms.length
    : 0;

  const misconception = concept && !empty ? detectMisconception(stemmed, concept) : null;
  const untestedMisconception =
    concept !== null && misconception !== null && misconceptionNeedsProbe(concept, state, misconception, turnGroups);

  // A lone "?" is a learner who is lost, not keyboard noise.
  const punctuationOnly = !empty && tokens.length === 0;
  const nonsense = !empty && !punctuationOnly && turnGroups.length === 0 && !tokens.some((t) => looksLikeAWord(t, vocabulary));

  const confusion =
    (punctuationOnly && message.includes('?')) ||
    saysAnyOf(stemmed, [...context.module.confusionPhrases, ...DEFAULT_CONFUSION_PHRASES]);
  const understandingClaimed = !confusion && saysAnyOf(stemmed, [...context.module.masteryPhrases, ...DEFAULT_MASTERY_PHRASES]);
  const requestedAnswer = saysAnyOf(stemmed, ANSWER_REQUEST_PHRASES);
  const askedQuestion = !empty && !nonsense && isQuestion(message, tokens);
  const offTopic =
    !empty && !nonsense && turnGroups.length === 0 && misconception === null && !confusion && !requestedAnswer &&
    !understandingClaimed && isOffTopic(tokens, vocabulary);

  let checkPassed = false;
  if (concept && !untestedMisconception && turnGroups.length > 0) {
    if (state.awaitingCheck) {
      const answered = new Set([...(state.checkAnswerGroups ?? []), ...turnGroups]);
      checkPassed = concept.checkTerms.every((id) => answered.has(id));
    } else {
      checkPassed = concept.checkTerms.every((id) => turnGroups.includes(id)) && coverage >= 1;
    }
  }

  return {
    conceptSlug: concept?.slug ?? null,
    groupsShown: turnGroups,
    coverage,
    misconception,
    confusion,
    understandingClaimed,
    askedQuestion,
    requestedAnswer,
    offTopic,
    empty,
    nonsense,
    checkPassed,
    copiedFromTutor,
  };
}
