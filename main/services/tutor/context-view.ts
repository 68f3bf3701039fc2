/**
 * Turning tutor memory into what a person may see (src/shared/contract/tutor-views.ts):
 * the live context for `memory:context`, and a reply's compact record resolved back into
 * layers for `messages:context`. The learner view is built field by field — the answer key
 * is never copied into it, so it cannot leak by accident.
 */
import type { MemoryContextView } from '../../../src/shared/contract/tutor-views.ts';
import type { Role } from '../../../src/shared/domain.ts';
import { listConcepts, findModuleById } from '../../repositories/curriculum.ts';
import { findSurveyByUser } from '../../repositories/onboarding.ts';
import { mapMessage } from '../../repositories/conversations.ts';
import { teachingOf } from '../curriculum/pack-import.ts';
import { parseJsonColumn, type Db, type Row } from '../../repositories/row-mapping.ts';
import type { PriorKnowledgeItem, TutorContext } from './engine-types.ts';
import { conceptInContext, DYNAMIC_BUDGET_CHARS, moduleLayer, type AssembledContext, type MemoryContextRecord } from './memory-context.ts';
import { z } from 'zod';

const isStaff = (role: Role) => role === 'teacher' || role === 'admin';
const keyConceptList = z.array(z.string());

function priorView(items: PriorKnowledgeItem[], used: readonly number[]) {
  return items.map((p) => ({ ...p, keyConcepts: [...p.keyConcepts], usedInReply: used.includes(p.summaryId) }));
}

/** The live context as a view: what the next reply will use. */
export function viewOfContext(
  context: TutorContext,
  used: AssembledContext['used'],
  focusIndex: number,
  viewer: Role,
  usedPrior: readonly number[] = [],
): MemoryContextView {
  const budget = { dynamicChars: used.dynamicChars, limitChars: DYNAMIC_BUDGET_CHARS, droppedPriorItems: used.droppedPriorSummaryIds.length };
  const base = {
    profile: { ...context.profile },
    conversation: {
      id: context.conversation.id,
      rollingSummary: context.conversation.rollingSummary,
      recentTurns: context.conversation.recentTurns.map((t) => ({ role: t.role, content: t.content })),
    },
    priorKnowledge: priorView(context.priorKnowledge, usedPrior),
    budget,
  };
  const m = context.module;
  const moduleBase = { id: m.id, slug: m.slug, title: m.title, learningObjectives: m.learningObjectives };
  // What anyone may see of a concept: its name and where the learner stands on it.
  const standing = (c: (typeof m.concepts)[number], i: number) => ({
    id: c.id,
    slug: c.slug,
    title: c.title,
    mastery: c.mastery,
    mastered: c.mastered,
    focus: i === focusIndex,
  });
  if (isStaff(viewer)) {
    return {
      view: 'teacher',
      ...base,
      module: {
        ...moduleBase,
        systemPrompt: m.systemPrompt,
        modulePrompt: m.modulePrompt,
        concepts: m.concepts.map((c, i) => ({ ...standing(c, i), ...teachingOf(c) })),
      },
    };
  }
  return { view: 'learner', ...base, module: { ...moduleBase, concepts: m.concepts.map(standing) } };
}

/**
 * A reply's compact record resolved against the database as it is now: concepts and
 * messages by id, memory items by id — so a memory item deleted since is simply absent.
 */
export async function viewOfRecord(
  db: Db,
  record: MemoryContextRecord,
  ownerId: number,
  viewer: Role,
): Promise<MemoryContextView | null> {
  const module = await findModuleById(db, record.module.id);
  if (!module) return null;
  const concepts = new Map((await listConcepts(db, module.id, { includeRetired: true })).map((c) => [c.id, c]));
  const survey = await findSurveyByUser(db, ownerId);
  const turns = record.conversation.recentMessageIds.length
    ? ((await db('messages').whereIn('id', record.conversation.recentMessageIds).orderBy('id')) as Row[]).map(mapMessage)
    : [];
  const priorIds = [...new Set([...record.prior, ...record.usedPrior])];
  const priorRows = priorIds.length
    ? ((await db('memory_summaries')
        .join('modules', 'modules.id', 'memory_summaries.module_id')
        .whereIn('memory_summaries.id', priorIds)
        .where('memory_summaries.user_id', ownerId)
        .select('memory_summaries.*', 'modules.slug as module_slug', 'modules.title as module_title')) as Row[])
    : [];
  const prior: PriorKnowledgeItem[] = priorRows.map((r) => ({
    summaryId: r.id as number,
    moduleSlug: r.module_slug as string,
    moduleTitle: r.module_title as string,
    whatLearned: r.what_learned as string,
    keyConcepts: parseJsonColumn(keyConceptList, r.key_concepts, 'memory_summaries.key_concepts'),
    understandingLevel: r.understanding_level as PriorKnowledgeItem['understandingLevel'],
  }));
  const conceptList = record.concepts.flatMap((rc) => {
    const c = concepts.get(rc.id);
    return c ? [{ rc, c }] : [];
  });
  const context: TutorContext = {
    profile: {
      name: record.profile.name,
      goals: survey?.goals ?? null,
      backgroundInfo: survey?.backgroundInfo ?? null,
      reason: survey?.reason ?? null,
      preferredPace: record.profile.pace as TutorContext['profile']['preferredPace'],
      interactionPreference: record.profile.interaction as TutorContext['profile']['interactionPreference'],
      learningStyle: record.profile.style as TutorContext['profile']['learningStyle'],
      familiarity: survey?.familiarity ?? null,
      overallCompletion: record.profile.overallCompletion,
    },
    // The standing recorded with the reply, on the concepts' content as it is now.
    module: moduleLayer(
      module,
      conceptList.map(({ rc, c }) => conceptInContext(c, rc)),
    ),
    conversation: {
      id: record.conversation.id,
      rollingSummary: record.conversation.summary,
      recentTurns: turns
        .filter((t) => t.role !== 'system')
        .map((t) => ({ role: t.role === 'user' ? ('user' as const) : ('assistant' as const), content: t.content })),
    },
    priorKnowledge: prior,
  };
  const focusIndex = conceptList.findIndex(({ c }) => c.id === record.focusConceptId);
  return viewOfContext(
    context,
    {
      recentMessageIds: record.conversation.recentMessageIds,
      priorSummaryIds: record.prior,
      droppedPriorSummaryIds: record.budget.droppedPrior,
      dynamicChars: record.budget.dynamicChars,
    },
    focusIndex,
    viewer,
    record.usedPrior,
  );
}
