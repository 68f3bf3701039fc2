/**
 * Recognising a learner's own wording.
 *
 * The tutor never asks for the pack's exact words: a key-term group lists many phrasings of
 * one idea, and a phrasing matches when its content words appear in the learner's turn in
 * the same order, each within a few words of the last, after light stemming. So
 * "we filter out most of what we see" matches the phrasing "filtering out". A match that a
 * negation just before it denies ("it was not instant") does not count, and a phrasing that is
 * one content word plus stopwords ("tells me") must appear nearly verbatim.
 *
 * Deliberately simple and deterministic: the same turn always gives the same analysis,
 * which keeps the built-in engine reproducible and its tests meaningful.
 */

/** Words that carry no idea on their own; ignored inside phrasings. */
const STOPWORDS = new Set([
  'a', 'an', 'the', 'of', 'to', 'and', 'or', 'is', 'are', 'was', 'were', 'be', 'been', 'being',
  'it', 'its', 'in', 'on', 'at', 'for', 'by', 'with', 'as', 'that', 'this', 'these', 'those',
  'we', 'you', 'they', 'i', 'our', 'your', 'their', 'my', 'me', 'us', 'them', 'so', 'do', 'does',
  'did', 'can', 'could', 'would', 'should', 'will', 'just', 'about', 'into', 'from', 'than',
  'then', 'there', 'what', 'which', 'who', 'how', 'some', 'something', 'thing', 'things', 'has',
  'have', 'had', 'really', 'very', 'kind', 'sort', 'like',
]);

/** Words that are stopwords elsewhere but change meaning inside a phrasing ("not", "no"). */
const KEEP_IN_PHRASE = new Set(['not', 'no', 'more', 'less', 'own', 'same', 'other', 'all', 'each']);

/** How many unrelated words may sit between two words of a phrasing. */
const MAX_GAP = 3;

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

/** A light suffix stripper: enough to equate "filters", "filtering", "filtered" and "filter". */
export function stem(token: string): string {
  let t = token;
  if (t.length <= 3) return t;
  if (t.endsWith('ies') && t.length > 4) t = `${t.slice(0, -3)}y`;
  else if (t.endsWith('sses')) t = t.slice(0, -2);
  else if (/(ss|x|ch|sh|z)es$/.test(t)) t = t.slice(0, -2);
  else if (t.endsWith('ing') && t.length > 5) t = t.slice(0, -3);
  else if (t.endsWith('ed') && t.length > 4) t = t.slice(0, -2);
  else if (t.endsWith('ly') && t.length > 4) t = t.slice(0, -2);
  else if (t.endsWith('s') && !t.endsWith('ss') && !t.endsWith('us') && !t.endsWith('is')) t = t.slice(0, -1);
  if (t.endsWith('e') && t.length > 4) t = t.slice(0, -1);
  // "stopped" -> "stopp" -> "stop"
  if (t.length > 3 && t[t.length - 1] === t[t.length - 2] && !/[aeiousl]/.test(t[t.length - 1] ?? '')) {
    t = t.slice(0, -1);
  }
  return t;
}

/** The stemmed tokens of a learner's turn. */
export function stemmedTokens(text: string): string[] {
  return tokenize(text).map(stem);
}

/** Marks the end of a sentence in a turn's tokens; no phrasing spans it. */
export const SENTENCE_BREAK = '.';

/**
 * The engine tokenises the same authored sentences (hints, questions, its own lead-ins) on
 * every reply to check what they say; recent results are kept. Returned arrays are shared:
 * callers never modify them.
 */
const turnTokenCache = new Map<string, string[]>();
const TURN_CACHE_LIMIT = 4000;

/**
 * The stemmed tokens of a turn with a break between sentences, so that words of a phrasing are
 * never collected across a full stop ("…a different way. Compare the ads…" is not "different ads").
 */
export function turnTokens(text: string): string[] {
  const cached = turnTokenCache.get(text);
  if (cached) return cached;
  const tokens = tokeniseTurn(text);
  if (turnTokenCache.size >= TURN_CACHE_LIMIT) turnTokenCache.clear();
  turnTokenCache.set(text, tokens);
  return tokens;
}

