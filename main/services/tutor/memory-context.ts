/**
 * The four-layer memory (DESIGN.md §5), assembled for every reply under a size budget:
 *   1. learner profile — name, onboarding answers, overall progress
 *   2. module context — the module, its concepts and this learner's mastery of each
 *   3. conversation — the rolling summary plus the recent turns verbatim
 *   4. prior knowledge — summaries from other modules, most recent first
 *
 * What a reply used is recorded compactly (`compactRecord`): references to content and
 * memory items (ids, update stamps) plus the small dynamic parts — never copies of static
 * text — so a deleted memory item vanishes from the record's view and a record stays small.
 */
import type { Concept, Conversation, Module } from '../../../src/shared/domain.ts';
import type { Reader } from '../../db/reader.ts';
import { toPackConcept } from '../curriculum/pack-import.ts';
import {
  readActiveConcepts,
  readMasteryInModule,
  readOverallCompletion,
  readPriorSummaries,
  readRecentMessages,
  readSurvey,
  readUserName,
} from '../../repositories/hot-reads.ts';
import type { ConceptInContext, EngineState, PriorKnowledgeItem, TutorContext } from './engine-types.ts';
import type { LearnerMemoryCache, ProfileBasics } from './learner-memory-cache.ts';
import { z } from 'zod';

/** Turns of the conversation kept verbatim; older ones live in the rolling summary. */
export const RECENT_TURNS = 8;
/** Prior-knowledge items considered, most recent first. */
export const PRIOR_ITEMS = 5;
/** Character budget for the dynamic layers (recent turns, summary, prior knowledge). */
export const DYNAMIC_BUDGET_CHARS = 6000;
const PRIOR_TEXT_CHARS = 400;
const TURN_CHARS = 600;

