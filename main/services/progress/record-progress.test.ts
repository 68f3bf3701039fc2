/** Rebuilding a module's progress from what remains after a conversation is deleted. */
import { afterEach, describe, expect, it } from 'vitest';
import { classroom, startHarness, type Harness } from '../../../test/helpers/harness.ts';
import { findProgress } from '../../repositories/learning-records.ts';
import { activeSecondsBetween, recomputeModuleProgress } from './record-progress.ts';

let h: Harness | null = null;
afterEach(async () => {
  await h?.dispose();
  h = null;
});

describe('recomputeModuleProgress', () => {
  it('rebuilds the counters of the conversations that remain, and keeps what was mastered', async () => {
    h = await startHarness();
    const harness = h;
    const { learner } = await classroom(harness, 'personal');
    const { modules } = await learner.client.ok('modules:list', {});
    const moduleId = modules[0]!.id;
    const talk = async (lines: string[]) => {
      const { conversation } = await learner.client.ok('conversations:start', { moduleId });
      for (const content of lines) {
        harness.clock.now += 40_000;
        await learner.client.ok('messages:send', { conversationId: conversation.id, content });
      }
      // A long break is not study time.
      harness.clock.now += 3_600_000;
      return conversation.id;
    };
    const dropped = await talk(['We notice different things', 'Why do we filter what we see?']);
    const kept = await talk(["I'm lost", 'Can you give me a hint?', 'We select, organise and interpret']);
    const { knex } = harness.core.db;
    const before = await findProgress(knex, learner.user.id, moduleId);

    // Nothing removed: the rebuild reproduces the totals the turns kept.
    await knex.transaction((trx) => recomputeModuleProgress(trx, learner.user.id, moduleId, harness.clock.now));
    const rebuilt = await findProgress(knex, learner.user.id, moduleId);
    expect(rebuilt).toMatchObject({
      totalConversations: 2,
      totalMessages: before!.totalMessages,
      completionPercentage: before!.completionPercentage,
      isCompleted: before!.isCompleted,
      masteryLevel: before!.masteryLevel,
      currentFocus: before!.currentFocus,
      lastActivityAt: before!.lastActivityAt,
    });

    await learner.client.ok('conversations:delete', { id: dropped });
    const after = await findProgress(knex, learner.user.id, moduleId);
    const remaining = (await knex('messages').where({ conversation_id: kept }).orderBy('id')) as { created_at: string; socratic_analysis: string | null }[];
    // The rebuild (in SQL) must count time as each turn does.
    let seconds = 0;
    for (let i = 1; i < remaining.length; i++) seconds += activeSecondsBetween(remaining[i - 1]!.created_at, remaining[i]!.created_at);
    const analyses = remaining.map((m) => (m.socratic_analysis === null ? {} : (JSON.parse(m.socratic_analysis) as Record<string, unknown>)));
    const flag = (key: string) => analyses.filter((a) => a[key] === true).length;
    expect(after).toMatchObject({
      totalConversations: 1,
      totalMessages: remaining.length,
      timeSpentSeconds: seconds,
      hintsUsed: flag('hintGiven'),
      questionsAsked: flag('askedQuestion'),
      completionPercentage: before!.completionPercentage,
      lastActivityAt: remaining[remaining.length - 1]!.created_at,
    });
    expect(seconds).toBeGreaterThan(0);
  });

  it('writes nothing for a module the learner never started', async () => {
    h = await startHarness();
    const { learner } = await classroom(h);
    const { modules } = await learner.client.ok('modules:list', {});
    const { knex } = h.core.db;
    await knex.transaction((trx) => recomputeModuleProgress(trx, learner.user.id, modules[0]!.id, Date.now()));
    expect(await findProgress(knex, learner.user.id, modules[0]!.id)).toBeNull();
  });
});
