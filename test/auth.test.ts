/**
 * Signing up, signing in and staying signed in, as a learner, teacher or admin would meet it:
 * the password rules, first-run setup, self sign-up, login throttling, session expiry and
 * sign-out, and account management (including the last-admin rule). Every call goes through
 * the real dispatcher on a real SQLite file; the clock is the harness's fake one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SessionCache } from '../main/services/auth/sessions.ts';
import { classroom, PASSWORD, startHarness, type Client, type Harness } from './helpers/harness.ts';
import type { AppError, Envelope } from '../src/shared/contract/errors.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ bundledPack: false });
});
afterEach(async () => h.dispose());

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function errorOf(res: Envelope<unknown>): AppError {
  if (res.ok) throw new Error(`Expected a failure, got data: ${JSON.stringify(res.data)}`);
  return res.error;
}

type Row = Record<string, unknown>;

/** Everything sign-in and account management can write. */
async function snapshot(): Promise<{ users: Row[]; sessions: Row[]; settings: Row[] }> {
  const k = h.core.db.knex;
  return {
    users: (await k('users').select('*').orderBy('id')) as Row[],
    sessions: (await k('sessions').select('*').orderBy('id')) as Row[],
    settings: (await k('app_settings').select('*').orderBy('key')) as Row[],
  };
}

async function userRow(email: string): Promise<Row> {
  const row = (await h.core.db.knex('users').where({ email }).first()) as Row | undefined;
  if (!row) throw new Error(`No user ${email}`);
  return row;
}

async function sessionCount(userId: number): Promise<number> {
  const row = (await h.core.db.knex('sessions').where({ user_id: userId }).count<{ n: number }[]>({ n: '*' }))[0];
  return row?.n ?? 0;
}

async function signIn(email: string, password: string, clientKey?: string): Promise<Client> {
  const c = h.client(clientKey ? { clientKey } : {});
  await c.ok('auth:login', { email, password });
  return c;
}

// ── password rules ─────────────────────────────────────────────────────────────────────

type Attempt = (password: string) => Promise<Envelope<unknown>>;

interface PasswordEntry {
  channel: string;
  /** Where the policy message belongs in the input (dotted path, as zod reports paths). */
  field: string;
  /** The email that signs in with the password once it is accepted. */
  email: string;
  prepare(): Promise<Attempt>;
}

const passwordEntries: PasswordEntry[] = [
  {
    channel: 'app:setup',
    field: 'admin.password',
    email: 'ada@school.test',
    async prepare() {
      const c = h.client();
      return (password) => c.call('app:setup', { mode: 'classroom', admin: { email: 'ada@school.test', password, name: 'Ada' } });
    },
  },
  {
    channel: 'auth:register',
    field: 'password',
    email: 'newbie@school.test',
    async prepare() {
      const { admin } = await classroom(h);
      await admin.ok('settings:update', { patch: { selfSignUp: true } });
      const c = h.client();
      return (password) => c.call('auth:register', { email: 'newbie@school.test', password, name: 'Newbie' });
    },
  },
  {
    channel: 'users:create',
    field: 'password',
    email: 'newbie@school.test',
    async prepare() {
      const { admin } = await classroom(h);
      return (password) => admin.call('users:create', { email: 'newbie@school.test', password, name: 'Newbie', role: 'learner' });
    },
  },
  {
    channel: 'auth:changePassword',
    field: 'newPassword',
    email: 'lee@school.test',
    async prepare() {
      const { learner } = await classroom(h);
      return (password) => learner.client.call('auth:changePassword', { currentPassword: PASSWORD, newPassword: password });
    },
  },
  {
    channel: 'users:resetPassword',
    field: 'newPassword',
    email: 'lee@school.test',
    async prepare() {
      const { teacher, learner } = await classroom(h);
      return (password) => teacher.client.call('users:resetPassword', { userId: learner.user.id, newPassword: password });
    },
  },
];

