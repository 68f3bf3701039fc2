/** Handlers: users — one's own account, and account management by teachers and admins. */
import { mayManageRole } from '../../../src/shared/contract/access.ts';
import { deleteSessionsOfUser } from '../../repositories/sessions.ts';
import {
  countActiveAdmins,
  deleteUser,
  findUserByEmail,
  findUserById,
  listUsers,
  publicUser,
  recordLoginAttempt,
  updateUser,
  type UserWithSecret,
} from '../../repositories/users.ts';
import { findSurveyByUser } from '../../repositories/onboarding.ts';
import { listConversations, listMessagesOfUser } from '../../repositories/conversations.ts';
import type { Message } from '../../../src/shared/domain.ts';
import { listMasteryOfUser, listMemory, listProgressOfUser } from '../../repositories/learning-records.ts';
import { assertPasswordPolicy } from '../../services/auth/passwords.ts';
import { requireUser, type HandlerContext, type PartialHandlerMap } from '../dispatcher.ts';
import { HandlerError, conflict, forbidden, invalid, notFound } from '../handler-error.ts';
import { createAccount } from './app-and-auth.ts';

/** The account a staff member may manage, or NOT_FOUND/FORBIDDEN. */
async function managedAccount(ctx: HandlerContext, userId: number): Promise<UserWithSecret> {
  const me = requireUser(ctx);
  const target = await findUserById(ctx.db, userId);
  if (!target) throw notFound('That account');
  if (!mayManageRole(me.role, target.role)) {
    // Teachers do not see teacher and admin accounts as manageable; say so plainly.
    throw forbidden('Only an administrator can change teacher and administrator accounts.');
  }
  return target;
}

/** The last active admin can never be removed, deactivated or demoted. */
async function assertNotLastAdmin(ctx: HandlerContext, target: UserWithSecret, action: string): Promise<void> {
  if (target.role === 'admin' && target.isActive && (await countActiveAdmins(ctx.db)) <= 1) {
    throw conflict(`The last active administrator cannot be ${action}. Make another administrator first.`);
  }
}

async function me(ctx: HandlerContext): Promise<UserWithSecret> {
  const user = await findUserById(ctx.db, requireUser(ctx).id);
  if (!user) throw new HandlerError('UNAUTHENTICATED', 'Please sign in.');
  return user;
}

export const userHandlers: PartialHandlerMap = {
  'users:me': {
    tx: 'read',
    async handle(ctx) {
      return { user: publicUser(await me(ctx)) };
    },
  },

  'users:update': {
    tx: 'write',
    async handle(ctx, input) {
      const user = await me(ctx);
      if (input.email !== undefined) {
        const other = await findUserByEmail(ctx.db, input.email);
        if (other && other.id !== user.id) {
          throw conflict('An account with this email already exists.', { email: ['This email is already in use.'] });
        }
      }
      const updated = await updateUser(ctx.db, user.id, input);
      if (!updated) throw notFound('Your account');
      return { user: publicUser(updated) };
    },
  },

  'users:deleteSelf': {
    tx: 'write',
    async handle(ctx, input) {
      const user = await me(ctx);
      if (!(await ctx.services.passwords.verify(input.password, user.hashedPassword))) {
        throw invalid('password', 'The password is not right.');
      }
      await assertNotLastAdmin(ctx, user, 'removed');
      await deleteUser(ctx.db, user.id);
      ctx.transport.setSession(null, null);
      return { deleted: true as const };
    },
  },

  'users:exportMyData': {
    tx: 'read',
    async handle(ctx) {
      const user = await me(ctx);
      const conversations = await listConversations(ctx.db, { userId: user.id });
      // One query for every message of every conversation, grouped here (no query per conversation).
      const byConversation = new Map<number, Message[]>();
      for (const m of await listMessagesOfUser(ctx.db, user.id)) {
        const list = byConversation.get(m.conversationId) ?? [];
        list.push(m);
        byConversation.set(m.conversationId, list);
      }
      const withMessages = conversations.map((c) => ({ ...c, messages: byConversation.get(c.id) ?? [] }));
      return {
        format: 'harv-user-export' as const,
        version: 1 as const,
        exportedAt: new Date(ctx.services.now()).toISOString(),
        user: publicUser(user),
        onboarding: await findSurveyByUser(ctx.db, user.id),
        conversations: withMessages,
        memory: await listMemory(ctx.db, { userId: user.id }),
        progress: await listProgressOfUser(ctx.db, user.id),
        mastery: await listMasteryOfUser(ctx.db, user.id),
      };
    },
  },

  'users:list': {
    tx: 'read',
    async handle(ctx, input) {
      const viewer = requireUser(ctx);
      const users = await listUsers(ctx.db, input.role ? { role: input.role } : {});
      // Teachers manage learners; they see learners and themselves.
      const visible = viewer.role === 'admin' ? users : users.filter((u) => u.role === 'learner' || u.id === viewer.id);
      return { users: visible.map(publicUser) };
    },
  },

  'users:create': {
    tx: 'write',
    async handle(ctx, input) {
      const actor = requireUser(ctx);
      if (!mayManageRole(actor.role, input.role)) {
        throw forbidden('Only an administrator can create teacher and administrator accounts.');
      }
      return { user: publicUser(await createAccount(ctx, input)) };
    },
  },

  'users:setActive': {
    tx: 'write',
    async handle(ctx, input) {
      const target = await managedAccount(ctx, input.userId);
      if (!input.isActive) {
        if (target.id === requireUser(ctx).id) throw conflict('You cannot deactivate your own account.');
        await assertNotLastAdmin(ctx, target, 'deactivated');
        await deleteSessionsOfUser(ctx.db, target.id);
      }
      const updated = await updateUser(ctx.db, target.id, { isActive: input.isActive });
      return { user: publicUser(updated ?? target) };
    },
  },

  'users:setRole': {
    tx: 'write',
    async handle(ctx, input) {
      const target = await managedAccount(ctx, input.userId);
      if (target.role === 'admin' && input.role !== 'admin') await assertNotLastAdmin(ctx, target, 'demoted');
      const updated = await updateUser(ctx.db, target.id, { role: input.role });
      return { user: publicUser(updated ?? target) };
    },
  },

  'users:resetPassword': {
    tx: 'write',
    async handle(ctx, input) {
      const target = await managedAccount(ctx, input.userId);
      assertPasswordPolicy(input.newPassword, 'newPassword');
      const hashedPassword = await ctx.services.passwords.hash(input.newPassword);
      await recordLoginAttempt(ctx.db, target.id, { failedLoginCount: 0, lockedUntil: null });
      const updated = await updateUser(ctx.db, target.id, { hashedPassword });
      // A reset ends the account's sessions: whoever had it open signs in with the new password.
      await deleteSessionsOfUser(ctx.db, target.id);
      return { user: publicUser(updated ?? target) };
    },
  },

  'users:unlock': {
    tx: 'write',
    async handle(ctx, input) {
      const target = await managedAccount(ctx, input.userId);
      await recordLoginAttempt(ctx.db, target.id, { failedLoginCount: 0, lockedUntil: null });
      const updated = await findUserById(ctx.db, target.id);
      return { user: publicUser(updated ?? target) };
    },
  },

  'users:remove': {
    tx: 'write',
    async handle(ctx, input) {
      const target = await managedAccount(ctx, input.userId);
      if (target.id === requireUser(ctx).id) {
        throw conflict('Remove your own account from your profile instead (it asks for your password).');
      }
      await assertNotLastAdmin(ctx, target, 'removed');
      await deleteUser(ctx.db, target.id);
      return { removed: true as const };
    },
  },
};
