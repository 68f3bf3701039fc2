/**
 * Scripted dialogues through the real dispatcher and database: what a learner would notice
 * (mastery, the ladder, no answer handed over, determinism) and what must be true underneath
 * (progress, mastery and memory rows match the dialogue; memory edits are respected).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadBundledPack } from '../main/services/curriculum/bundled-pack.ts';
import { loadPersona } from './fixtures/personas/persona-schema.ts';
import { classroom, startHarness, type Client, type Harness } from './helpers/harness.ts';
import type { TutorEngine } from '../main/services/tutor/engine-types.ts';

const pack = loadBundledPack();
const firstModule = pack.modules[0]!;
const persona = loadPersona('01-your-four-worlds.json');

let h: Harness | null = null;
afterEach(async () => {
  await h?.dispose();
  h = null;
});

async function engineState(harness: Harness, conversationId: number) {
  const row = (await harness.core.db.knex('conversations').where({ id: conversationId }).first('engine_state')) as {
    engine_state: string;
  };
  return JSON.parse(row.engine_state) as { conceptIndex: number; closed: boolean };
}

async function analysisOf(harness: Harness, messageId: number) {
  const row = (await harness.core.db.knex('messages').where({ id: messageId }).first('socratic_analysis')) as {
    socratic_analysis: string;
  };
  return JSON.parse(row.socratic_analysis) as { move: string; conceptSlug: string | null };
}

/** The strong persona answers whatever concept the tutor is on, until the module is complete. */
async function strongDialogue(harness: Harness, learner: Client, moduleId: number) {
  const { conversation, messages } = await learner.ok('conversations:start', { moduleId });
  const replies = [messages[0]!.content];
  const tries = new Map<string, number>();
  let progress = null;
  for (let turn = 0; turn < 60; turn++) {
    const state = await engineState(harness, conversation.id);
    const concept = firstModule.concepts[state.conceptIndex];
    if (!concept || state.closed) break;
    const n = tries.get(concept.slug) ?? 0;
    tries.set(concept.slug, n + 1);
    const answers = persona.concepts[concept.slug]!.strong;
    const sent = await learner.ok('messages:send', { conversationId: conversation.id, content: answers[n % answers.length]! });
    replies.push(sent.reply!.content);
    progress = sent.progress;
    if (progress?.isCompleted) break;
  }
  return { conversation, replies, progress };
}

/** A learner who worked through the first module with strong answers and finished it; what was remembered of it. */
async function learnerWhoFinishedFirstModule(harness: Harness) {
  const { learner } = await classroom(harness);
  const { modules } = await learner.client.ok('modules:list', {});
  const first = await strongDialogue(harness, learner.client, modules[0]!.id);
  await learner.client.ok('conversations:finalize', { id: first.conversation.id });
  const { summaries } = await learner.client.ok('memory:list', { moduleId: modules[0]!.id });
  return { learner, modules, summaries };
}

