import { describe, expect, it } from 'vitest';
import { matchesSequence, matchesSignal, matchKeyTermGroups, stemmedTokens } from './text-match.ts';

const groups = [
  { id: 'near-instant', phrasings: ['instant', 'almost immediately', 'within minutes'] },
  { id: 'no-carrier', phrasings: ['no longer carried', 'not physically', 'along wire'] },
];

describe('matchKeyTermGroups', () => {
  it('recognises a learner’s own wording after stemming', () => {
    expect(matchKeyTermGroups('The news arrived instantly, it went along the wire', groups)).toEqual(['near-instant', 'no-carrier']);
  });

  it('does not count an idea the learner denies', () => {
    expect(matchKeyTermGroups('It was not instant at all', groups)).toEqual([]);
    expect(matchKeyTermGroups("It wasn't really instant", groups)).toEqual([]);
    expect(matchKeyTermGroups('Nothing was instant back then', groups)).toEqual([]);
  });

  it('keeps phrasings that begin with a negation, and "not just X" as affirming X', () => {
    expect(matchKeyTermGroups('Messages were no longer carried by riders', groups)).toEqual(['no-carrier']);
    expect(matchKeyTermGroups('It was not just instant, it changed trade', groups)).toEqual(['near-instant']);
  });

  it('does not collect a phrasing’s words across a full stop', () => {
    expect(matchKeyTermGroups('It went along. The wire was long', groups)).toEqual([]);
    expect(matchKeyTermGroups('It went along the wire. That was new', groups)).toEqual(['no-carrier']);
  });

  it('finds a plain statement after a denied one in the same turn', () => {
    expect(matchKeyTermGroups('Letters were not instant, but telegrams were instant', groups)).toEqual(['near-instant']);
  });
});

describe('matchesSequence', () => {
  const turn = (text: string) => stemmedTokens(text);

  it('matches short conversational phrases nearly verbatim', () => {
    expect(matchesSequence(turn("I'm so lost"), "I'm lost")).toBe(true);
    expect(matchesSequence(turn('just tell me the answer'), 'just tell me')).toBe(true);
  });

  it('never reads "I don’t get it" as "I get it"', () => {
    expect(matchesSequence(turn("I don't get it"), 'i get it')).toBe(false);
    expect(matchesSequence(turn('I get it now'), 'i get it')).toBe(true);
  });
});

describe('matchesSignal', () => {
  const turn = (text: string) => stemmedTokens(text);

  it('needs stopword-heavy signals nearly verbatim', () => {
    expect(matchesSignal(turn('Comics are for kids really'), 'for kids')).toBe(true);
    expect(matchesSignal(turn('There are genres for everyone'), 'a genre')).toBe(false);
  });

  it('treats a denied belief as not held', () => {
    expect(matchesSignal(turn('nobody is immune to ads'), 'immune')).toBe(false);
    expect(matchesSignal(turn('games are not just for teenage boys'), 'teenage boys')).toBe(false);
    expect(matchesSignal(turn('games are for teenage boys'), 'teenage boys')).toBe(true);
  });
});
