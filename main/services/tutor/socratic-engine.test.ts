import { describe, expect, it } from 'vitest';
import type { EngineState, PriorKnowledgeItem, TutorContext, TutorTurn } from './engine-types.ts';
import { matchKeyTermGroups } from './text-match.ts';
import { createSocraticEngine, initialEngineState, SOCRATIC_ENGINE_ID } from './socratic-engine.ts';
import { runScriptedDialogue } from './scripted-dialogue.ts';
import { FEEDBACK_LOOP, SELECTIVE_PERCEPTION, testContext } from './test-support.ts';

const engine = createSocraticEngine();
const concept = SELECTIVE_PERCEPTION;

/** The learner's replies only (the opening is turns[0]). */
const run = (turns: string[], context: TutorContext = testContext()) => runScriptedDialogue(engine, context, turns);
const repliesAfterOpening = (turns: TutorTurn[]) => turns.slice(1);

const STRONG_FIRST = 'Our brain filters out most of what is around us, and we notice what we expect to see.';
const STRONG_AGAIN = 'Because we tune out most things and pay attention to what we care about, each person ends up with a different version.';

const MEDIA_USES: PriorKnowledgeItem = {
  summaryId: 41,
  moduleSlug: 'media-uses-and-effects',
  moduleTitle: 'Media Uses and Effects',
  whatLearned: 'People choose media to meet their own needs and interests.',
  keyConcepts: ['uses-and-gratifications', 'selective exposure'],
  understandingLevel: 'proficient',
};