describe('the tutor in dialogue', () => {
  it('lets the strong persona master Your Four Worlds: completion reaches 100% from evidence', async () => {
    h = await startHarness();
    const { learner } = await classroom(h);
    const { modules } = await learner.client.ok('modules:list', {});
    const { conversation, replies, progress } = await strongDialogue(h, learner.client, modules[0]!.id);
    expect(progress?.isCompleted).toBe(true);
    expect(progress?.completionPercentage).toBe(100);
    expect(progress?.masteryLevel).toBe('advanced');
    expect(progress?.completionDate).not.toBeNull();
    // Every reply but a closing one asks something back.
    for (const r of replies.slice(0, -1)) expect(r.trim().endsWith('?')).toBe(true);

    // Rows match the dialogue: one mastered row per concept, each with evidence pointing at the learner's messages.
    const detail = await learner.client.ok('progress:module', { moduleId: modules[0]!.id });
    expect(detail.concepts.every((c) => c.mastered && c.mastery === 1)).toBe(true);
    const mastery = (await h.core.db.knex('concept_mastery').where({ user_id: learner.user.id })) as { evidence: string }[];
    expect(mastery).toHaveLength(firstModule.concepts.length);
    const learnerMessageIds = new Set(
      ((await h.core.db.knex('messages').where({ conversation_id: conversation.id, role: 'user' }).select('id')) as { id: number }[]).map((r) => r.id),
    );
    for (const m of mastery) {
      const evidence = JSON.parse(m.evidence) as { messageId: number; checkPassed: boolean }[];
      expect(evidence.some((e) => e.checkPassed)).toBe(true);
      for (const e of evidence) expect(learnerMessageIds.has(e.messageId)).toBe(true);
    }
    const messageCount = ((await h.core.db.knex('messages').where({ conversation_id: conversation.id }).count({ n: '*' })) as { n: number }[])[0]!.n;
    expect(progress?.totalMessages).toBe(messageCount);
    expect(progress?.totalConversations).toBe(1);
    // The tutor wrote memory along the way.
    const { summaries } = await learner.client.ok('memory:list', { moduleId: modules[0]!.id });
    expect(summaries.length).toBeGreaterThan(0);
    expect(summaries[0]!.understandingLevel).toBe('mastered');
  }, 60_000);

  it('gives the confused persona the ladder in order: three hints, the example, the explanation, then a re-ask', async () => {
    h = await startHarness();
    const { learner } = await classroom(h);
    const { modules } = await learner.client.ok('modules:list', {});
    const { conversation } = await learner.client.ok('conversations:start', { moduleId: modules[0]!.id });
    const concept = firstModule.concepts[0]!;
    const replies: string[] = [];
    const moves: string[] = [];
    for (const text of ["I'm lost", "I don't get it", 'still confused', 'no idea at all', "I don't understand", "I'm still lost"]) {
      const sent = await learner.client.ok('messages:send', { conversationId: conversation.id, content: text });
      replies.push(sent.reply!.content);
      moves.push((await analysisOf(h, sent.reply!.id)).move);
    }
    expect(replies[0]).toContain(concept.hints[0]);
    expect(replies[1]).toContain(concept.hints[1]);
    expect(replies[2]).toContain(concept.hints[2]);
    expect(replies[3]).toContain(concept.exampleScenario.slice(0, 60));
    expect(replies[4]).toContain(concept.explanation.slice(0, 60));
    for (const r of replies.slice(0, 4)) expect(r).not.toContain(concept.explanation.slice(0, 60));
    expect(moves.slice(0, 5)).toEqual(['give_hint', 'give_hint', 'give_hint', 'give_example', 'give_explanation']);
    expect(moves[5]).toBe('reask_in_own_words');
    const progress = await learner.client.ok('progress:module', { moduleId: modules[0]!.id });
    expect(progress.progress?.hintsUsed).toBeGreaterThanOrEqual(5);
    expect(progress.concepts[0]!.mastered).toBe(false);
  }, 60_000);

  it('never hands the answer-seeker the explanation before the ladder ends', async () => {
    h = await startHarness();
    const { learner } = await classroom(h);
    const { modules } = await learner.client.ok('modules:list', {});
    const { conversation } = await learner.client.ok('conversations:start', { moduleId: modules[0]!.id });
    const concept = firstModule.concepts[0]!;
    const seen: string[] = [];
    for (const text of ['just tell me the answer', 'what is the answer', 'give me the answer', 'tell me']) {
      const sent = await learner.client.ok('messages:send', { conversationId: conversation.id, content: text });
      seen.push(sent.reply!.content);
      expect(sent.reply!.content.trim().endsWith('?')).toBe(true);
    }
    // Four requests climb four rungs: three hints and the example — never the explanation.
    for (const r of seen) expect(r).not.toContain(concept.explanation.slice(0, 60));
    expect(seen[0]).toContain(concept.hints[0]);
  }, 60_000);

  it('gives the same replies to the same dialogue, every time', async () => {
    const run = async () => {
      const harness = await startHarness();
      try {
        const { learner } = await classroom(harness);
        const { modules } = await learner.client.ok('modules:list', {});
        return (await strongDialogue(harness, learner.client, modules[0]!.id)).replies;
      } finally {
        await harness.dispose();
      }
    };
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(first.length * 0.9);
  }, 120_000);

  it('builds on an earlier module in the next opening, and forgets a summary the learner deleted', async () => {
    h = await startHarness();
    const { learner, modules, summaries } = await learnerWhoFinishedFirstModule(h);
    expect(summaries.length).toBeGreaterThan(0);

    const second = await learner.client.ok('conversations:start', { moduleId: modules[1]!.id });
    expect(second.messages[0]!.content).toMatch(/Your Four Worlds/);
    const used = await learner.client.ok('messages:context', { messageId: second.messages[0]!.id });
    expect(used.context?.priorKnowledge.map((p) => p.summaryId)).toEqual(expect.arrayContaining([summaries[0]!.id]));

    // The learner deletes what was remembered; the very next reply no longer uses it.
    for (const s of summaries) await learner.client.ok('memory:delete', { id: s.id });
    const next = await learner.client.ok('messages:send', { conversationId: second.conversation.id, content: 'I use media to relax' });
    const after = await learner.client.ok('messages:context', { messageId: next.reply!.id });
    for (const s of summaries) expect(after.context?.priorKnowledge.map((p) => p.summaryId)).not.toContain(s.id);
    const live = await learner.client.ok('memory:context', { conversationId: second.conversation.id });
    expect(live.priorKnowledge).toEqual([]);
    // The record kept with each reply is compact: references, not copies of the content.
    const sizes = (await h.core.db.knex('messages').whereNotNull('memory_context').select(h.core.db.knex.raw('length(memory_context) AS n'))) as { n: number }[];
    expect(Math.max(...sizes.map((s) => s.n))).toBeLessThan(4096);
  }, 60_000);

  it('writes no new summary of a conversation whose summary the learner deleted', async () => {
    h = await startHarness();
    const { learner } = await classroom(h);
    const { modules } = await learner.client.ok('modules:list', {});
    const { conversation } = await learner.client.ok('conversations:start', { moduleId: modules[0]!.id });
    const say = (content: string) => learner.client.ok('messages:send', { conversationId: conversation.id, content });
    for (const text of ['We notice different things', 'Our background shapes it', 'I am not sure']) await say(text);
    const { summaries } = await learner.client.ok('memory:list', { moduleId: modules[0]!.id });
    expect(summaries.map((s) => s.conversationId)).toContain(conversation.id);
    for (const s of summaries) await learner.client.ok('memory:delete', { id: s.id });
    for (const text of ['Media shows places we never visit', 'People filter what they see', 'I think so', 'Maybe']) await say(text);
    await learner.client.ok('conversations:finalize', { id: conversation.id });
    expect((await learner.client.ok('memory:list', {})).summaries).toEqual([]);
  }, 60_000);

  it('respects a learner’s correction of a summary in the very next reply', async () => {
    h = await startHarness();
    const { learner, modules, summaries } = await learnerWhoFinishedFirstModule(h);
    await learner.client.ok('memory:update', { id: summaries[0]!.id, patch: { whatLearned: 'That I filter what I notice, like a spam filter.' } });
    const second = await learner.client.ok('conversations:start', { moduleId: modules[1]!.id });
    const ctx = await learner.client.ok('messages:context', { messageId: second.messages[0]!.id });
    expect(ctx.context?.priorKnowledge.find((p) => p.summaryId === summaries[0]!.id)?.whatLearned).toBe(
      'That I filter what I notice, like a spam filter.',
    );
  }, 60_000);

  it('keeps the learner’s message and says so clearly when the tutor fails', async () => {
    h = await startHarness();
    const { learner } = await classroom(h);
    const { modules } = await learner.client.ok('modules:list', {});
    const { conversation } = await learner.client.ok('conversations:start', { moduleId: modules[0]!.id });
    const real = h.core.dispatcher.services.tutor!;
    const broken: TutorEngine = { ...real, id: real.id, respond: () => Promise.reject(new Error('model crashed')) };
    h.core.dispatcher.services.tutor = broken;
    const res = await learner.client.call('messages:send', { conversationId: conversation.id, content: 'Here is my careful answer.' });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('TUTOR_UNAVAILABLE');
      expect(res.error.message).toMatch(/saved/);
      expect(res.error.message).not.toMatch(/crashed/);
    }
    const { messages } = await learner.client.ok('messages:list', { conversationId: conversation.id });
    expect(messages[0]!.content).toBe('Here is my careful answer.');
    h.core.dispatcher.services.tutor = real;
  }, 60_000);

  it('writes the session summary when a conversation is finalized and refuses new messages after', async () => {
    h = await startHarness();
    const { learner } = await classroom(h);
    const { modules } = await learner.client.ok('modules:list', {});
    const { conversation } = await learner.client.ok('conversations:start', { moduleId: modules[0]!.id });
    await learner.client.ok('messages:send', { conversationId: conversation.id, content: persona.concepts[firstModule.concepts[0]!.slug]!.strong[0]! });
    const done = await learner.client.ok('conversations:finalize', { id: conversation.id });
    expect(done.conversation.status).toBe('finalized');
    expect(done.closing?.content.length).toBeGreaterThan(20);
    expect(done.summary?.conversationId).toBe(conversation.id);
    const more = await learner.client.call('messages:send', { conversationId: conversation.id, content: 'one more thing' });
    expect(more.ok).toBe(false);
    if (!more.ok) expect(more.error.code).toBe('CONFLICT');
    const md = await learner.client.ok('conversations:export', { conversationId: conversation.id, format: 'markdown' });
    expect(md.content).toContain('## Tutor');
    expect(md.content).toContain('## You');
  }, 60_000);

  it('takes a double submit as two turns, one after the other', async () => {
    h = await startHarness();
    const { learner } = await classroom(h);
    const { modules } = await learner.client.ok('modules:list', {});
    const { conversation } = await learner.client.ok('conversations:start', { moduleId: modules[0]!.id });
    await learner.client.ok('messages:send', { conversationId: conversation.id, content: 'We notice different things' });
    const turnsBefore = ((await engineState(h, conversation.id)) as unknown as { learnerTurns: number }).learnerTurns;
    const [first, second] = await Promise.all([
      learner.client.ok('messages:send', { conversationId: conversation.id, content: 'Our background shapes it' }),
      learner.client.ok('messages:send', { conversationId: conversation.id, content: 'And the media we use' }),
    ]);
    expect(((await engineState(h, conversation.id)) as unknown as { learnerTurns: number }).learnerTurns).toBe(turnsBefore + 2);
    // The second reply was written knowing the first: its turns include the first exchange.
    const row = (await h.core.db.knex('messages').where({ id: second.reply!.id }).first('memory_context')) as { memory_context: string };
    const seen = (JSON.parse(row.memory_context) as { conversation: { recentMessageIds: number[] } }).conversation.recentMessageIds;
    expect(seen).toEqual(expect.arrayContaining([first.userMessage.id, first.reply!.id]));
    const { progress } = await learner.client.ok('progress:module', { moduleId: modules[0]!.id });
    expect(progress?.totalMessages).toBe(1 + 2 + 4);
  }, 60_000);
});
