/**
 * The answer key never leaves main for a learner (DESIGN.md §4): checked on every channel
 * that returns module, concept or tutor-context data — by field name, and by the key's text.
 */
import { describe, expect, it } from 'vitest';
import { ANSWER_KEY_FIELDS } from '../../src/shared/contract/views.ts';
import { loadBundledPack } from '../../main/services/curriculum/bundled-pack.ts';
import { inProcessWorldForFile, type FixtureIds } from './fixture.ts';

const fx = inProcessWorldForFile();

function keysDeep(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysDeep(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysDeep(v, out);
    }
  }
  return out;
}

/** Texts from the pack that only a teacher (or the tutor) may see. */
function answerKeyTexts(): string[] {
  const pack = loadBundledPack();
  const texts: string[] = [];
  for (const m of pack.modules) {
    texts.push(m.tutorPrompts.system, m.tutorPrompts.module, m.corpora.system, m.memoryExtractionPrompt);
    for (const c of m.concepts) {
      texts.push(c.explanation, c.checkQuestion, ...c.hints, ...c.misconceptions.map((x) => x.probe));
      // Phrasings are short and may be common words; the group labels are distinctive enough.
    }
  }
  return texts.filter((t) => t.length >= 25);
}

/** Learner-facing channels that return module, concept or tutor-context data. */
const calls = (f: FixtureIds): [string, unknown][] => [
  ['modules:list', {}],
  ['modules:get', { id: f.moduleId }],
  ['modules:get', { id: f.secondModuleId }],
  ['progress:overview', {}],
  ['progress:module', { moduleId: f.moduleId }],
  ['memory:context', { conversationId: f.learnerConversationId }],
  ['messages:context', { messageId: f.learnerMessageId }],
  ['memory:list', {}],
  ['users:exportMyData', {}],
  ['conversations:export', { conversationId: f.learnerConversationId, format: 'json' }],
];

describe("a learner's view", () => {
  it.each(calls({} as FixtureIds).map(([c], i) => [c, i]))('%s carries no answer-key field', async (_c, i) => {
    const [channel, input] = calls(fx.ids)[i as number]!;
    const res = await fx.world.as('learner').call(channel, input);
    expect(res.ok, JSON.stringify(res).slice(0, 300)).toBe(true);
    const keys = keysDeep(res.ok ? res.data : null);
    for (const field of ANSWER_KEY_FIELDS) expect(keys.has(field), `${channel} exposes ${field}`).toBe(false);
  });

  it('never contains the text of an explanation, hint, check question, probe or tutor prompt outside the dialogue itself', async () => {
    const secret = answerKeyTexts();
    expect(secret.length).toBeGreaterThan(100);
    for (const [channel, input] of calls(fx.ids)) {
      const res = await fx.world.as('learner').call(channel, input);
      if (!res.ok) throw new Error(`${channel}: ${res.error.code}`);
      // The tutor's own replies may quote a hint the learner earned; strip dialogue turns.
      const data = JSON.parse(JSON.stringify(res.data), (key, value: unknown) =>
        key === 'recentTurns' || key === 'messages' || key === 'content' ? undefined : value,
      ) as unknown;
      const text = JSON.stringify(data);
      for (const s of secret) expect(text.includes(JSON.stringify(s).slice(1, -1)), `${channel} leaks: ${s.slice(0, 60)}`).toBe(false);
    }
  });

  it('while a teacher sees the whole concept for editing', async () => {
    const res = await fx.world.as('teacher').call('modules:get', { id: fx.ids.moduleId });
    expect(res.ok).toBe(true);
    const keys = keysDeep(res.ok ? res.data : null);
    for (const field of ['explanation', 'hints', 'keyTerms', 'checkTerms', 'misconceptions']) expect(keys.has(field)).toBe(true);
  });

  it("and a teacher reading a learner's tutor context sees the key, but the learner reading their own does not", async () => {
    const teacher = await fx.world.as('teacher').call('memory:context', { conversationId: fx.ids.learnerConversationId });
    const learner = await fx.world.as('learner').call('memory:context', { conversationId: fx.ids.learnerConversationId });
    expect(teacher.ok && teacher.data).toMatchObject({ view: 'teacher' });
    expect(learner.ok && learner.data).toMatchObject({ view: 'learner' });
  });
});