function tokeniseTurn(text: string): string[] {
  const tokens: string[] = [];
  for (const sentence of text.split(/[.!?;]+(?:\s+|$)|\n+/)) {
    const words = stemmedTokens(sentence);
    if (words.length === 0) continue;
    if (tokens.length > 0) tokens.push(SENTENCE_BREAK);
    tokens.push(...words);
  }
  return tokens;
}

/** Phrasings come from the curriculum, a few thousand at most: tokenised once, then reused. */
const phraseTokenCache = new Map<string, string[]>();
const PHRASE_CACHE_LIMIT = 20_000;

/** The stemmed content words of a phrasing, in order. */
export function phraseTokens(phrase: string): string[] {
  const cached = phraseTokenCache.get(phrase);
  if (cached) return cached;
  const tokens = tokenize(phrase);
  const content = tokens.filter((t) => !STOPWORDS.has(t) || KEEP_IN_PHRASE.has(t));
  const result = (content.length > 0 ? content : tokens).map(stem);
  if (phraseTokenCache.size >= PHRASE_CACHE_LIMIT) phraseTokenCache.clear();
  phraseTokenCache.set(phrase, result);
  return result;
}

/**
 * Words that deny what follows them: "it was not instant" must not count as saying "instant".
 * Compared after stemming, like everything else in a turn.
 */
const NEGATIONS = new Set(
  [
    'not', 'no', 'never', 'nor', 'neither', 'nobody', 'noone', 'none', 'nothing', 'hardly', 'barely',
    'cannot', 'cant', 'isnt', 'wasnt',
    'arent', 'werent', 'dont', 'doesnt', 'didnt', 'wont', 'wouldnt', 'couldnt', 'shouldnt', 'aint',
    'havent', 'hasnt', 'hadnt',
  ].map(stem),
);

/**
 * Softeners that may sit between a negation and the idea it denies ("wasn't really instant").
 * "just" and "only" are deliberately absent: "not just instant" affirms "instant".
 */
const NEGATION_BRIDGES = new Set(
  ['really', 'very', 'so', 'that', 'too', 'quite', 'exactly', 'actually', 'be', 'is', 'was', 'are', 'were', 'a', 'an', 'the', 'always', 'necessarily'].map(stem),
);

/** For a wrong belief, "not just X" denies it too: "not just for kids" is not "just for kids". */
const STRICT_NEGATION_BRIDGES = new Set([...NEGATION_BRIDGES, ...['just', 'only', 'simply', 'merely', 'all', 'about', 'for', 'to', 'of', 'in'].map(stem)]);

export function isNegationToken(token: string): boolean {
  return NEGATIONS.has(token);
}

/**
 * Whether the match starting at `start` is denied by a negation just before it. A phrasing
 * that itself begins with a negation ("no longer carried") is judged by what precedes it too,
 * so double denials ("not no longer …") are rare enough to ignore.
 */
export function isNegatedAt(turn: readonly string[], start: number, strict = false): boolean {
  const bridges = strict ? STRICT_NEGATION_BRIDGES : NEGATION_BRIDGES;
  // Look back past at most two softeners ("wasn't really", "not just for") to a negation.
  for (let i = start - 1; i >= Math.max(0, start - 3); i--) {
    const token = turn[i] ?? '';
    if (NEGATIONS.has(token)) return true;
    if (!bridges.has(token)) return false;
  }
  return false;
}

export interface PhraseMatchOptions {
  /** Ignore a match that a negation just before it denies. Default true. */
  respectNegation?: boolean;
  /** Also read "not just X" / "not only X" as denying X (for misconception signals). */
  strictNegation?: boolean;
}

/**
 * Whether the words after the first follow `turn[start]` in order, each with at most `maxGap`
 * other words before it, never across a sentence break — nor, with `stopAtNegation`, across a
 * negation.
 */
function restFollows(turn: readonly string[], words: readonly string[], start: number, maxGap: number, stopAtNegation: boolean): boolean {
  let at = start;
  for (let matched = 1; matched < words.length; matched++) {
    let next = -1;
    for (let j = at + 1; j <= Math.min(turn.length - 1, at + 1 + maxGap); j++) {
      const token = turn[j] ?? '';
      if (token === words[matched]) {
        next = j;
        break;
      }
      if (token === SENTENCE_BREAK || (stopAtNegation && NEGATIONS.has(token))) break;
    }
    if (next < 0) return false;
    at = next;
  }
  return true;
}

