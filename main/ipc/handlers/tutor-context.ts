/** Handlers: the tutor's memory as people may see it, and conversation export. */
import { toLearnerModule } from '../../../src/shared/contract/views.ts';
import { findModuleById } from '../../repositories/curriculum.ts';
import { findMessageRecord, listMessages } from '../../repositories/conversations.ts';
import { readEngineStateText, readModule } from '../../repositories/hot-reads.ts';
import { assembleTutorContext, memoryContextRecordSchema } from '../../services/tutor/memory-context.ts';
import { viewOfContext, viewOfRecord } from '../../services/tutor/context-view.ts';
import { requireUser, type PartialHandlerMap, type SignedInUser } from '../dispatcher.ts';
import type { Role } from '../../../src/shared/domain.ts';
import { notFound } from '../handler-error.ts';
import { conversationFor } from '../ownership.ts';
import { z } from 'zod';

const analysisSchema = z
  .object({
    move: z.string(),
    conceptSlug: z.string().nullable().optional(),
    hintGiven: z.boolean().optional(),
    masteredNow: z.boolean().optional(),
    closesSession: z.boolean().optional(),
  })
  .passthrough();

/** Which concept the tutor is on, from its saved state (0 when there is none yet). */
function engineFocus(stateText: string | null): number {
  if (!stateText) return 0;
  try {
    const index = (JSON.parse(stateText) as { conceptIndex?: unknown }).conceptIndex;
    return typeof index === 'number' ? index : 0;
  } catch {
    return 0;
  }
}

/**
 * Your own conversation always shows the learner view, whatever your role: an admin who also
 * learns (personal use) must not see the answer key to their own questions.
 */
function viewAs(viewer: SignedInUser, ownerId: number): Role {
  return ownerId === viewer.id ? 'learner' : viewer.role;
}

function safeFileName(title: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 60);
  return base.length > 0 ? base.toLowerCase() : 'conversation';
}

export const tutorContextHandlers: PartialHandlerMap = {
  'memory:context': {
    tx: 'read',
    async handle(ctx, input) {
      const viewer = requireUser(ctx);
      const conversation = await conversationFor(ctx, input.conversationId, 'read');
      const module = readModule(ctx.reader, conversation.moduleId);
      if (!module) throw notFound('That module');
      const assembled = assembleTutorContext(ctx.reader, { userId: conversation.userId, module, conversation });
      const focus = engineFocus(readEngineStateText(ctx.reader, conversation.id));
      return viewOfContext(assembled.context, assembled.used, focus, viewAs(viewer, conversation.userId));
    },
  },

  'messages:context': {
    tx: 'read',
    async handle(ctx, input) {
      const viewer = requireUser(ctx);
      const found = await findMessageRecord(ctx.db, input.messageId);
      if (!found) throw notFound('That message');
      const conversation = await conversationFor(ctx, found.message.conversationId, 'read', 'That message');
      const record = memoryContextRecordSchema.safeParse(found.memoryContext);
      const analysis = analysisSchema.safeParse(found.socraticAnalysis);
      const role = viewAs(viewer, conversation.userId);
      const context = record.success ? await viewOfRecord(ctx.db, record.data, conversation.userId, role) : null;
      let analysisView = null;
      if (analysis.success) {
        const slug = analysis.data.conceptSlug ?? null;
        const title = slug && context ? (context.module.concepts.find((c) => c.slug === slug)?.title ?? null) : null;
        analysisView = {
          move: analysis.data.move,
          conceptTitle: title,
          masteredNow: analysis.data.masteredNow ?? false,
          hintGiven: analysis.data.hintGiven ?? false,
          closesSession: analysis.data.closesSession ?? false,
        };
      }
      return { context, analysis: analysisView };
    },
  },

  'conversations:export': {
    tx: 'read',
    async handle(ctx, input) {
      const conversation = await conversationFor(ctx, input.conversationId, 'read');
      const module = await findModuleById(ctx.db, conversation.moduleId);
      if (!module) throw notFound('That module');
      const messages = (await listMessages(ctx.db, conversation.id, { limit: Number.MAX_SAFE_INTEGER })).reverse();
      const name = safeFileName(conversation.title);
      if (input.format === 'json') {
        const content = JSON.stringify(
          {
            format: 'harv-conversation',
            version: 1,
            exportedAt: new Date(ctx.services.now()).toISOString(),
            module: toLearnerModule(module),
            conversation,
            messages: messages.map((m) => ({ id: m.id, role: m.role, content: m.content, createdAt: m.createdAt })),
          },
          null,
          2,
        );
        return { filename: `${name}.json`, mimeType: 'application/json', content };
      }
      const who = { user: 'You', assistant: 'Tutor', system: 'Note' } as const;
      const lines = [
        `# ${conversation.title}`,
        '',
        `Module: ${module.title}  `,
        `Started: ${conversation.createdAt}  `,
        `Status: ${conversation.status}`,
        '',
      ];
      for (const m of messages) {
        lines.push(`## ${who[m.role]} — ${m.createdAt}`, '', m.content, '');
      }
      return { filename: `${name}.md`, mimeType: 'text/markdown', content: lines.join('\n') };
    },
  },
};
