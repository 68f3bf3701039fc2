/**
 * "Asking for another user's row answers NOT_FOUND, never the row" (DESIGN.md §4) — and
 * not even a hint that the row exists: a learner probing ids must get exactly the answer a
 * missing id gets, or they could map which ids belong to someone else.
 */
import { describe, expect, it } from 'vitest';
import { inProcessWorldForFile, type FixtureIds } from './fixture.ts';

const fx = inProcessWorldForFile();
const MISSING = 987_654;

/** Channel, its input for another learner's row, and for a row that does not exist. */
const probes = (f: FixtureIds): [string, unknown, unknown][] => [
  ['conversations:get', { id: f.otherConversationId }, { id: MISSING }],
  ['messages:list', { conversationId: f.otherConversationId }, { conversationId: MISSING }],
  ['messages:context', { messageId: f.otherMessageId }, { messageId: MISSING }],
  ['memory:context', { conversationId: f.otherConversationId }, { conversationId: MISSING }],
  ['memory:get', { id: f.otherMemoryId }, { id: MISSING }],
  ['conversations:export', { conversationId: f.otherConversationId, format: 'json' }, { conversationId: MISSING, format: 'json' }],
];

describe("another learner's row", () => {
  it.each(probes({} as FixtureIds).map(([c], i) => [c, i]))('%s answers as if it did not exist', async (_c, i) => {
    const [channel, foreign, missing] = probes(fx.ids)[i as number]!;
    const learner = fx.world.as('learner');
    const theirs = await learner.call(channel, foreign);
    const none = await learner.call(channel, missing);
    expect(theirs.ok).toBe(false);
    if (!theirs.ok) expect(theirs.error.code).toBe('NOT_FOUND');
    expect(theirs).toEqual(none);
  });
});