/** Whether the phrasing's content words appear in order, each within MAX_GAP words of the last. */
export function matchesPhrase(
  turn: readonly string[],
  phrase: readonly string[],
  options: PhraseMatchOptions = {},
): boolean {
  if (phrase.length === 0) return false;
  const respectNegation = options.respectNegation ?? true;
  for (let start = 0; start < turn.length; start++) {
    if (turn[start] !== phrase[0] || !restFollows(turn, phrase, start, MAX_GAP, false)) continue;
    // A denied occurrence does not end the search: the idea may be stated plainly later on.
    if (!(respectNegation && isNegatedAt(turn, start, options.strictNegation))) return true;
  }
  return false;
}

/**
 * Whether a short conversational phrase ("I'm lost", "just tell me") appears nearly verbatim:
 * every word counts here, stopwords included, with at most `maxGap` extra words between two
 * of them. A negation may neither be skipped over nor precede the phrase, so "I don't get it"
 * never reads as "I get it".
 */
export function matchesSequence(turn: readonly string[], phrase: string, maxGap = 1, strictNegation = false): boolean {
  const { words } = preparedPhrasing(phrase);
  if (words.length === 0) return false;
  const phraseStartsNegated = NEGATIONS.has(words[0] ?? '');
  for (let start = 0; start < turn.length; start++) {
    if (turn[start] !== words[0]) continue;
    if (!phraseStartsNegated && isNegatedAt(turn, start, strictNegation)) continue;
    if (restFollows(turn, words, start, maxGap, true)) return true;
  }
  return false;
}

/**
 * Authored phrasings are few and reused on every turn, so their tokens are worked out once.
 * The cache is bounded (cleared when full) so an edited pack cannot grow it without limit.
 */
const PREPARED = new Map<string, { content: string[]; words: string[] }>();
const PREPARED_LIMIT = 50_000;

function preparedPhrasing(phrasing: string): { content: string[]; words: string[] } {
  let prepared = PREPARED.get(phrasing);
  if (!prepared) {
    if (PREPARED.size >= PREPARED_LIMIT) PREPARED.clear();
    prepared = { content: phraseTokens(phrasing), words: stemmedTokens(phrasing) };
    PREPARED.set(phrasing, prepared);
  }
  return prepared;
}

/**
 * Whether one authored phrasing appears in the turn. Usually its content words are enough, in
 * order and close together. But a phrasing whose stopwords carry its meaning — one content word
 * once they are dropped, like "tells me", "a genre" or "for kids" — must appear nearly verbatim;
 * otherwise any "tell" or "genre" anywhere would count.
 */
export function matchesPhrasing(turn: readonly string[], phrasing: string, options: PhraseMatchOptions = {}): boolean {
  const { content, words } = preparedPhrasing(phrasing);
  if (content.length >= 2 || content.length === words.length) return matchesPhrase(turn, content, options);
  return matchesSequence(turn, phrasing, 2, options.strictNegation ?? false);
}

/**
 * Whether a misconception signal appears in the turn. Signals name a wrong belief, and a learner
 * who denies it ("nobody is immune", "not just for kids") is not holding it.
 */
export function matchesSignal(turn: readonly string[], signal: string): boolean {
  return matchesPhrasing(turn, signal, { strictNegation: true });
}

/** Whether any phrasing of the list appears in the turn. */
export function matchesAny(turn: readonly string[], phrasings: readonly string[]): boolean {
  return phrasings.some((p) => matchesPhrasing(turn, p));
}

/**
 * Results per key-term list (the same list object until its concept is edited) and text: the
 * engine screens the same candidate sentences against the same concept on every reply.
 */
const groupMatchCache = new WeakMap<object, Map<string, string[]>>();

/** The ids of the key-term groups a text shows. */
export function matchKeyTermGroups(
  text: string,
  groups: readonly { id: string; phrasings: readonly string[] }[],
): string[] {
  let perList = groupMatchCache.get(groups);
  if (!perList) groupMatchCache.set(groups, (perList = new Map()));
  const cached = perList.get(text);
  if (cached) return [...cached];
  const turn = turnTokens(text);
  const ids = groups.filter((g) => matchesAny(turn, g.phrasings)).map((g) => g.id);
  if (perList.size >= 1000) perList.clear();
  perList.set(text, ids);
  return [...ids];
}

/** Whether a (lowercase, unstemmed) token is a word that carries no idea on its own. */
export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}
