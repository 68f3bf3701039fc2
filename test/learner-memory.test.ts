/**
 * Replies keep the slow-changing layers of a learner's memory between turns
 * (main/services/tutor/learner-memory-cache.ts). Whatever changes those layers — another of
 * the learner's conversations, their own edits, another Harv process on the same data —
 * must show in the very next reply.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBundledPack } from '../main/services/curriculum/bundled-pack.ts';
import { loadPersona } from './fixtures/personas/persona-schema.ts';
import { classroom, startHarness, type Client, type Harness } from './helpers/harness.ts';
import { LearnerMemoryCache } from '../main/services/tutor/learner-memory-cache.ts';

/** Keeps nothing: every reply reads every layer afresh. */
class ForgetfulCache extends LearnerMemoryCache {
  override useConnection(): void {
    this.clear();
  }
}

const firstModule = loadBundledPack().modules[0]!;
const persona = loadPersona('01-your-four-worlds.json');

let h: Harness | null = null;
afterEach(async () => {
  await h?.dispose();
  h = null;
});

/** What the tutor recorded about the reply to `content`: the profile it saw and the prior summaries it was given. */
async function replyTo(harness: Harness, learner: Client, conversationId: number, content: string) {
  const sent = await learner.ok('messages:send', { conversationId, content });
  const row = (await harness.core.db.knex('messages').where({ id: sent.reply!.id }).first('memory_context')) as { memory_context: string };
  const record = JSON.parse(row.memory_context) as { profile: { pace: string | null; hasGoals: boolean; overallCompletion: number }; prior: number[] };
  return { sent, record };
}

