/**
 * Random and hostile input at every channel (fast-check): only envelope errors come back,
 * the process stays up, the database stays intact, and no rejected call changes a row —
 * security bookkeeping (failed-login counters, session last-seen times) aside.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHANNEL_NAMES } from '../../src/shared/contract/channels.ts';
import { appErrorSchema, errorCodeSchema } from '../../src/shared/contract/errors.ts';
import { inProcessWorldForFile, type Who } from './fixture.ts';

const fx = inProcessWorldForFile();

beforeAll(async () => {
  // Each session's last-seen time is bookkeeping written at most once a minute; write it now,
  // on the world's fixed clock, so the per-call write counts below see only real writes.
  for (const who of ['learner', 'other', 'teacher', 'admin'] as const) await fx.world.as(who).call('auth:session', {});
});

const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom(
    "'; DROP TABLE users; --",
    '" OR 1=1 --',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '../../../../etc/passwd',
    '\u0000\u0001\u0002',
    '%00%2e%2e',
    '𝕳𝖆𝖗𝖛 🚀 ',
    'a'.repeat(10_000),
    '__proto__',
    'constructor',
  ),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 2 ** 53 + 7, -1, 0),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
    fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}')),
  ),
})).value;

/** Inputs shaped like the channel's own, with hostile values in its fields. */
const hostileInput = fc.oneof(
  hostileValue,
  fc.record(
    {
      id: hostileValue,
      conversationId: hostileValue,
      moduleId: hostileValue,
      userId: hostileValue,
      content: hostileValue,
      email: hostileValue,
      password: hostileValue,
      patch: hostileValue,
      pack: hostileValue,
      before: hostileValue,
      limit: hostileValue,
    },
    { requiredKeys: [] },
  ),
);

async function totalChanges(): Promise<number> {
  const rows = (await fx.world.core.db.knex.raw('SELECT total_changes() AS n')) as { n: number }[];
  return rows[0]?.n ?? 0;
}

describe('hostile input at every channel', () => {
  it('gets envelopes only, writes nothing when rejected, and leaves the database intact', async () => {
    const who = fc.constantFrom<Who>('anon', 'learner', 'teacher', 'admin');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CHANNEL_NAMES), who, hostileInput, async (channel, as, input) => {
        const changesBefore = await totalChanges();
        const res = await fx.world.as(as).call(channel, input);
        expect(typeof res).toBe('object');
        expect(typeof res.ok).toBe('boolean');
        if (!res.ok) {
          expect(appErrorSchema.safeParse(res.error).success).toBe(true);
          expect(errorCodeSchema.options).toContain(res.error.code);
          // Nothing internal leaks: no SQL, stack frames or file paths.
          const text = JSON.stringify(res.error);
          expect(text).not.toMatch(/SQLITE|select |insert into|at .*\.ts:\d+|\/work\/|node_modules/i);
          // A rejected call writes nothing (sign-in bookkeeping is the one allowed write).
          if (channel !== 'auth:login') expect(await totalChanges()).toBe(changesBefore);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 400, seed: 20261203 },
    );
    const integrity = (await fx.world.core.db.knex.raw('PRAGMA integrity_check')) as { integrity_check: string }[];
    expect(integrity[0]?.integrity_check).toBe('ok');
    const fk = (await fx.world.core.db.knex.raw('PRAGMA foreign_key_check')) as unknown[];
    expect(fk).toEqual([]);
    // The process is still serving: an ordinary call works after the barrage.
    const after = await fx.world.as('learner').call('users:me', {});
    expect(after.ok).toBe(true);
  }, 300_000);

  it('answers random channel names with UNKNOWN_CHANNEL', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), hostileValue, async (name, input) => {
        fc.pre(!(CHANNEL_NAMES as string[]).includes(name));
        const res = await fx.world.as('admin').call(name, input);
        expect(res.ok).toBe(false);
        if (!res.ok) expect(res.error.code).toBe('UNKNOWN_CHANNEL');
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