const badPasswords: { why: string; password: string; message: RegExp }[] = [
  { why: 'is too short', password: 'abc1234', message: /at least 8 characters/ },
  { why: 'is over 72 bytes of plain letters', password: 'a'.repeat(73), message: /72 bytes/ },
  // 37 × "é" is 37 characters but 74 UTF-8 bytes: the byte count is what bcrypt reads.
  { why: 'is over 72 UTF-8 bytes with accented letters', password: 'é'.repeat(37), message: /72 bytes/ },
  { why: 'is over 72 UTF-8 bytes with emoji', password: '🦉'.repeat(19), message: /72 bytes/ },
  { why: 'is only spaces', password: ' '.repeat(12), message: /spaces/ },
];

describe('password rules', () => {
  describe.each(passwordEntries)('$channel', (entry) => {
    it.each(badPasswords)('refuses a password that $why, naming the field, and writes nothing', async ({ password, message }) => {
      const attempt = await entry.prepare();
      const before = await snapshot();
      const error = errorOf(await attempt(password));
      expect(error.code).toBe('VALIDATION');
      expect(error.message).toMatch(message);
      expect(Object.keys(error.fields ?? {})).toEqual([entry.field]);
      expect(error.fields?.[entry.field]?.join(' ')).toMatch(message);
      expect(await snapshot()).toEqual(before);
    });

    it('accepts exactly 72 bytes of multibyte letters, and that password signs in', async () => {
      const attempt = await entry.prepare();
      const password = 'é'.repeat(36); // 72 bytes
      const res = await attempt(password);
      expect(res.ok, JSON.stringify(res)).toBe(true);
      const c = h.client();
      await c.ok('auth:login', { email: entry.email, password });
      expect((await c.ok('users:me', {})).user.email).toBe(entry.email);
    });
  });

  it('a password longer than the 72 bytes bcrypt reads never signs in, even when its first 72 bytes are right', async () => {
    const { admin } = await classroom(h);
    const password = 'p'.repeat(72);
    await admin.ok('users:create', { email: 'long@school.test', password, name: 'Long', role: 'learner' });
    const res = await h.client().call('auth:login', { email: 'long@school.test', password: `${password}-and-more` });
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    await h.client().ok('auth:login', { email: 'long@school.test', password });
  });
});

// ── emails ─────────────────────────────────────────────────────────────────────────────

