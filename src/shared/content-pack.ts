/**
 * The content-pack format: how curriculum travels between machines.
 *
 * A pack is versioned JSON (camelCase, like the contract). First run imports the bundled
 * pack; teachers export, edit and import packs. Everything the tutor needs to teach a
 * module lives here — including the answer key (explanations, hints, key terms, check
 * terms, misconception probes), which main never sends to a learner.
 */
import { z } from 'zod';

export const CONTENT_PACK_FORMAT = 1;

/** Lowercase words joined by single hyphens: stable identifiers that survive renames. */
export const slugSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single hyphens');

/** Semantic version without build metadata, e.g. 1.2.0 or 2.0.0-beta.1. */
export const semverSchema = z
  .string()
  .regex(
    /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/,
    'Use a semantic version such as 1.0.0',
  );

export const difficultySchema = z.enum(['beginner', 'intermediate', 'advanced']);

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * A key-term group is one idea and the many ways a learner might express it.
 * Any one phrasing in the group counts as showing the idea; the tutor matches
 * phrasings word by word after light stemming, so "filters out" matches "filtering out".
 */
export const keyTermGroupSchema = z.object({
  id: slugSchema,
  label: text(120),
  phrasings: z.array(text(120)).min(3).max(40),
});

export const misconceptionSchema = z.object({
  /** What a learner might wrongly believe, in words the tutor can match. */
  statement: text(400),
  /** Phrasings whose appearance in a learner's turn signals this misconception. */
  signals: z.array(text(120)).min(1).max(20),
  /** The question that makes the learner test the belief themselves. */
  probe: text(400),
});

export const conceptSchema = z.object({
  slug: slugSchema,
  title: text(120),
  /** The idea in plain words. The last rung of the hint ladder; never shown before it. */
  explanation: text(2000),
  guidingQuestions: z.array(text(400)).min(2).max(4),
  /** Exactly three hints, from gentle to explicit. */
  hints: z.tuple([text(400), text(400), text(400)]),
  keyTerms: z.array(keyTermGroupSchema).min(2).max(8),
  misconceptions: z.array(misconceptionSchema).min(1).max(4),
  checkQuestion: text(400),
  /** Ids of key-term groups an answer to the check question must show. */
  checkTerms: z.array(slugSchema).min(1).max(4),
  /** A concrete scenario to reason about; the rung after the third hint. */
  exampleScenario: text(1200),
});

export const resourceSchema = z.object({
  title: text(200),
  kind: z.enum(['reading', 'activity', 'reflection', 'media']),
  description: text(600),
});

export const packModuleSchema = z.object({
  slug: slugSchema,
  title: text(120),
  description: text(1000),
  learningObjectives: z.array(text(300)).min(3).max(6),
  estimatedMinutes: z.number().int().min(5).max(600),
  difficulty: difficultySchema,
  prerequisites: z.array(slugSchema).max(15),
  tutorPrompts: z.object({
    /** How the tutor teaches this module (the seed's system_prompt). */
    system: text(4000),
    /** What to focus on (the seed's module_prompt). */
    module: text(4000),
  }),
  corpora: z.object({
    /** Background knowledge the tutor may draw on. */
    system: text(8000),
    /** Examples specific to this module. */
    module: text(8000),
    /** Current, changeable examples a teacher may refresh. */
    dynamic: text(8000),
  }),
  resources: z.array(resourceSchema).max(12),
  /** Things a learner might say when an idea has clicked. */
  masteryPhrases: z.array(text(120)).min(3).max(30),
  /** Things a learner might say when they are lost. */
  confusionPhrases: z.array(text(120)).min(3).max(30),
  memoryExtractionPrompt: text(2000),
  concepts: z.array(conceptSchema).min(4).max(7),
});

export const contentPackSchema = z
  .object({
    format: z.literal(CONTENT_PACK_FORMAT),
    id: z
      .string()
      .min(3)
      .max(120)
      .regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'Use a dotted or hyphenated lowercase id'),
    title: text(200),
    version: semverSchema,
    language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'Use a language tag such as en or en-GB'),
    description: text(2000),
    modules: z.array(packModuleSchema).min(1).max(100),
  })
  .superRefine((pack, ctx) => {
    const moduleSlugs = new Set<string>();
    pack.modules.forEach((mod, mi) => {
      if (moduleSlugs.has(mod.slug)) {
        ctx.addIssue({ code: 'custom', path: ['modules', mi, 'slug'], message: `Duplicate module slug "${mod.slug}"` });
      }
      moduleSlugs.add(mod.slug);
      const conceptSlugs = new Set<string>();
      mod.concepts.forEach((concept, ci) => {
        const at = ['modules', mi, 'concepts', ci];
        if (conceptSlugs.has(concept.slug)) {
          ctx.addIssue({ code: 'custom', path: [...at, 'slug'], message: `Duplicate concept slug "${concept.slug}"` });
        }
        conceptSlugs.add(concept.slug);
        const groupIds = new Set(concept.keyTerms.map((g) => g.id));
        if (groupIds.size !== concept.keyTerms.length) {
          ctx.addIssue({ code: 'custom', path: [...at, 'keyTerms'], message: 'Key-term group ids must be unique' });
        }
        concept.checkTerms.forEach((id, ti) => {
          if (!groupIds.has(id)) {
            ctx.addIssue({
              code: 'custom',
              path: [...at, 'checkTerms', ti],
              message: `Check term "${id}" is not a key-term group of this concept`,
            });
          }
        });
      });
    });
    pack.modules.forEach((mod, mi) => {
      mod.prerequisites.forEach((slug, pi) => {
        if (!moduleSlugs.has(slug) || slug === mod.slug) {
          ctx.addIssue({
            code: 'custom',
            path: ['modules', mi, 'prerequisites', pi],
            message: `Prerequisite "${slug}" is not another module of this pack`,
          });
        }
      });
    });
  });

export type ContentPack = z.infer<typeof contentPackSchema>;
export type PackModule = z.infer<typeof packModuleSchema>;
export type PackConcept = z.infer<typeof conceptSchema>;
export type KeyTermGroup = z.infer<typeof keyTermGroupSchema>;
export type Misconception = z.infer<typeof misconceptionSchema>;
export type Difficulty = z.infer<typeof difficultySchema>;
