import { describe, expect, it } from 'vitest';
import type { EngineState } from './engine-types.ts';
import { createSocraticEngine, initialEngineState } from './socratic-engine.ts';
import { runScriptedDialogue } from './scripted-dialogue.ts';
import { summariseSession, understandingLevelFor } from './summarise-session.ts';
import { testContext } from './test-support.ts';

const engine = createSocraticEngine();

async function stateAfter(turns: string[]): Promise<EngineState> {
  const result = await runScriptedDialogue(engine, testContext(), turns);
  return result[result.length - 1]?.state ?? initialEngineState();
}

describe('summariseSession', () => {
  it('maps the share mastered to an understanding level', () => {
    expect(understandingLevelFor(0)).toBe('emerging');
    expect(understandingLevelFor(0.3)).toBe('developing');
    expect(understandingLevelFor(0.6)).toBe('proficient');
    expect(understandingLevelFor(1)).toBe('mastered');
  });

  it('describes a session that mastered everything', async () => {
    const state = await stateAfter([
      'our eyes are like a camera',
      'We filter out most of it and notice what we expect',
      'We tune out most things and pay attention to what we care about',
      "I'm lost",
      'the listener reacts and the speaker adjusts',
    ]);
    const summary = summariseSession(testContext(), state);
    expect(summary.understandingLevel).toBe('mastered');
    expect(summary.keyConcepts).toEqual(['Selective Perception', 'Feedback in Communication']);
    expect(summary.whatLearned).toContain('Mastered Selective Perception');
    expect(summary.whatLearned).toContain('we filter out most of what reaches our senses');
    expect(summary.howLearned).toMatch(/Breakthroughs came after/);
    expect(summary.learningInsights).toContain('Our eyes work like a camera');
    expect(summary.teachingEffectiveness).toContain('Needed 1 hint');
  });

  it('describes a session in progress without naming ideas the learner has not shown', async () => {
    const state = await stateAfter(['no idea', 'we tune most of it out']);
    const summary = summariseSession(testContext(), state);
    expect(summary.understandingLevel).toBe('emerging');
    expect(summary.keyConcepts).toEqual(['Selective Perception']);
    expect(summary.whatLearned).toContain('we filter out most of what reaches our senses');
    expect(summary.whatLearned).not.toContain('expectations');
    expect(summary.howLearned).toMatch(/No breakthrough yet/);
    expect(summary.teachingEffectiveness).toContain('Needed 1 hint');
  });

  it('handles a conversation with no turns', () => {
    const summary = summariseSession(testContext(), initialEngineState());
    expect(summary.understandingLevel).toBe('emerging');
    expect(summary.keyConcepts).toEqual([]);
    expect(summary.whatLearned).toContain('Began Your Four Worlds');
  });
});