describe('emails are case-insensitive', () => {
  it('signs in whatever the case of the email typed', async () => {
    await classroom(h);
    const c = h.client();
    const { user } = await c.ok('auth:login', { email: 'LEE@School.TEST', password: PASSWORD });
    expect(user.email).toBe('lee@school.test');
    expect((await c.ok('users:me', {})).user.id).toBe(user.id);
  });

  it('refuses to create a second account whose email differs only in case (CONFLICT on email), writing nothing', async () => {
    const { admin } = await classroom(h);
    const before = await snapshot();
    const error = errorOf(await admin.call('users:create', { email: 'Lee@SCHOOL.test', password: PASSWORD, name: 'Lee Again', role: 'learner' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.fields?.email).toBeDefined();
    expect(await snapshot()).toEqual(before);
  });

  it('refuses self sign-up with an email already taken in another case', async () => {
    const { admin } = await classroom(h);
    await admin.ok('settings:update', { patch: { selfSignUp: true } });
    const error = errorOf(await h.client().call('auth:register', { email: 'TEACHER@school.test', password: PASSWORD, name: 'Imposter' }));
    expect(error.code).toBe('CONFLICT');
    expect((await h.core.db.knex('users').where({ name: 'Imposter' })).length).toBe(0);
  });
});

// ── first-run setup and self sign-up ───────────────────────────────────────────────────

describe('first-run setup', () => {
  const admin = { email: 'ada@school.test', password: PASSWORD, name: 'Ada' };

  it('creates the first account as an admin and signs it in', async () => {
    const c = h.client();
    const { user } = await c.ok('app:setup', { mode: 'classroom', admin });
    expect(user.role).toBe('admin');
    expect((await c.ok('users:me', {})).user.id).toBe(user.id);
    const info = await c.ok('app:info', {});
    expect(info).toMatchObject({ setupDone: true, usageMode: 'classroom', selfSignUp: false });
  });

  it('happens only once: a second setup is a CONFLICT and writes nothing', async () => {
    await h.client().ok('app:setup', { mode: 'classroom', admin });
    const before = await snapshot();
    const again = h.client();
    const error = errorOf(await again.call('app:setup', { mode: 'personal', admin: { ...admin, email: 'mallory@evil.test' } }));
    expect(error.code).toBe('CONFLICT');
    expect(again.token).toBeNull();
    expect(await snapshot()).toEqual(before);
  });

  it('is accepted only from the machine itself: a network caller is FORBIDDEN and nothing is written', async () => {
    const before = await snapshot();
    const remote = h.client({ isLocal: false });
    const error = errorOf(await remote.call('app:setup', { mode: 'classroom', admin }));
    expect(error.code).toBe('FORBIDDEN');
    expect(remote.token).toBeNull();
    expect(await snapshot()).toEqual(before);
    // The machine itself can still set up afterwards.
    await h.client({ isLocal: true }).ok('app:setup', { mode: 'classroom', admin });
  });
});

describe('self sign-up', () => {
  const newbie = { email: 'newbie@school.test', password: PASSWORD, name: 'Newbie' };

  it('is refused before setup', async () => {
    expect(errorOf(await h.client().call('auth:register', newbie)).code).toBe('CONFLICT');
    expect((await snapshot()).users).toEqual([]);
  });

  it('is refused (FORBIDDEN) while turned off, and works once an admin turns it on in classroom mode', async () => {
    const { admin, teacher } = await classroom(h);
    const before = await snapshot();
    const visitor = h.client();
    expect(errorOf(await visitor.call('auth:register', newbie)).code).toBe('FORBIDDEN');
    expect(await snapshot()).toEqual(before);

    // Only an admin may change the setting.
    expect(errorOf(await teacher.client.call('settings:update', { patch: { selfSignUp: true } })).code).toBe('FORBIDDEN');
    const { settings } = await admin.ok('settings:update', { patch: { selfSignUp: true } });
    expect(settings.selfSignUp).toBe(true);
    expect((await visitor.ok('app:info', {})).selfSignUp).toBe(true);

    const { user } = await visitor.ok('auth:register', newbie);
    expect(user.role).toBe('learner');
    expect((await visitor.ok('users:me', {})).user.id).toBe(user.id);
  });

  it('cannot be turned on in personal use (DESIGN.md §2: self sign-up is off there)', async () => {
    const admin = h.client();
    await admin.ok('app:setup', { mode: 'personal', admin: { email: 'me@home.test', password: PASSWORD, name: 'Me' } });
    const res = await admin.call('settings:update', { patch: { selfSignUp: true } });
    expect(errorOf(res).code).toBe('CONFLICT');
    expect(errorOf(await h.client().call('auth:register', newbie)).code).toBe('FORBIDDEN');
  });
});

// ── login throttling ───────────────────────────────────────────────────────────────────

describe('login throttling by account', () => {
  async function failFiveTimes(email: string) {
    const attacker = h.client({ clientKey: 'ip:10.0.0.66' });
    for (let i = 0; i < 5; i++) {
      expect(errorOf(await attacker.call('auth:login', { email, password: `wrong guess ${i}` })).code).toBe('UNAUTHENTICATED');
    }
  }

  it('locks the account after 5 failures: even the right password, from any client, is RATE_LIMITED with retryAfterSeconds', async () => {
    await classroom(h);
    await failFiveTimes('lee@school.test');
    const fresh = h.client({ clientKey: 'ip:10.0.0.7' });
    const error = errorOf(await fresh.call('auth:login', { email: 'lee@school.test', password: PASSWORD }));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(fresh.token).toBeNull();
    // Other accounts are not locked.
    await fresh.ok('auth:login', { email: 'olu@school.test', password: PASSWORD });
  });

  it('lets the account sign in once the lock time has passed, and not a moment before', async () => {
    await classroom(h);
    await failFiveTimes('lee@school.test');
    const c = h.client();
    const wait = errorOf(await c.call('auth:login', { email: 'lee@school.test', password: PASSWORD })).retryAfterSeconds ?? 0;
    expect(wait).toBeGreaterThan(0);

    h.clock.now += (wait - 1) * 1000;
    expect(errorOf(await c.call('auth:login', { email: 'lee@school.test', password: PASSWORD })).code).toBe('RATE_LIMITED');

    h.clock.now += 1000;
    const { user } = await c.ok('auth:login', { email: 'lee@school.test', password: PASSWORD });
    expect(user.failedLoginCount).toBe(0);
    expect((await userRow('lee@school.test')).failed_login_count).toBe(0);
  });

  it('is lifted for a learner when a teacher unlocks the account', async () => {
    const { teacher, learner } = await classroom(h);
    await failFiveTimes('lee@school.test');
    const c = h.client();
    expect(errorOf(await c.call('auth:login', { email: 'lee@school.test', password: PASSWORD })).code).toBe('RATE_LIMITED');
    const { user } = await teacher.client.ok('users:unlock', { userId: learner.user.id });
    expect(user.lockedUntil).toBeNull();
    await c.ok('auth:login', { email: 'lee@school.test', password: PASSWORD });
  });

  it('a rejected sign-in writes only the failed-login counter', async () => {
    const { learner } = await classroom(h);
    const before = await snapshot();
    const c = h.client();
    expect(errorOf(await c.call('auth:login', { email: 'lee@school.test', password: 'not the password' })).code).toBe('UNAUTHENTICATED');
    const after = await snapshot();
    expect(after.sessions).toEqual(before.sessions);
    expect(after.settings).toEqual(before.settings);
    expect(after.users).toEqual(before.users.map((u) => (u.id === learner.user.id ? { ...u, failed_login_count: 1 } : u)));

    // An unknown email writes nothing at all.
    expect(errorOf(await c.call('auth:login', { email: 'nobody@school.test', password: PASSWORD })).code).toBe('UNAUTHENTICATED');
    expect(await snapshot()).toEqual(after);
  });
});

describe('login throttling by client', () => {
  it('refuses a client that fails across many emails, while another client can still sign in', async () => {
    await classroom(h);
    const guesser = h.client({ clientKey: 'ip:10.0.0.99' });
    let limitedAt = -1;
    for (let i = 0; i < 40 && limitedAt < 0; i++) {
      const error = errorOf(await guesser.call('auth:login', { email: `guess${i}@school.test`, password: 'password123' }));
      if (error.code === 'RATE_LIMITED') {
        limitedAt = i;
        expect(error.retryAfterSeconds).toBeGreaterThan(0);
      } else {
        expect(error.code).toBe('UNAUTHENTICATED');
      }
    }
    // More than an account's allowance (no single account was tried twice), but it does stop.
    expect(limitedAt).toBeGreaterThan(5);

    // Even the right password of a real account is refused from that client now.
    expect(errorOf(await guesser.call('auth:login', { email: 'lee@school.test', password: PASSWORD })).code).toBe('RATE_LIMITED');
    expect(guesser.token).toBeNull();

    // Another client is not affected, and the account itself was never locked.
    await signIn('lee@school.test', PASSWORD, 'ip:10.0.0.5');
    expect((await userRow('lee@school.test')).locked_until).toBeNull();
  });

  it('lets the client try again once its window has passed', async () => {
    await classroom(h);
    const guesser = h.client({ clientKey: 'ip:10.0.0.98' });
    let wait = 0;
    for (let i = 0; i < 40 && wait === 0; i++) {
      const error = errorOf(await guesser.call('auth:login', { email: `guess${i}@school.test`, password: 'password123' }));
      if (error.code === 'RATE_LIMITED') wait = error.retryAfterSeconds ?? 0;
    }
    expect(wait).toBeGreaterThan(0);
    h.clock.now += wait * 1000;
    await guesser.ok('auth:login', { email: 'lee@school.test', password: PASSWORD });
  });
});

// ── deactivated accounts ───────────────────────────────────────────────────────────────

describe('deactivated accounts', () => {
  it('cannot sign in, and their live session stops working at once', async () => {
    const { teacher, learner } = await classroom(h);
    expect((await learner.client.ok('users:me', {})).user.id).toBe(learner.user.id);

    const { user } = await teacher.client.ok('users:setActive', { userId: learner.user.id, isActive: false });
    expect(user.isActive).toBe(false);

    expect(errorOf(await learner.client.call('users:me', {})).code).toBe('UNAUTHENTICATED');
    expect(learner.client.token).toBeNull();
    expect(await sessionCount(learner.user.id)).toBe(0);

    const c = h.client();
    const error = errorOf(await c.call('auth:login', { email: 'lee@school.test', password: PASSWORD }));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.message).toMatch(/deactivated/);
    expect(c.token).toBeNull();
    expect(await sessionCount(learner.user.id)).toBe(0);

    // Reactivated, the same password works again.
    await teacher.client.ok('users:setActive', { userId: learner.user.id, isActive: true });
    await c.ok('auth:login', { email: 'lee@school.test', password: PASSWORD });
  });

  it('never keeps a session confirmed before a sign-out or deactivation cleared the confirmed sessions', () => {
    // A session refresh reads the account, then awaits its write; a deactivation can commit
    // (and clear the cache) in between. What was read before the clear must not be kept.
    const cache = new SessionCache();
    const found = {
      session: { id: 1, tokenHash: 'h', userId: 7, createdAt: '', expiresAt: '', lastSeenAt: '' },
      user: { id: 7, email: 'lee@school.test', name: 'Lee', role: 'learner' as const, isActive: true },
    };
    const readAt = cache.generation;
    cache.clear();
    cache.set('token-of-lee-learner-0123456789', found, readAt);
    expect(cache.get('token-of-lee-learner-0123456789')).toBeNull();
    cache.set('token-of-lee-learner-0123456789', found);
    expect(cache.get('token-of-lee-learner-0123456789')).toEqual(found);
  });
});

// ── session lifetime ───────────────────────────────────────────────────────────────────

describe('session expiry', () => {
  it('classroom: ends after 30 minutes idle', async () => {
    const { learner } = await classroom(h, 'classroom');
    const twin = h.client();
    twin.token = learner.client.token;
    h.clock.now += 31 * MINUTE;
    expect(errorOf(await learner.client.call('users:me', {})).code).toBe('UNAUTHENTICATED');
    expect(learner.client.token).toBeNull();
    // The session itself is gone, not just this client's copy of it.
    expect(errorOf(await twin.call('users:me', {})).code).toBe('UNAUTHENTICATED');
    expect(await sessionCount(learner.user.id)).toBe(0);
  });

  it('classroom: activity within 30 minutes keeps the learner signed in', async () => {
    const { learner } = await classroom(h, 'classroom');
    h.clock.now += 20 * MINUTE;
    await learner.client.ok('users:me', {});
    h.clock.now += 20 * MINUTE; // 40 minutes after sign-in, 20 since the last call
    expect((await learner.client.ok('users:me', {})).user.id).toBe(learner.user.id);
    h.clock.now += 20 * MINUTE;
    await learner.client.ok('modules:list', {});
    // And idle again for longer than 30 minutes, it ends.
    h.clock.now += 31 * MINUTE;
    expect(errorOf(await learner.client.call('users:me', {})).code).toBe('UNAUTHENTICATED');
  });

  it('personal: stays signed in for 30 days, then ends', async () => {
    const me = h.client();
    await me.ok('app:setup', { mode: 'personal', admin: { email: 'me@home.test', password: PASSWORD, name: 'Me' } });
    h.clock.now += 29 * DAY;
    const session = await me.ok('auth:session', {});
    expect(session.user?.email).toBe('me@home.test');
    // The session slid: 30 days from this use.
    expect(Date.parse(session.expiresAt ?? '')).toBe(h.clock.now + 30 * DAY);

    h.clock.now += 30 * DAY + MINUTE;
    expect(errorOf(await me.call('users:me', {})).code).toBe('UNAUTHENTICATED');
    const after = await me.ok('auth:session', {});
    expect(after).toEqual({ user: null, expiresAt: null });
  });

  it('personal: a session idle for a whole day is still alive where a classroom one would not be', async () => {
    const me = h.client();
    await me.ok('app:setup', { mode: 'personal', admin: { email: 'me@home.test', password: PASSWORD, name: 'Me' } });
    h.clock.now += DAY;
    await me.ok('users:me', {});
  });
});

describe('signing out and password changes', () => {
  it('logout ends the session for every client holding the same token', async () => {
    const { learner } = await classroom(h);
    const otherTab = h.client();
    otherTab.token = learner.client.token;
    await otherTab.ok('users:me', {});

    await learner.client.ok('auth:logout', {});
    expect(learner.client.token).toBeNull();
    expect(errorOf(await otherTab.call('users:me', {})).code).toBe('UNAUTHENTICATED');
    expect(await sessionCount(learner.user.id)).toBe(0);
  });

  it('logout of one session leaves the account’s other sessions alone', async () => {
    const { learner } = await classroom(h);
    const laptop = await signIn('lee@school.test', PASSWORD);
    await learner.client.ok('auth:logout', {});
    await laptop.ok('users:me', {});
  });

  it('changePassword ends the other sessions, keeps this one, and swaps which password works', async () => {
    const { learner } = await classroom(h);
    const elsewhere = await signIn('lee@school.test', PASSWORD);
    const newPassword = 'a brand new secret';
    await learner.client.ok('auth:changePassword', { currentPassword: PASSWORD, newPassword });

    expect(errorOf(await elsewhere.call('users:me', {})).code).toBe('UNAUTHENTICATED');
    expect((await learner.client.ok('users:me', {})).user.id).toBe(learner.user.id);
    expect(await sessionCount(learner.user.id)).toBe(1);

    expect(errorOf(await h.client().call('auth:login', { email: 'lee@school.test', password: PASSWORD })).code).toBe('UNAUTHENTICATED');
    await signIn('lee@school.test', newPassword);
  });

  it('changePassword with the wrong current password is VALIDATION on currentPassword and writes nothing', async () => {
    const { learner } = await classroom(h);
    const before = await snapshot();
    const error = errorOf(await learner.client.call('auth:changePassword', { currentPassword: 'not my password', newPassword: 'another fine secret' }));
    expect(error.code).toBe('VALIDATION');
    expect(Object.keys(error.fields ?? {})).toEqual(['currentPassword']);
    expect(await snapshot()).toEqual(before);
  });
});

describe('password resets by staff', () => {
  it('a teacher resets a learner’s password: the old one and the old session stop working, the new one signs in', async () => {
    const { teacher, learner } = await classroom(h);
    await teacher.client.ok('users:resetPassword', { userId: learner.user.id, newPassword: 'given by teacher' });
    expect(errorOf(await learner.client.call('users:me', {})).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await h.client().call('auth:login', { email: 'lee@school.test', password: PASSWORD })).code).toBe('UNAUTHENTICATED');
    await signIn('lee@school.test', 'given by teacher');
  });

  it('a teacher cannot reset another teacher’s or an admin’s password (FORBIDDEN, nothing written)', async () => {
    const { admin, teacher } = await classroom(h);
    const { user: colleague } = await admin.ok('users:create', { email: 'tom@school.test', password: PASSWORD, name: 'Tom Teacher', role: 'teacher' });
    const adminId = (await userRow('admin@school.test')).id as number;
    const before = await snapshot();
    for (const userId of [colleague.id, adminId]) {
      const error = errorOf(await teacher.client.call('users:resetPassword', { userId, newPassword: 'taken over now' }));
      expect(error.code).toBe('FORBIDDEN');
    }
    expect(await snapshot()).toEqual(before);
    await signIn('tom@school.test', PASSWORD);
  });
});

