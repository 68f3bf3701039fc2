/** Handlers: app (info, first-run setup) and auth (register, login, logout, session, password). */
import { isSetupDone, writeSettings } from '../../repositories/app-settings.ts';
import { deleteSession, deleteSessionsOfUser } from '../../repositories/sessions.ts';
import {
  countUsers,
  findUserByEmail,
  findUserById,
  insertUser,
  publicUser,
  recordLoginAttempt,
  updateUser,
} from '../../repositories/users.ts';
import { lockAfterFailure, secondsUntil } from '../../services/auth/login-throttle.ts';
import { assertPasswordPolicy } from '../../services/auth/passwords.ts';
import { createSession } from '../../services/auth/sessions.ts';
import { requireUser, type HandlerContext, type PartialHandlerMap } from '../dispatcher.ts';
import { HandlerError, conflict, forbidden, invalid } from '../handler-error.ts';
import type { Role } from '../../../src/shared/domain.ts';

async function signIn(ctx: HandlerContext, userId: number): Promise<void> {
  const { token, expiresAt } = await createSession(ctx.db, userId, ctx.settings.usageMode, ctx.services.now());
  ctx.transport.setSession(token, expiresAt);
}

async function createAccount(
  ctx: HandlerContext,
  account: { email: string; password: string; name: string; role: Role },
  /** Where the password sits in the caller's input, so the error points at the right field. */
  fieldPrefix = '',
) {
  assertPasswordPolicy(account.password, `${fieldPrefix}password`);
  if (await findUserByEmail(ctx.db, account.email)) {
    throw conflict('An account with this email already exists.', { [`${fieldPrefix}email`]: ['This email is already in use.'] });
  }
  const hashedPassword = await ctx.services.passwords.hash(account.password);
  return insertUser(ctx.db, { ...account, hashedPassword });
}
export { createAccount };

export const appAndAuthHandlers: PartialHandlerMap = {
  'app:info': {
    tx: 'read',
    async handle(ctx) {
      const setupDone = await isSetupDone(ctx.db);
      return {
        name: 'Harv',
        version: ctx.services.appVersion,
        usageMode: setupDone ? ctx.settings.usageMode : null,
        setupDone,
        selfSignUp: setupDone && ctx.settings.selfSignUp,
      };
    },
  },

  'app:setup': {
    tx: 'write',
    async handle(ctx, input) {
      if (!ctx.transport.isLocal) {
        throw forbidden('First-run setup is only accepted on the machine Harv runs on.');
      }
      if ((await isSetupDone(ctx.db)) || (await countUsers(ctx.db)) > 0) {
        throw conflict('Harv is already set up. Sign in instead.');
      }
      const user = await createAccount(ctx, { ...input.admin, role: 'admin' }, 'admin.');
      await writeSettings(ctx.db, { usageMode: input.mode, selfSignUp: false });
      ctx.invalidateSettings();
      ctx.settings = { ...ctx.settings, usageMode: input.mode, selfSignUp: false };
      await signIn(ctx, user.id);
      return { user: publicUser(user) };
    },
  },

  'auth:register': {
    tx: 'write',
    async handle(ctx, input) {
      if (!(await isSetupDone(ctx.db))) throw new HandlerError('CONFLICT', 'Harv has not been set up yet.');
      if (!ctx.settings.selfSignUp) throw forbidden('Self sign-up is turned off. Ask your teacher for an account.');
      const user = await createAccount(ctx, { ...input, role: 'learner' });
      await signIn(ctx, user.id);
      return { user: publicUser(user) };
    },
  },

  'auth:login': {
    // Manual: the failed-attempt bookkeeping must persist even though the call is rejected.
    tx: 'manual',
    async handle(ctx, input) {
      const now = ctx.services.now();
      const { clientThrottle, passwords } = ctx.services;
      const clientWait = clientThrottle.retryAfterSeconds(ctx.transport.clientKey, now);
      if (clientWait > 0) {
        throw new HandlerError('RATE_LIMITED', `Too many sign-in attempts. Try again in ${clientWait} seconds.`, {
          retryAfterSeconds: clientWait,
        });
      }
      const user = await findUserByEmail(ctx.db, input.email);
      if (user?.lockedUntil && Date.parse(user.lockedUntil) > now) {
        const wait = secondsUntil(user.lockedUntil, now);
        throw new HandlerError(
          'RATE_LIMITED',
          `This account is locked after too many attempts. Try again in ${Math.ceil(wait / 60)} minutes, or ask a teacher to unlock it.`,
          { retryAfterSeconds: wait },
        );
      }
      // An unknown email costs one hash too, so timing does not tell which emails have accounts.
      const matches = user ? await passwords.verify(input.password, user.hashedPassword) : (await passwords.hash(input.password), false);
      if (!user || !matches) {
        clientThrottle.recordFailure(ctx.transport.clientKey, now);
        if (user) {
          const failures = user.failedLoginCount + 1;
          await recordLoginAttempt(ctx.db, user.id, { failedLoginCount: failures, lockedUntil: lockAfterFailure(failures, now) });
        }
        throw new HandlerError('UNAUTHENTICATED', 'The email or password is not right.');
      }
      if (!user.isActive) {
        throw new HandlerError('UNAUTHENTICATED', 'This account has been deactivated. Ask your teacher or administrator.');
      }
      clientThrottle.recordSuccess(ctx.transport.clientKey);
      const at = new Date(now).toISOString();
      await ctx.knex.transaction(async (trx) => {
        await recordLoginAttempt(trx, user.id, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: at });
        await signIn({ ...ctx, db: trx }, user.id);
      });
      return { user: publicUser({ ...user, failedLoginCount: 0, lockedUntil: null, lastLoginAt: at }) };
    },
  },

  'auth:logout': {
    tx: 'write',
    async handle(ctx) {
      // The session row goes, so every tab or window holding this session is signed out.
      if (ctx.session) await deleteSession(ctx.db, ctx.session.id);
      ctx.transport.setSession(null, null);
      return { signedOut: true as const };
    },
  },

  'auth:session': {
    tx: 'read',
    async handle(ctx) {
      if (!ctx.user || !ctx.session) return { user: null, expiresAt: null };
      const user = await findUserById(ctx.db, ctx.user.id);
      return { user: user ? publicUser(user) : null, expiresAt: ctx.session.expiresAt };
    },
  },

  'auth:changePassword': {
    tx: 'write',
    async handle(ctx, input) {
      const me = requireUser(ctx);
      const user = await findUserById(ctx.db, me.id);
      if (!user) throw new HandlerError('UNAUTHENTICATED', 'Please sign in.');
      if (!(await ctx.services.passwords.verify(input.currentPassword, user.hashedPassword))) {
        throw invalid('currentPassword', 'The current password is not right.');
      }
      assertPasswordPolicy(input.newPassword, 'newPassword');
      await updateUser(ctx.db, user.id, { hashedPassword: await ctx.services.passwords.hash(input.newPassword) });
      // Every other session of this account ends; this one carries on.
      await deleteSessionsOfUser(ctx.db, user.id);
      await signIn(ctx, user.id);
      return { changed: true as const };
    },
  },
};
