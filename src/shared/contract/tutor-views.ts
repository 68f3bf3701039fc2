/**
 * The tutor's memory as people may see it. `memory:context` and `messages:context` show
 * the four layers a reply uses (or used). A teacher sees everything; a learner sees their
 * profile, the module's concept titles with their own mastery, the conversation and their
 * prior knowledge — never the answer key, which never leaves main for a learner.
 */
import { z } from 'zod';
import { conceptSchema, idSchema, understandingLevelSchema } from '../domain.ts';

const conceptInContextLearner = z.object({
  id: idSchema,
  slug: z.string(),
  title: z.string(),
  mastery: z.number().min(0).max(1),
  mastered: z.boolean(),
  /** The concept the tutor is working on. */
  focus: z.boolean(),
});

/** A teacher also sees what the concept teaches with: the stored concept's teaching fields. */
const conceptInContextTeacher = conceptInContextLearner.extend(
  conceptSchema.pick({
    explanation: true,
    guidingQuestions: true,
    hints: true,
    keyTerms: true,
    misconceptions: true,
    checkQuestion: true,
    checkTerms: true,
    examplePrompt: true,
  }).shape,
);

const profileLayer = z.object({
  name: z.string(),
  goals: z.string().nullable(),
  backgroundInfo: z.string().nullable(),
  reason: z.string().nullable(),
  preferredPace: z.string().nullable(),
  interactionPreference: z.string().nullable(),
  learningStyle: z.string().nullable(),
  familiarity: z.string().nullable(),
  overallCompletion: z.number(),
});

const conversationLayer = z.object({
  id: idSchema,
  rollingSummary: z.string().nullable(),
  recentTurns: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })),
});

const priorLayer = z.array(
  z.object({
    summaryId: idSchema,
    moduleSlug: z.string(),
    moduleTitle: z.string(),
    whatLearned: z.string(),
    keyConcepts: z.array(z.string()),
    understandingLevel: understandingLevelSchema,
    /** The reply drew on this item explicitly. */
    usedInReply: z.boolean(),
  }),
);

const budget = z.object({ dynamicChars: z.number().int(), limitChars: z.number().int(), droppedPriorItems: z.number().int() });

const moduleLayerBase = z.object({ id: idSchema, slug: z.string(), title: z.string(), learningObjectives: z.array(z.string()) });

export const memoryContextViewSchema = z.discriminatedUnion('view', [
  z.object({
    view: z.literal('learner'),
    profile: profileLayer,
    module: moduleLayerBase.extend({ concepts: z.array(conceptInContextLearner) }),
    conversation: conversationLayer,
    priorKnowledge: priorLayer,
    budget,
  }),
  z.object({
    view: z.literal('teacher'),
    profile: profileLayer,
    module: moduleLayerBase.extend({
      systemPrompt: z.string(),
      modulePrompt: z.string(),
      concepts: z.array(conceptInContextTeacher),
    }),
    conversation: conversationLayer,
    priorKnowledge: priorLayer,
    budget,
  }),
]);
export type MemoryContextView = z.infer<typeof memoryContextViewSchema>;

/** What the tutor did on one reply, as shown beside it. */
export const replyAnalysisViewSchema = z.object({
  move: z.string(),
  conceptTitle: z.string().nullable(),
  masteredNow: z.boolean(),
  hintGiven: z.boolean(),
  closesSession: z.boolean(),
});

export const importReportSchema = z.object({
  packKey: z.string(),
  status: z.enum(['installed', 'updated', 'unchanged']),
  fromVersion: z.string().nullable(),
  toVersion: z.string(),
  modulesAdded: z.array(z.string()),
  modulesUpdated: z.array(z.string()),
  modulesRetired: z.array(z.string()),
  conceptsAdded: z.number().int(),
  conceptsUpdated: z.number().int(),
  conceptsRetired: z.number().int(),
  skippedEditedModules: z.array(z.string()),
});