// ── the last active admin ──────────────────────────────────────────────────────────────

describe('the last active admin', () => {
  async function adminId(): Promise<number> {
    return (await userRow('admin@school.test')).id as number;
  }

  async function secondAdmin(admin: Client): Promise<{ client: Client; id: number }> {
    const { user } = await admin.ok('users:create', { email: 'ben@school.test', password: PASSWORD, name: 'Ben Admin', role: 'admin' });
    return { client: await signIn('ben@school.test', PASSWORD), id: user.id };
  }

  it('cannot be removed (users:remove, users:deleteSelf): CONFLICT, and the account stays', async () => {
    const { admin } = await classroom(h);
    const id = await adminId();
    const before = await snapshot();
    expect(errorOf(await admin.call('users:remove', { userId: id })).code).toBe('CONFLICT');
    expect(errorOf(await admin.call('users:deleteSelf', { password: PASSWORD })).code).toBe('CONFLICT');
    expect(await snapshot()).toEqual(before);
    await admin.ok('users:me', {});
  });

  it('cannot be deactivated: CONFLICT', async () => {
    const { admin } = await classroom(h);
    const before = await snapshot();
    expect(errorOf(await admin.call('users:setActive', { userId: await adminId(), isActive: false })).code).toBe('CONFLICT');
    expect(await snapshot()).toEqual(before);
  });

  it('cannot be demoted: CONFLICT', async () => {
    const { admin } = await classroom(h);
    const before = await snapshot();
    expect(errorOf(await admin.call('users:setRole', { userId: await adminId(), role: 'teacher' })).code).toBe('CONFLICT');
    expect(await snapshot()).toEqual(before);
    expect((await admin.ok('users:me', {})).user.role).toBe('admin');
  });

  it('with a second admin, one can be removed — and then the other is the last', async () => {
    const { admin } = await classroom(h);
    const ben = await secondAdmin(admin);
    await ben.client.ok('users:remove', { userId: await adminId() });
    expect(errorOf(await admin.call('users:me', {})).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await h.client().call('auth:login', { email: 'admin@school.test', password: PASSWORD })).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await ben.client.call('users:deleteSelf', { password: PASSWORD })).code).toBe('CONFLICT');
  });

  it('with a second admin, one can be deactivated — and then the other cannot demote itself', async () => {
    const { admin } = await classroom(h);
    const ben = await secondAdmin(admin);
    await admin.ok('users:setActive', { userId: ben.id, isActive: false });
    expect(errorOf(await ben.client.call('users:me', {})).code).toBe('UNAUTHENTICATED');
    // The deactivated admin does not count: the remaining one is the last active admin.
    expect(errorOf(await admin.call('users:setRole', { userId: await adminId(), role: 'learner' })).code).toBe('CONFLICT');
  });

  it('with a second admin, one can be demoted', async () => {
    const { admin } = await classroom(h);
    const ben = await secondAdmin(admin);
    const { user } = await ben.client.ok('users:setRole', { userId: await adminId(), role: 'teacher' });
    expect(user.role).toBe('teacher');
    // Now a teacher: admin-only channels are closed to them.
    expect(errorOf(await admin.call('settings:update', { patch: { selfSignUp: true } })).code).toBe('FORBIDDEN');
    expect(errorOf(await ben.client.call('users:setRole', { userId: ben.id, role: 'teacher' })).code).toBe('CONFLICT');
  });
});