describe('what a reply remembers between turns', () => {
  it('gives a summary written in one module to the very next reply in another', async () => {
    h = await startHarness();
    const { learner } = await classroom(h);
    const { modules } = await learner.client.ok('modules:list', {});
    const a = await learner.client.ok('conversations:start', { moduleId: modules[0]!.id });
    const b = await learner.client.ok('conversations:start', { moduleId: modules[1]!.id });
    const before = await replyTo(h, learner.client, b.conversation.id, 'I use media to relax after school');
    expect(before.record.prior).toEqual([]);

    // Three turns in module A: the tutor writes its summary of that conversation.
    for (const text of ['We notice different things', 'Our background shapes what we notice', 'I am not sure']) {
      await learner.client.ok('messages:send', { conversationId: a.conversation.id, content: text });
    }
    const { summaries } = await learner.client.ok('memory:list', { moduleId: modules[0]!.id });
    expect(summaries).toHaveLength(1);

    const after = await replyTo(h, learner.client, b.conversation.id, 'Maybe the news picks what we see');
    expect(after.record.prior).toEqual([summaries[0]!.id]);
  }, 60_000);

  it('sees at once what another process wrote to the same data', async () => {
    h = await startHarness();
    const { learner } = await classroom(h);
    const { modules } = await learner.client.ok('modules:list', {});
    const b = await learner.client.ok('conversations:start', { moduleId: modules[1]!.id });
    const first = await replyTo(h, learner.client, b.conversation.id, 'I use media to relax after school');
    expect(first.record.prior).toEqual([]);
    expect(first.record.profile.pace).toBeNull();

    // A second Harv (or a command-line tool) writes on its own connection to the same file.
    const other = new Database(join(h.dir, 'harv.sqlite'));
    try {
      const at = new Date(h.clock.now).toISOString();
      other
        .prepare(
          `INSERT INTO onboarding_surveys (user_id, preferred_pace, created_at, updated_at) VALUES (?, 'slow', ?, ?)
           ON CONFLICT (user_id) DO UPDATE SET preferred_pace = 'slow'`,
        )
        .run(learner.user.id, at, at);
      const { lastInsertRowid } = other
        .prepare(
          `INSERT INTO memory_summaries (user_id, module_id, what_learned, key_concepts, understanding_level, created_at, updated_at)
           VALUES (?, ?, 'We filter what we notice.', '[]', 'developing', ?, ?)`,
        )
        .run(learner.user.id, modules[2]!.id, at, at);

      const next = await replyTo(h, learner.client, b.conversation.id, 'Maybe the news picks what we see');
      expect(next.record.prior).toEqual([Number(lastInsertRowid)]);
      expect(next.record.profile.pace).toBe('slow');
    } finally {
      other.close();
    }
  }, 60_000);

  it('uses the learner’s changed onboarding answers in the very next reply', async () => {
    h = await startHarness();
    const { learner } = await classroom(h);
    const { modules } = await learner.client.ok('modules:list', {});
    const { conversation } = await learner.client.ok('conversations:start', { moduleId: modules[0]!.id });
    expect((await replyTo(h, learner.client, conversation.id, 'We notice different things')).record.profile.pace).toBeNull();
    await learner.client.ok('onboarding:save', { preferredPace: 'fast', goals: 'Spot who gains from a story', completed: true });
    const after = await replyTo(h, learner.client, conversation.id, 'Our background shapes it');
    expect(after.record.profile).toMatchObject({ pace: 'fast', hasGoals: true });
    expect((await learner.client.ok('memory:context', { conversationId: conversation.id })).profile.goals).toBe('Spot who gains from a story');
    // The next opening says the learner's goal back to them.
    const next = await learner.client.ok('conversations:start', { moduleId: modules[1]!.id });
    expect(next.messages[0]!.content).toContain('Spot who gains from a story');
  }, 60_000);

  it('counts a concept mastered in one reply in the next reply’s overall completion', async () => {
    h = await startHarness();
    const { learner } = await classroom(h);
    const { modules } = await learner.client.ok('modules:list', {});
    const { conversation } = await learner.client.ok('conversations:start', { moduleId: modules[0]!.id });
    const answers = persona.concepts[firstModule.concepts[0]!.slug]!.strong;
    let turn = await replyTo(h, learner.client, conversation.id, answers[0]!);
    expect(turn.record.profile.overallCompletion).toBe(0);
    for (let i = 1; i < 8 && turn.sent.progress!.completionPercentage === 0; i++) {
      turn = await replyTo(h, learner.client, conversation.id, answers[i % answers.length]!);
    }
    expect(turn.sent.progress!.completionPercentage).toBeGreaterThan(0);
    const next = await replyTo(h, learner.client, conversation.id, 'I think so');
    expect(next.record.profile.overallCompletion).toBeGreaterThan(0);
  }, 60_000);

  it('gives the very replies and records it would give reading everything afresh', async () => {
    const run = async (keep: boolean) => {
      const harness = await startHarness();
      try {
        if (!keep) harness.core.dispatcher.services.learnerMemory = new ForgetfulCache();
        const { learner } = await classroom(harness);
        const { modules } = await learner.client.ok('modules:list', {});
        const a = await learner.client.ok('conversations:start', { moduleId: modules[0]!.id });
        const b = await learner.client.ok('conversations:start', { moduleId: modules[1]!.id });
        const lines = firstModule.concepts.flatMap((c) => [...persona.concepts[c.slug]!.strong, "I'm lost", 'Can you just tell me?']);
        for (let i = 0; i < 36; i++) {
          harness.clock.now += 20_000;
          const conversationId = i % 4 === 3 ? b.conversation.id : a.conversation.id;
          await learner.client.ok('messages:send', { conversationId, content: lines[i % lines.length]! });
        }
        const rows = (await harness.core.db.knex('messages').orderBy('id').select('content', 'memory_context', 'socratic_analysis')) as {
          memory_context: string | null;
        }[];
        // The bundled pack's import time (wall clock, not the test's) is the only difference allowed.
        return rows.map((r) => ({ ...r, memory_context: r.memory_context?.replace(/"updatedAt":"[^"]*"/, '') }));
      } finally {
        await harness.dispose();
      }
    };
    const kept = await run(true);
    expect(kept.length).toBeGreaterThan(70);
    expect(kept).toEqual(await run(false));
  }, 120_000);

  it('reads the recent turns afresh after two messages in one conversation crossed (a double submit)', async () => {
    h = await startHarness();
    const { learner } = await classroom(h);
    const { modules } = await learner.client.ok('modules:list', {});
    const { conversation } = await learner.client.ok('conversations:start', { moduleId: modules[0]!.id });
    for (const text of ['We notice different things', 'Our background shapes it', 'I am not sure']) {
      await learner.client.ok('messages:send', { conversationId: conversation.id, content: text });
    }
    await Promise.all([
      learner.client.ok('messages:send', { conversationId: conversation.id, content: 'first of two' }),
      learner.client.ok('messages:send', { conversationId: conversation.id, content: 'second of two' }),
    ]);
    const next = await replyTo(h, learner.client, conversation.id, 'and then?');
    const before = (await h.core.db.knex('messages')
      .where({ conversation_id: conversation.id })
      .andWhere('id', '<', next.sent.userMessage.id)
      .orderBy('id', 'desc')
      .limit(7)
      .pluck('id')) as number[];
    const record = JSON.parse(
      ((await h.core.db.knex('messages').where({ id: next.sent.reply!.id }).first('memory_context')) as { memory_context: string }).memory_context,
    ) as { conversation: { recentMessageIds: number[] } };
    expect(record.conversation.recentMessageIds).toEqual(before.reverse());
  }, 60_000);

  it('sees a concept another process retired in the very next reply', async () => {
    h = await startHarness();
    const { learner } = await classroom(h);
    const { modules } = await learner.client.ok('modules:list', {});
    const { conversation } = await learner.client.ok('conversations:start', { moduleId: modules[0]!.id });
    const conceptsIn = async (content: string) => {
      const { sent } = await replyTo(h!, learner.client, conversation.id, content);
      const row = (await h!.core.db.knex('messages').where({ id: sent.reply!.id }).first('memory_context')) as { memory_context: string };
      return (JSON.parse(row.memory_context) as { concepts: { id: number }[] }).concepts.map((c) => c.id);
    };
    const first = await conceptsIn('We notice different things');
    const other = new Database(join(h.dir, 'harv.sqlite'));
    try {
      other.prepare('UPDATE module_concepts SET retired_at = ? WHERE id = ?').run(new Date(h.clock.now).toISOString(), first.at(-1));
    } finally {
      other.close();
    }
    expect(await conceptsIn('Our background shapes it')).toEqual(first.slice(0, -1));
  }, 60_000);
});
