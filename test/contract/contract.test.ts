/**
 * The contract, channel by channel, in-process (as the desktop shell calls it) and over
 * HTTP (as the browser mode does): valid input → output that passes its schema; invalid
 * input → VALIDATION with field paths and nothing written; no session → UNAUTHENTICATED;
 * the wrong role → FORBIDDEN; another learner's row → NOT_FOUND, never the row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelAccess } from '../../src/shared/contract/access.ts';
import { CHANNEL_NAMES, channels, type Channel } from '../../src/shared/contract/channels.ts';
import type { Envelope } from '../../src/shared/contract/errors.ts';
import { channelCases } from './channel-cases.ts';
import { buildFixture, httpWorld, inProcessWorld, snapshotRows, type CaseWorld, type FixtureIds, type Who } from './fixture.ts';

let template: string;
let ids: FixtureIds;
let cleanup: () => void;

beforeAll(async () => {
  ({ file: template, ids, cleanup } = await buildFixture());
}, 120_000);
afterAll(() => cleanup?.());

function expectError(res: Envelope<unknown>, code: string): void {
  expect(res.ok, `expected ${code}, got ${JSON.stringify(res).slice(0, 300)}`).toBe(false);
  if (!res.ok) expect(res.error.code).toBe(code);
}

/** Who is one step below the channel's access level. */
function tooLowFor(channel: Channel): Who | null {
  const access = channelAccess[channel];
  if (access === 'teacher') return 'learner';
  if (access === 'admin') return 'teacher';
  return null;
}

describe.each([
  ['in-process', inProcessWorld],
  ['over HTTP', httpWorld],
] as const)('every channel %s', (_label, makeWorld) => {
  it('has a case for every channel in the contract', () => {
    expect(Object.keys(channelCases).sort()).toEqual([...CHANNEL_NAMES].sort());
  });

  it.each(CHANNEL_NAMES.map((c) => [c]))('%s', async (channel) => {
    const spec = channelCases[channel];
    const world: CaseWorld = await makeWorld(template, ids);
    try {
      const before = await snapshotRows(world.core);
      const rejected = async (who: Who, input: unknown, code: string) => {
        expectError(await world.as(who).call(channel, input), code);
        expect(await snapshotRows(world.core), `${channel} as ${who} must write nothing`).toBe(before);
      };
      if (channelAccess[channel] !== 'public') await rejected('anon', spec.valid(ids), 'UNAUTHENTICATED');
      const low = tooLowFor(channel);
      if (low) await rejected(low, spec.valid(ids), 'FORBIDDEN');
      const invalid = await world.as(spec.as).call(channel, spec.invalid);
      expectError(invalid, 'VALIDATION');
      if (!invalid.ok) expect(Object.keys(invalid.error.fields ?? {}).length).toBeGreaterThan(0);
      expect(await snapshotRows(world.core)).toBe(before);
      if (spec.foreign) {
        const res = await world.as('learner').call(channel, spec.foreign(ids));
        expectError(res, 'NOT_FOUND');
        expect(JSON.stringify(res)).not.toContain('Olu');
        expect(await snapshotRows(world.core)).toBe(before);
      }

      if (spec.prepare) await spec.prepare(world.as('admin'), ids);
      const res = await world.as(spec.as).call(channel, spec.valid(ids));
      if (spec.validRefusedWith) {
        expectError(res, spec.validRefusedWith);
      } else {
        expect(res.ok, JSON.stringify(res).slice(0, 400)).toBe(true);
        if (res.ok) expect(channels[channel].output.safeParse(res.data).success).toBe(true);
      }
    } finally {
      await world.close();
    }
  }, 60_000);
});

describe('unknown channels', () => {
  it('answer UNKNOWN_CHANNEL without touching the database', async () => {
    const world = await inProcessWorld(template, ids);
    try {
      const before = await snapshotRows(world.core);
      for (const name of ['users:drop', '', 'constructor', '__proto__', 'app:info ', 'toString']) {
        expectError(await world.as('admin').call(name, {}), 'UNKNOWN_CHANNEL');
      }
      expect(await snapshotRows(world.core)).toBe(before);
    } finally {
      await world.close();
    }
  });
});
