import { describe, expect, it } from 'vitest';
import { analyseTurn, looksLikeAWord } from './analyse-turn.ts';
import { initialEngineState } from './engine-state.ts';
import type { EngineState } from './engine-types.ts';
import { testContext } from './test-support.ts';

const context = testContext();
const fresh = initialEngineState();
const analyse = (message: string, state: EngineState = fresh) => analyseTurn(context, state, message);

describe('analyseTurn', () => {
  it('finds the key-term groups a turn shows and the coverage so far', () => {
    const a = analyse('Our brain filters out most of it');
    expect(a.groupsShown).toEqual(['filtering']);
    expect(a.coverage).toBeCloseTo(1 / 3);
    const later = analyse('and we notice what we expect', { ...fresh, groupsShown: ['filtering'] });
    expect(later.groupsShown).toEqual(['expectations']);
    expect(later.coverage).toBeCloseTo(2 / 3);
  });

  it('spots a misconception signal', () => {
    expect(analyse('Our eyes work like a camera').misconception).toBe(0);
    expect(analyse('Our eyes filter things').misconception).toBeNull();
  });

  it('spots confusion, including the module’s own phrases, and not a denied one', () => {
    expect(analyse("I don't get it").confusion).toBe(true);
    expect(analyse("I'm lost").confusion).toBe(true);
    expect(analyse('what does that even mean').confusion).toBe(true);
    expect(analyse('idk').confusion).toBe(true);
    expect(analyse('Oh I see, that makes sense now').confusion).toBe(false);
    expect(analyse('Oh I see, that makes sense now').understandingClaimed).toBe(true);
    expect(analyse("I don't get it").understandingClaimed).toBe(false);
  });

  it('spots a question, with or without a question mark', () => {
    expect(analyse('Why does that happen?').askedQuestion).toBe(true);
    expect(analyse('how does the brain decide').askedQuestion).toBe(true);
    expect(analyse('The brain decides.').askedQuestion).toBe(false);
  });

  it('spots a request for the answer', () => {
    for (const m of ['just tell me', "what's the answer?", 'Can you give me the answer please', 'just give me it']) {
      expect(analyse(m).requestedAnswer, m).toBe(true);
    }
    expect(analyse('I want to work it out').requestedAnswer).toBe(false);
  });

  it('calls everyday chatter off topic, but not short guesses or on-topic talk', () => {
    expect(analyse('I had pizza for lunch today').offTopic).toBe(true);
    expect(analyse('what is your favourite pizza topping?').offTopic).toBe(true);
    expect(analyse('My cousin bought a new motorbike yesterday afternoon').offTopic).toBe(true);
    expect(analyse('yes').offTopic).toBe(false);
    expect(analyse('maybe').offTopic).toBe(false);
    expect(analyse('people at the party remember different moments').offTopic).toBe(false);
    // The module's own vocabulary wins: football is part of this module's example.
    expect(analyse('the football fans argue').offTopic).toBe(false);
  });

  it('tells empty and nonsense turns apart from real ones', () => {
    expect(analyse('   \n ').empty).toBe(true);
    expect(analyse('asdfghjkl').nonsense).toBe(true);
    expect(analyse('qwe qwe sdfsdf').nonsense).toBe(true);
    expect(analyse('ajsdhakjsd').nonsense).toBe(true);
    expect(analyse('hmm ok').nonsense).toBe(false);
    expect(analyse('TV').nonsense).toBe(false);
    expect(analyse('1844').nonsense).toBe(false);
    expect(analyse('?').nonsense).toBe(false);
    expect(analyse('?').confusion).toBe(true);
  });

  it('knows ordinary words from mashing', () => {
    for (const w of ['strength', 'rhythm', 'party', 'power', 'certain', 'attention']) expect(looksLikeAWord(w, new Set()), w).toBe(true);
    for (const w of ['asdf', 'hjkl', 'zxcvb', 'jjjj', 'xkcdq']) expect(looksLikeAWord(w, new Set()), w).toBe(false);
  });

  it('passes the check only with every check term, in the learner’s answers since it was asked', () => {
    const asked: EngineState = { ...fresh, awaitingCheck: true, checkAnswerGroups: [] };
    expect(analyse('We filter most of it out and notice what we expect', asked).checkPassed).toBe(true);
    expect(analyse('We notice what we expect', asked).checkPassed).toBe(false);
    expect(analyse('We notice what we expect', { ...asked, checkAnswerGroups: ['filtering'] }).checkPassed).toBe(true);
  });

  it('before the check question, passes only with complete coverage', () => {
    expect(analyse('We filter most of it out and notice what we expect').checkPassed).toBe(false);
    expect(analyse('We filter most of it out, notice what we expect, so we remember it differently').checkPassed).toBe(true);
  });

  it('does not credit the tutor’s own words pasted back', () => {
    const pasted = analyse(
      'Our senses take in far more than we can handle, so the brain filters most of it out and attends to a small part.',
      { ...fresh, awaitingCheck: true },
    );
    expect(pasted.copiedFromTutor).toBe(true);
    expect(pasted.groupsShown).toEqual([]);
    expect(pasted.checkPassed).toBe(false);
  });
});