describe('the Socratic engine', () => {
  it('identifies itself and starts from a clean state', () => {
    expect(engine.id).toBe(SOCRATIC_ENGINE_ID);
    expect(initialEngineState()).toMatchObject({ version: 1, conceptIndex: 0, ladderStep: 0, closed: false });
  });

  it('opens with the learner’s name, their goals and the first guiding question', async () => {
    const context = testContext({ profile: { name: 'Maya', goals: 'spot bias in the news', reason: 'my media studies course' } });
    const opening = await engine.open(context);
    expect(opening.move).toBe('open');
    expect(opening.reply).toContain('Maya');
    expect(opening.reply).toContain('spot bias in the news');
    expect(opening.reply).toContain('my media studies course');
    expect(opening.reply).toContain(concept.guidingQuestions[0]);
    expect(opening.reply.trim().endsWith('?')).toBe(true);
    expect(opening.closesSession).toBe(false);
  });

  it('draws on prior knowledge from other modules in the opening, and reports it', async () => {
    const sameModule: PriorKnowledgeItem = { ...MEDIA_USES, summaryId: 5, moduleSlug: 'your-four-worlds', moduleTitle: 'Your Four Worlds' };
    const opening = await engine.open(testContext({ priorKnowledge: [sameModule, MEDIA_USES] }));
    expect(opening.reply).toContain('Earlier, in *Media Uses and Effects*');
    expect(opening.reply).toContain('uses and gratifications');
    expect(opening.usedPriorKnowledge).toEqual([41]);
  });

  it('climbs the hint ladder for a confused learner: three hints, the example, the explanation, a re-ask', async () => {
    const turns = await run(["I don't get it", 'still lost', 'no idea', "I'm confused", 'I dont understand', 'huh']);
    const replies = repliesAfterOpening(turns);
    expect(replies.map((t) => t.move)).toEqual([
      'give_hint',
      'give_hint',
      'give_hint',
      'give_example',
      'give_explanation',
      'reask_in_own_words',
    ]);
    expect(replies[0]?.reply).toContain(concept.hints[0]);
    expect(replies[1]?.reply).toContain(concept.hints[1]);
    expect(replies[2]?.reply).toContain(concept.hints[2]);
    expect(replies[3]?.reply).toContain(concept.exampleScenario);
    expect(replies[4]?.reply).toContain(concept.explanation);
    expect(replies[5]?.reply).toContain(concept.checkQuestion);
    expect(replies[5]?.state.awaitingCheck).toBe(true);
    expect(replies.map((t) => t.state.ladderStep)).toEqual([1, 2, 3, 4, 5, 6]);
    // Nothing before the explanation rung contains the explanation.
    for (const t of replies.slice(0, 4)) expect(t.reply).not.toContain(concept.explanation);
  });

  it('offers the example right after the first hint to a learner who prefers examples', async () => {
    const context = testContext({ profile: { interactionPreference: 'examples' } });
    const replies = repliesAfterOpening(await run(['no idea', 'no idea', 'no idea', 'no idea', 'no idea'], context));
    expect(replies.map((t) => t.move)).toEqual(['give_hint', 'give_example', 'give_hint', 'give_hint', 'give_explanation']);
    expect(replies[1]?.reply).toContain(concept.exampleScenario);
    expect(replies[4]?.reply).toContain(concept.explanation);
  });

  it('never gives an answer-seeker the explanation before the ladder’s end', async () => {
    const asks = ['just tell me', "what's the answer?", 'give me the answer', 'just tell me the answer', 'tell me the answer already', 'just tell me'];
    const replies = repliesAfterOpening(await run(asks));
    expect(replies.every((t) => t.move === 'decline_answer_request')).toBe(true);
    const firstExplanation = replies.findIndex((t) => t.reply.includes(concept.explanation));
    expect(firstExplanation).toBe(4); // after three hints and the example
    expect(replies[0]?.reply).toContain(concept.hints[0]);
    expect(replies[3]?.reply).toContain(concept.exampleScenario);
    expect(replies[5]?.reply).toContain(concept.checkQuestion);
    for (const t of replies) expect(t.state.masteredSlugs).toEqual([]);
  });

  it('masters a concept from strong answers, affirms by name and bridges to the next', async () => {
    const replies = repliesAfterOpening(await run([STRONG_FIRST, STRONG_AGAIN]));
    const [asked, mastered] = replies;
    expect(asked?.move).toBe('ask_check_question');
    expect(asked?.reply).toContain(concept.checkQuestion);
    expect(asked?.evidence?.masteredNow).toBe(false);
    expect(mastered?.move).toBe('bridge_to_next_concept');
    expect(mastered?.evidence).toMatchObject({ conceptSlug: 'selective-perception', masteredNow: true, checkPassed: true });
    expect(mastered?.analysis?.checkPassed).toBe(true);
    expect(mastered?.reply).toContain('we filter out most of what reaches our senses');
    expect(mastered?.reply).toContain('what we notice depends on our expectations and interests');
    expect(mastered?.reply).toContain(FEEDBACK_LOOP.guidingQuestions[0]);
    expect(mastered?.state).toMatchObject({ conceptIndex: 1, ladderStep: 0, awaitingCheck: false, masteredSlugs: ['selective-perception'] });
  });

  it('closes the session with a summary after the last concept is mastered', async () => {
    const turns = await run([STRONG_FIRST, STRONG_AGAIN, 'People respond to what you say', 'you get a reaction and then adjust what you say']);
    const last = turns[turns.length - 1];
    expect(last?.move).toBe('close_session');
    expect(last?.closesSession).toBe(true);
    expect(last?.evidence?.masteredNow).toBe(true);
    expect(last?.reply).toContain('Selective Perception');
    expect(last?.reply).toContain('Feedback in Communication');
    expect(last?.state.closed).toBe(true);
    const after = await engine.respond(testContext(), last?.state ?? initialEngineState(), 'hello?');
    expect(after.closesSession).toBe(true);
  });

  it('counts one full answer before the check question only when it covers every idea', async () => {
    const replies = repliesAfterOpening(await run(['We filter most of it out, notice what we expect, and so we remember it differently']));
    expect(replies[0]?.move).toBe('bridge_to_next_concept');
    expect(replies[0]?.evidence?.masteredNow).toBe(true);
  });

  it('does not master on a near miss', async () => {
    const replies = repliesAfterOpening(
      await run([
        STRONG_FIRST,
        'We just notice what we expect to see.',
        "We don't filter anything out, we take it all in and expect things.",
        'People see it differently because of their expectations.',
      ]),
    );
    expect(replies[0]?.move).toBe('ask_check_question');
    for (const t of replies.slice(1)) {
      expect(t.evidence?.masteredNow).toBe(false);
      expect(t.state.masteredSlugs).toEqual([]);
    }
  });

  it('probes a misconception with its own question, once', async () => {
    const replies = repliesAfterOpening(await run(['I think our eyes are like a camera', 'eyes are like a camera though']));
    expect(replies[0]?.move).toBe('probe_misconception');
    expect(replies[0]?.reply).toContain(concept.misconceptions[0]?.probe);
    expect(replies[0]?.state.misconceptionsMet).toEqual(['selective-perception#0']);
    expect(replies[1]?.move).not.toBe('probe_misconception');
  });

  it('steers an off-topic learner back with the current question', async () => {
    const replies = repliesAfterOpening(await run(['I had pizza for lunch and then played games all afternoon']));
    expect(replies[0]?.move).toBe('steer_back');
    expect(replies[0]?.reply).toContain(concept.guidingQuestions[0]);
    expect(replies[0]?.evidence).toBeNull();
  });

  it('asks again, gently, after an empty or garbled message', async () => {
    const replies = repliesAfterOpening(await run(['   ', 'asdfghjkl qwe']));
    expect(replies.map((t) => t.move)).toEqual(['clarify_empty', 'clarify_empty']);
    expect(replies[0]?.analysis?.empty).toBe(true);
    expect(replies[1]?.analysis?.nonsense).toBe(true);
    for (const t of replies) {
      expect(t.reply).toContain(concept.guidingQuestions[0]);
      expect(t.state.ladderStep).toBe(0);
    }
  });

  it('turns a learner’s question back, then helps if they keep asking', async () => {
    const replies = repliesAfterOpening(await run(['Why does that happen?', 'But how does it work?']));
    expect(replies[0]?.move).toBe('turn_question_back');
    expect(replies[0]?.reply).toContain(concept.guidingQuestions[1]);
    expect(replies[1]?.move).toBe('give_hint');
    expect(replies[1]?.state.questionsAsked).toBe(2);
  });

  it('meets a miss with a guiding question first, then the ladder', async () => {
    const replies = repliesAfterOpening(await run(['ok', 'yes', 'maybe']));
    expect(replies.map((t) => t.move)).toEqual(['probe_missing_idea', 'give_hint', 'give_hint']);
  });

  it('affirms a partial idea and deepens towards a missing one', async () => {
    const replies = repliesAfterOpening(await run(['Most of it we just tune out']));
    expect(replies[0]?.move).toBe('affirm_and_deepen');
    expect(replies[0]?.reply).toContain('we filter out most of what reaches our senses');
    // The reply hands over no check-term idea the learner has not shown.
    const shownByReply = matchKeyTermGroups(replies[0]?.reply ?? '', concept.keyTerms);
    expect(shownByReply).not.toContain('expectations');
  });

  it('never marks mastery from the tutor’s words: not after the explanation, not from pasted text', async () => {
    const confused = ["I don't get it", 'no idea', 'no idea', 'no idea', 'no idea'];
    const turns = await run([...confused, 'ok', concept.explanation]);
    const replies = repliesAfterOpening(turns);
    for (const t of replies) expect(t.state.masteredSlugs).toEqual([]);
    expect(replies[replies.length - 1]?.move).toBe('reask_in_own_words');
    expect(replies[replies.length - 1]?.analysis?.copiedFromTutor).toBe(true);
  });

  it('still masters a learner who restates the idea after the explanation, and records the hints', async () => {
    const confused = ["I don't get it", 'no idea', 'no idea', 'no idea', 'no idea', 'no idea'];
    const replies = repliesAfterOpening(await run([...confused, 'We filter out most things and notice what we expect.']));
    const last = replies[replies.length - 1];
    expect(last?.move).toBe('bridge_to_next_concept');
    expect(last?.evidence?.masteredNow).toBe(true);
    expect(last?.state.hintsUsed).toBe(5);
    expect(last?.state.hintsByConcept).toEqual({ 'selective-perception': 5 });
  });

  it('never lets its own connective words name an idea the learner has not shown', async () => {
    // A concept whose key phrasings are words the tutor's lead-ins like to use.
    const wordy = {
      ...SELECTIVE_PERCEPTION,
      keyTerms: [
        ...SELECTIVE_PERCEPTION.keyTerms,
        { id: 'nudged', label: 'Attention gets nudged', phrasings: ['nudge', 'untangle', 'tricky one', 'thought'] },
      ],
    };
    const context = testContext();
    context.module.concepts = [{ ...wordy, id: 100, mastery: 0, mastered: false }];
    const confused = Array.from({ length: 12 }, () => "I don't get it");
    for (const t of repliesAfterOpening(await runScriptedDialogue(engine, context, confused))) {
      if (t.state.ladderStep >= 5) break;
      expect(t.reply).not.toMatch(/nudge|untangle|tricky one|thought/i);
    }
  });

  it('ends every reply with a question unless it closes the session', async () => {
    const script = [
      'hi',
      '',
      'asdf',
      'what is this?',
      "I don't know",
      'just tell me',
      'my dog ate my homework and the weather is awful',
      'eyes are like a camera',
      'ok',
      STRONG_FIRST,
      'I get it',
      STRONG_AGAIN,
      'huh',
      'react',
      'respond and adjust',
    ];
    const turns = await run(script);
    expect(turns.length).toBe(script.length + 1);
    for (const t of turns) {
      if (!t.closesSession) expect(t.reply.trim().endsWith('?'), t.reply).toBe(true);
    }
  });

  it('is deterministic: the same script gives the same replies', async () => {
    const script = ["I don't get it", STRONG_FIRST, 'why?', 'no idea', STRONG_AGAIN, 'ok'];
    const first = await run(script);
    const second = await run(script);
    expect(second.map((t) => t.reply)).toEqual(first.map((t) => t.reply));
    expect(second.map((t) => t.state)).toEqual(first.map((t) => t.state));
  });

  it('varies its wording between conversations and does not repeat itself in a long confused session', async () => {
    const confused = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? "I don't get it" : 'no idea'));
    const replies = repliesAfterOpening(await run(confused)).map((t) => t.reply);
    const distinct = new Set(replies);
    expect(distinct.size).toBeGreaterThanOrEqual(Math.floor(replies.length * 0.9));
    for (let i = 1; i < replies.length; i++) expect(replies[i]).not.toBe(replies[i - 1]);
    const other = repliesAfterOpening(await run(confused.slice(0, 6), testContext({ conversationId: 99 }))).map((t) => t.reply);
    expect(other).not.toEqual(replies.slice(0, 6));
  });

  it('asks a fast learner the check question sooner', async () => {
    const atFeedback = { mastered: ['selective-perception'] };
    const fast = repliesAfterOpening(await run(['the listener reacts'], testContext({ ...atFeedback, profile: { preferredPace: 'fast' } })));
    const medium = repliesAfterOpening(await run(['the listener reacts'], testContext(atFeedback)));
    expect(fast[0]?.move).toBe('ask_check_question');
    expect(medium[0]?.move).toBe('affirm_and_deepen');
  });

  it('affirms one idea at a time for a slow learner', async () => {
    const slow = repliesAfterOpening(await run([STRONG_FIRST], testContext({ profile: { preferredPace: 'slow' } })));
    expect(slow[0]?.reply).toContain('we filter out most of what reaches our senses');
    expect(slow[0]?.reply).not.toContain('what we notice depends on our expectations');
  });

  it('phrases work as a task for a learner who prefers practice, and pictures for a visual learner', async () => {
    const practice = await run(['ok'], testContext({ profile: { interactionPreference: 'practice' } }));
    expect(practice[0]?.reply).toMatch(/task/i);
    expect(practice[1]?.reply).toMatch(/task|exercise/i);
    const visual = repliesAfterOpening(await run(['no idea', 'no idea', 'no idea', 'no idea'], testContext({ profile: { learningStyle: 'visual' } })));
    expect(visual[3]?.reply).toMatch(/picture|imagine/i);
    expect(visual[3]?.reply).toContain(concept.exampleScenario);
  });

  it('resumes at the first unmastered concept', async () => {
    const opening = await engine.open(testContext({ mastered: ['selective-perception'] }));
    expect(opening.reply).toContain('Feedback in Communication');
    expect(opening.reply).toContain(FEEDBACK_LOOP.guidingQuestions[0]);
    expect(opening.state.conceptIndex).toBe(1);
  });

  it('follows its concept by slug when the module’s concepts were reordered', async () => {
    const turns = await run([STRONG_FIRST, STRONG_AGAIN]);
    const state = turns[turns.length - 1]?.state as EngineState;
    const reordered = testContext();
    reordered.module.concepts = [...reordered.module.concepts].reverse();
    const next = await engine.respond(reordered, state, 'respond and adjust');
    expect(next.evidence?.conceptSlug).toBe('feedback');
  });

  it('reads a state saved before the engine’s optional fields existed', async () => {
    const old: EngineState = {
      version: 1,
      conceptIndex: 0,
      ladderStep: 2,
      awaitingCheck: false,
      groupsShown: [],
      learnerTurns: 3,
      turnsOnConcept: 3,
      hintsUsed: 2,
      questionsAsked: 0,
      misconceptionsMet: [],
      breakthroughMoves: [],
      masteredSlugs: [],
      lastMove: 'give_hint',
      closed: false,
    };
    const next = await engine.respond(testContext(), old, "I'm lost");
    expect(next.move).toBe('give_hint');
    expect(next.reply).toContain(concept.hints[2]);
  });

  it('closes on request with a summary of the session', async () => {
    const turns = await run([STRONG_FIRST, STRONG_AGAIN, 'the listener reacts']);
    const closing = await engine.close(testContext({ profile: { name: 'Maya' } }), turns[turns.length - 1]?.state as EngineState);
    expect(closing.move).toBe('close_session');
    expect(closing.closesSession).toBe(true);
    expect(closing.state.closed).toBe(true);
    expect(closing.reply).toContain('Maya');
    expect(closing.reply).toContain('Selective Perception');
    expect(closing.reply).toContain('Feedback in Communication');
  });
});
