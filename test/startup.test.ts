/** What opening Harv does to an existing database besides migrating it. */
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { startHarvCore } from '../main/app-core.ts';
import { classroom, HARNESS_START, startHarness, type Harness } from './helpers/harness.ts';

let h: Harness | null = null;
afterEach(async () => {
  await h?.dispose();
  h = null;
});

describe('opening Harv', () => {
  it('sweeps away sessions that have expired and keeps the live ones', async () => {
    h = await startHarness();
    await classroom(h); // four signed-in accounts, 30-minute classroom sessions
    const sessions = async (knex: Knex) => ((await knex('sessions').count({ n: '*' })) as { n: number }[])[0]!.n;
    expect(await sessions(h.core.db.knex)).toBe(4);
    await h.core.close();

    const soon = await startHarvCore({ filename: join(h.dir, 'harv.sqlite'), passwordCost: 4, now: () => HARNESS_START + 10 * 60_000 });
    expect(await sessions(soon.db.knex)).toBe(4);
    await soon.close();

    const later = await startHarvCore({ filename: join(h.dir, 'harv.sqlite'), passwordCost: 4, now: () => HARNESS_START + 2 * 3_600_000 });
    expect(await sessions(later.db.knex)).toBe(0);
    await later.close();
  });
});
