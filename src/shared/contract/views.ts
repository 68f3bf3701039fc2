/**
 * What each role is allowed to see. The answer key — concept explanations, hints, key terms,
 * check terms, misconception probes — and the tutor's prompts and corpora never leave main
 * for a learner: the tutor uses them, teachers edit them, learners earn them in dialogue.
 * Every channel that returns module or concept data builds its learner answer from these.
 */
import { z } from 'zod';
import { conceptSchema, idSchema, moduleSchema, type Concept, type Module } from '../domain.ts';

export const learnerModuleSchema = moduleSchema.pick({
  id: true,
  slug: true,
  title: true,
  description: true,
  sortOrder: true,
  learningObjectives: true,
  resources: true,
  difficultyLevel: true,
  estimatedMinutes: true,
  prerequisites: true,
});
export type LearnerModule = z.infer<typeof learnerModuleSchema>;

export const learnerConceptSchema = conceptSchema.pick({ id: true, moduleId: true, slug: true, title: true, sortOrder: true });
export type LearnerConcept = z.infer<typeof learnerConceptSchema>;

/** A module in a list, for any role: no prompts, corpora or key. */
export const moduleSummarySchema = learnerModuleSchema.extend({
  conceptCount: z.number().int().nonnegative(),
  isActive: z.boolean(),
  editedLocally: z.boolean(),
  retiredAt: z.string().nullable(),
});
export type ModuleSummary = z.infer<typeof moduleSummarySchema>;

export function toLearnerModule(m: Module): LearnerModule {
  return {
    id: m.id,
    slug: m.slug,
    title: m.title,
    description: m.description,
    sortOrder: m.sortOrder,
    learningObjectives: m.learningObjectives,
    resources: m.resources,
    difficultyLevel: m.difficultyLevel,
    estimatedMinutes: m.estimatedMinutes,
    prerequisites: m.prerequisites,
  };
}

export function toLearnerConcept(c: Concept): LearnerConcept {
  return { id: c.id, moduleId: c.moduleId, slug: c.slug, title: c.title, sortOrder: c.sortOrder };
}

export function toModuleSummary(m: Module, conceptCount: number): ModuleSummary {
  return {
    ...toLearnerModule(m),
    conceptCount,
    isActive: m.isActive,
    editedLocally: m.editedLocally,
    retiredAt: m.retiredAt,
  };
}

/** modules:get answers a learner and a teacher differently; the `view` says which. */
export const moduleDetailSchema = z.discriminatedUnion('view', [
  z.object({ view: z.literal('learner'), module: learnerModuleSchema, concepts: z.array(learnerConceptSchema) }),
  z.object({ view: z.literal('teacher'), module: moduleSchema, concepts: z.array(conceptSchema) }),
]);
export type ModuleDetail = z.infer<typeof moduleDetailSchema>;

/** Keys that make up the answer key; tests scan learner answers for them. */
export const ANSWER_KEY_FIELDS = [
  'explanation',
  'hints',
  'keyTerms',
  'checkTerms',
  'misconceptions',
  'guidingQuestions',
  'examplePrompt',
  'exampleScenario',
  'systemPrompt',
  'modulePrompt',
  'systemCorpus',
  'moduleCorpus',
  'dynamicCorpus',
  'memoryExtractionPrompt',
  'masteryTriggers',
  'confusionTriggers',
] as const;

export const conceptIdSchema = idSchema;