export interface AssembledContext {
  context: TutorContext;
  /** Which items went in, for the compact record and the inspector. */
  used: {
    recentMessageIds: number[];
    priorSummaryIds: number[];
    droppedPriorSummaryIds: number[];
    dynamicChars: number;
  };
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** One item per other module (its latest summary), most recent module first. */
function priorKnowledge(reader: Reader, userId: number, moduleId: number, cache?: LearnerMemoryCache): PriorKnowledgeItem[] {
  const load = () => readPriorSummaries(reader, userId, moduleId, PRIOR_ITEMS);
  const summaries = cache ? cache.priorKnowledge(userId, moduleId, load) : load();
  return summaries.map((r) => ({
    summaryId: r.id,
    moduleSlug: r.moduleSlug,
    moduleTitle: r.moduleTitle,
    whatLearned: clip(r.whatLearned, PRIOR_TEXT_CHARS),
    keyConcepts: r.keyConcepts.slice(0, 6),
    understandingLevel: r.understandingLevel,
  }));
}

/** A stored concept as the engine sees it: the pack's content plus this learner's standing. */
export function conceptInContext(c: Concept, standing: { mastery: number; mastered: boolean }): ConceptInContext {
  return { id: c.id, ...toPackConcept(c), mastery: standing.mastery, mastered: standing.mastered };
}

/** Layer 2: the module as the engine sees it, with its concepts in context. */
export function moduleLayer(module: Module, concepts: ConceptInContext[]): TutorContext['module'] {
  return {
    id: module.id,
    slug: module.slug,
    title: module.title,
    learningObjectives: module.learningObjectives,
    systemPrompt: module.systemPrompt,
    modulePrompt: module.modulePrompt,
    masteryPhrases: module.masteryTriggers,
    confusionPhrases: module.confusionTriggers,
    concepts,
  };
}

/**
 * Reads committed data outside any transaction (the engine must never hold SQLite's one
 * writer): through the read-only connection, or — for a reply, right after the learner's
 * message is committed — through the writer's connection, whose page cache is still warm.
 */
export function assembleTutorContext(
  reader: Reader,
  input: { userId: number; module: Module; conversation: Conversation },
  /** Keeps the layers a reply does not change between replies (only for the connection replies read on). */
  cache?: LearnerMemoryCache,
): AssembledContext {
  const { userId, module, conversation } = input;
  cache?.useConnection(reader);
  const loadProfile = (): ProfileBasics => {
    const name = readUserName(reader, userId);
    const survey = readSurvey(reader, userId);
    return {
      name: name ?? 'there',
      goals: survey?.goals ?? null,
      backgroundInfo: survey?.backgroundInfo ?? null,
      reason: survey?.reason ?? null,
      preferredPace: survey?.preferredPace ?? null,
      interactionPreference: survey?.interactionPreference ?? null,
      learningStyle: survey?.learningStyle ?? null,
      familiarity: survey?.familiarity ?? null,
    };
  };
  const loadOverall = () => readOverallCompletion(reader, userId);
  const profile = cache ? cache.profile(userId, loadProfile) : loadProfile();
  const overallCompletion = cache ? cache.overallCompletion(userId, loadOverall) : loadOverall();
  const concepts = readActiveConcepts(reader, module.id);
  const loadStanding = () => readMasteryInModule(reader, userId, module.id);
  const standing = cache ? cache.standingInModule(userId, module.id, loadStanding) : loadStanding();
  const mastery = new Map(standing.map((m) => [m.conceptId, m]));
  const loadRecent = () => readRecentMessages(reader, conversation.id, RECENT_TURNS);
  const recentRead = cache ? cache.recentMessages(conversation.id, RECENT_TURNS, loadRecent) : loadRecent();
  const recent = recentRead.filter((m) => m.role !== 'system');

  let budget = DYNAMIC_BUDGET_CHARS;
  const rollingSummary = conversation.rollingSummary ? clip(conversation.rollingSummary, 1200) : null;
  budget -= rollingSummary?.length ?? 0;
  // Newest turns are kept first; the oldest recent turns go when the budget runs out.
  const keptTurns: typeof recent = [];
  for (const m of [...recent].reverse()) {
    const len = Math.min(m.content.length, TURN_CHARS);
    if (budget - len < 0 && keptTurns.length >= 2) break;
    budget -= len;
    keptTurns.unshift(m);
  }
  const prior = priorKnowledge(reader, userId, module.id, cache);
  const keptPrior: PriorKnowledgeItem[] = [];
  const droppedPrior: number[] = [];
  for (const item of prior) {
    const len = item.whatLearned.length + item.keyConcepts.join(', ').length + item.moduleTitle.length;
    if (budget - len < 0) {
      droppedPrior.push(item.summaryId);
      continue;
    }
    budget -= len;
    keptPrior.push(item);
  }

  const context: TutorContext = {
    profile: { ...profile, overallCompletion },
    module: moduleLayer(
      module,
      concepts.map((c) => {
        const m = mastery.get(c.id);
        return conceptInContext(c, { mastery: m?.mastery ?? 0, mastered: m?.masteredAt != null });
      }),
    ),
    conversation: {
      id: conversation.id,
      rollingSummary,
      recentTurns: keptTurns.map((m) => ({
        role: m.role === 'user' ? ('user' as const) : ('assistant' as const),
        content: clip(m.content, TURN_CHARS),
      })),
    },
    priorKnowledge: keptPrior,
  };
  return {
    context,
    used: {
      recentMessageIds: keptTurns.map((m) => m.id),
      priorSummaryIds: keptPrior.map((p) => p.summaryId),
      droppedPriorSummaryIds: droppedPrior,
      dynamicChars: DYNAMIC_BUDGET_CHARS - budget,
    },
  };
}

/** The compact record stored in messages.memory_context: references plus the dynamic parts. */
export const memoryContextRecordSchema = z.object({
  v: z.literal(1),
  engine: z.string(),
  profile: z.object({
    name: z.string(),
    pace: z.string().nullable(),
    interaction: z.string().nullable(),
    style: z.string().nullable(),
    hasGoals: z.boolean(),
    overallCompletion: z.number(),
  }),
  module: z.object({ id: z.number(), updatedAt: z.string() }),
  concepts: z.array(z.object({ id: z.number(), mastery: z.number(), mastered: z.boolean() })),
  focusConceptId: z.number().nullable(),
  conversation: z.object({ id: z.number(), summary: z.string().nullable(), recentMessageIds: z.array(z.number()) }),
  prior: z.array(z.number()),
  usedPrior: z.array(z.number()),
  budget: z.object({ dynamicChars: z.number(), limitChars: z.number(), droppedPrior: z.array(z.number()) }),
});
export type MemoryContextRecord = z.infer<typeof memoryContextRecordSchema>;

export function compactRecord(
  engineId: string,
  assembled: AssembledContext,
  module: Module,
  state: EngineState,
  usedPrior: number[],
): MemoryContextRecord {
  const { context, used } = assembled;
  const focus = context.module.concepts[state.conceptIndex];
  return {
    v: 1,
    engine: engineId,
    profile: {
      name: context.profile.name,
      pace: context.profile.preferredPace,
      interaction: context.profile.interactionPreference,
      style: context.profile.learningStyle,
      hasGoals: context.profile.goals !== null,
      overallCompletion: context.profile.overallCompletion,
    },
    module: { id: module.id, updatedAt: module.updatedAt },
    concepts: context.module.concepts.map((c) => ({ id: c.id, mastery: Math.round(c.mastery * 100) / 100, mastered: c.mastered })),
    focusConceptId: focus?.id ?? null,
    conversation: { id: context.conversation.id, summary: context.conversation.rollingSummary, recentMessageIds: used.recentMessageIds },
    prior: used.priorSummaryIds,
    usedPrior,
    budget: { dynamicChars: used.dynamicChars, limitChars: DYNAMIC_BUDGET_CHARS, droppedPrior: used.droppedPriorSummaryIds },
  };
}
