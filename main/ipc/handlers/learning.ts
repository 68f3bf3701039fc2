/** Handlers: conversations, messages, memory, progress and settings. */
import {
  deleteConversation,
  markMemoryForgotten,
  listConversations,
  updateConversation,
} from '../../repositories/conversations.ts';
import { deleteMemory, listMemory, updateMemory } from '../../repositories/learning-records.ts';
import { findUserById, publicUser } from '../../repositories/users.ts';
import { writeSettings } from '../../repositories/app-settings.ts';
import { classGrid, classGridCsv, progressOfModule, progressOverview } from '../../services/progress/progress-views.ts';
import { recomputeModuleProgress } from '../../services/progress/record-progress.ts';
import { finalizeConversation, sendMessage, startConversation } from '../../services/tutor/tutor-service.ts';
import { requireUser, type PartialHandlerMap } from '../dispatcher.ts';
import { readConversationsOfUser, readMessagesPage } from '../../repositories/hot-reads.ts';
import { conflict, notFound } from '../handler-error.ts';
import { conversationFor, memoryFor, subjectUserId } from '../ownership.ts';

export const conversationHandlers: PartialHandlerMap = {
  'conversations:list': {
    tx: 'read',
    async handle(ctx, input) {
      const userId = await subjectUserId(ctx, input.userId);
      return { conversations: readConversationsOfUser(ctx.reader, userId, input.moduleId) };
    },
  },

  'conversations:start': {
    // Manual: the tutor's opening is produced outside any transaction (DESIGN.md §5).
    tx: 'manual',
    leavesAccountsAlone: true,
    async handle(ctx, input) {
      return startConversation(ctx, input.moduleId);
    },
  },

  'conversations:get': {
    tx: 'read',
    async handle(ctx, input) {
      return { conversation: await conversationFor(ctx, input.id, 'read') };
    },
  },

  'conversations:rename': {
    tx: 'write',
    leavesAccountsAlone: true,
    async handle(ctx, input) {
      const conversation = await conversationFor(ctx, input.id, 'write');
      const updated = await updateConversation(ctx.db, conversation.id, { title: input.title });
      if (!updated) throw notFound('That conversation');
      return { conversation: updated };
    },
  },

  'conversations:finalize': {
    tx: 'manual',
    leavesAccountsAlone: true,
    async handle(ctx, input) {
      return finalizeConversation(ctx, input.id);
    },
  },

  'conversations:delete': {
    tx: 'write',
    leavesAccountsAlone: true,
    async handle(ctx, input) {
      const conversation = await conversationFor(ctx, input.id, 'write');
      // Messages and the memory written from it go with it (the learner asked to forget it).
      await deleteConversation(ctx.db, conversation.id);
      await recomputeModuleProgress(ctx.db, conversation.userId, conversation.moduleId, ctx.services.now());
      return { deleted: true as const };
    },
  },

  'messages:list': {
    tx: 'read',
    async handle(ctx, input) {
      const conversation = await conversationFor(ctx, input.conversationId, 'read');
      const limit = input.limit ?? 50;
      // One extra row tells whether an older page exists, without a count query.
      const rows = readMessagesPage(ctx.reader, conversation.id, {
        limit: limit + 1,
        ...(input.before !== undefined ? { before: input.before } : {}),
      });
      return { messages: rows.slice(0, limit), hasMore: rows.length > limit };
    },
  },

  'messages:send': {
    // Manual: the learner's message is saved first, the tutor runs outside any transaction,
    // then its reply and the progress change are saved together.
    tx: 'manual',
    leavesAccountsAlone: true,
    maintainsLearnerMemory: true,
    async handle(ctx, input) {
      return sendMessage(ctx, input.conversationId, input.content);
    },
  },
};

export const memoryHandlers: PartialHandlerMap = {
  'memory:list': {
    tx: 'read',
    async handle(ctx, input) {
      const userId = await subjectUserId(ctx, input.userId);
      return {
        summaries: await listMemory(ctx.db, { userId, ...(input.moduleId !== undefined ? { moduleId: input.moduleId } : {}) }),
      };
    },
  },
  'memory:get': {
    tx: 'read',
    async handle(ctx, input) {
      return { summary: await memoryFor(ctx, input.id, 'read') };
    },
  },
  'memory:update': {
    tx: 'write',
    leavesAccountsAlone: true,
    async handle(ctx, input) {
      const summary = await memoryFor(ctx, input.id, 'write');
      // The learner's correction is theirs: marked so, and used by the very next reply.
      const updated = await updateMemory(ctx.db, summary.id, { ...input.patch, source: 'learner' });
      if (!updated) throw notFound('That memory');
      return { summary: updated };
    },
  },
  'memory:delete': {
    tx: 'write',
    leavesAccountsAlone: true,
    async handle(ctx, input) {
      const summary = await memoryFor(ctx, input.id, 'write');
      await deleteMemory(ctx.db, summary.id);
      // "Forget this": the tutor will not summarise that conversation again.
      if (summary.conversationId !== null) await markMemoryForgotten(ctx.db, summary.conversationId, new Date(ctx.services.now()).toISOString());
      return { deleted: true as const };
    },
  },
};

export const progressHandlers: PartialHandlerMap = {
  'progress:overview': {
    tx: 'read',
    async handle(ctx) {
      return progressOverview(ctx.reader, requireUser(ctx).id, ctx.services.now());
    },
  },
  'progress:module': {
    tx: 'read',
    async handle(ctx, input) {
      const userId = await subjectUserId(ctx, input.userId);
      const detail = progressOfModule(ctx.reader, userId, input.moduleId);
      if (!detail) throw notFound('That module');
      return detail;
    },
  },
  'progress:classGrid': {
    tx: 'read',
    async handle(ctx) {
      return classGrid(ctx.reader);
    },
  },
  'progress:classGridCsv': {
    tx: 'read',
    async handle(ctx) {
      const date = new Date(ctx.services.now()).toISOString().slice(0, 10);
      return { filename: `harv-class-progress-${date}.csv`, csv: classGridCsv(classGrid(ctx.reader)) };
    },
  },
  'progress:learner': {
    tx: 'read',
    async handle(ctx, input) {
      const userId = await subjectUserId(ctx, input.userId);
      const learner = await findUserById(ctx.db, userId);
      if (!learner) throw notFound('That learner');
      return {
        learner: publicUser(learner),
        overview: progressOverview(ctx.reader, userId, ctx.services.now()),
        memory: await listMemory(ctx.db, { userId }),
        conversations: await listConversations(ctx.db, { userId }),
      };
    },
  },
};

export const settingsHandlers: PartialHandlerMap = {
  'settings:get': {
    tx: 'read',
    async handle(ctx) {
      return { settings: ctx.settings };
    },
  },
  'settings:update': {
    tx: 'write',
    async handle(ctx, input) {
      const mode = input.patch.usageMode ?? ctx.settings.usageMode;
      if (mode === 'personal' && input.patch.selfSignUp === true) {
        throw conflict('Self sign-up is for classrooms. Switch to classroom mode first.', {
          'patch.selfSignUp': ['Only available in classroom mode.'],
        });
      }
      // Personal use has no self sign-up (DESIGN.md §2): switching to it turns sign-up off.
      const patch = mode === 'personal' ? { ...input.patch, selfSignUp: false } : input.patch;
      const settings = await writeSettings(ctx.db, patch);
      ctx.invalidateSettings();
      return { settings };
    },
  },
};
