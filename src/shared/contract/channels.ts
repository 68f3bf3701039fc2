/**
 * The contract: every channel with its input and output schema. The renderer's client, the
 * dispatcher and the tests are all typed from this one map. Sessions never appear here —
 * the transport carries them (DESIGN.md §2).
 */
import { z } from 'zod';
import {
  appSettingsSchema,
  conceptMasterySchema,
  conceptSchema,
  contentPackRecordSchema,
  conversationSchema,
  idSchema,
  memorySummarySchema,
  messageSchema,
  moduleSchema,
  onboardingAnswersSchema,
  onboardingSurveySchema,
  roleSchema,
  understandingLevelSchema,
  usageModeSchema,
  userProgressSchema,
  userSchema,
} from '../domain.ts';
import { conceptSchema as packConceptSchema, difficultySchema, resourceSchema, slugSchema } from '../content-pack.ts';
import { moduleDetailSchema, moduleSummarySchema } from './views.ts';
import { importReportSchema, memoryContextViewSchema, replyAnalysisViewSchema } from './tutor-views.ts';

// ── shared input pieces ────────────────────────────────────────────────────────────────
const text = (max: number) => z.string().trim().min(1, 'Required').max(max, `At most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `At most ${max} characters`).nullable();
export const emailInputSchema = z.email('Enter a valid email address').max(254).trim();
/** Length and byte rules are checked in main's password policy so the message can explain them. */
export const passwordInputSchema = z.string().min(1, 'Required').max(1000);
const nameInputSchema = text(100);
const byId = z.strictObject({ id: idSchema });
const done = <K extends string>(key: K) => z.object({ [key]: z.literal(true) } as Record<K, z.ZodLiteral<true>>);

// ── shared outputs ─────────────────────────────────────────────────────────────────────
const userOut = z.object({ user: userSchema });

export const moduleContentInputSchema = z.strictObject({
  slug: slugSchema,
  title: text(120),
  description: z.string().trim().max(1000),
  learningObjectives: z.array(text(300)).min(1).max(10),
  estimatedMinutes: z.number().int().min(5).max(600),
  difficultyLevel: difficultySchema,
  prerequisites: z.array(slugSchema).max(15),
  resources: z.array(resourceSchema).max(12),
  systemPrompt: z.string().max(4000),
  modulePrompt: z.string().max(4000),
  systemCorpus: z.string().max(8000),
  moduleCorpus: z.string().max(8000),
  dynamicCorpus: z.string().max(8000),
  masteryTriggers: z.array(text(120)).max(30),
  confusionTriggers: z.array(text(120)).max(30),
  memoryExtractionPrompt: z.string().max(2000),
});

/** A concept as a teacher authors it: the pack format's rules, with the database's field names. */
export const conceptContentInputSchema = packConceptSchema
  .omit({ exampleScenario: true })
  .extend({ examplePrompt: packConceptSchema.shape.exampleScenario })
  .strict();

export const progressOverviewSchema = z.object({
  modules: z.array(
    z.object({
      module: moduleSummarySchema,
      progress: userProgressSchema.nullable(),
      conceptsMastered: z.number().int().nonnegative(),
    }),
  ),
  totals: z.object({
    completionPercentage: z.number().min(0).max(100),
    modulesCompleted: z.number().int().nonnegative(),
    conceptsMastered: z.number().int().nonnegative(),
    conceptCount: z.number().int().nonnegative(),
    timeSpentSeconds: z.number().int().nonnegative(),
    totalMessages: z.number().int().nonnegative(),
    /** Consecutive days with activity, ending today or yesterday. */
    streakDays: z.number().int().nonnegative(),
    /** Learner messages per UTC day, oldest first, last 30 days with activity. */
    activity: z.array(z.object({ date: z.iso.date(), messages: z.number().int().nonnegative() })),
    /** The module worked on most recently, to continue where they left off. */
    continueModuleId: idSchema.nullable(),
  }),
});

export const progressModuleSchema = z.object({
  module: moduleSummarySchema,
  progress: userProgressSchema.nullable(),
  concepts: z.array(
    z.object({
      conceptId: idSchema,
      slug: z.string(),
      title: z.string(),
      mastery: z.number().min(0).max(1),
      mastered: z.boolean(),
      masteredAt: z.string().nullable(),
      attempts: z.number().int().nonnegative(),
      hintsUsed: z.number().int().nonnegative(),
    }),
  ),
});

export const classGridSchema = z.object({
  learners: z.array(userSchema.pick({ id: true, name: true, email: true, isActive: true })),
  modules: z.array(z.object({ id: idSchema, slug: z.string(), title: z.string() })),
  cells: z.array(
    z.object({
      userId: idSchema,
      moduleId: idSchema,
      completionPercentage: z.number().min(0).max(100),
      isCompleted: z.boolean(),
      lastActivityAt: z.string().nullable(),
    }),
  ),
});

// ── the channel map ────────────────────────────────────────────────────────────────────
export const channels = {
  // app
  'app:info': {
    input: z.strictObject({}),
    output: z.object({
      name: z.string(),
      version: z.string(),
      usageMode: usageModeSchema.nullable(),
      setupDone: z.boolean(),
      selfSignUp: z.boolean(),
    }),
  },
  'app:setup': {
    input: z.strictObject({
      mode: usageModeSchema,
      admin: z.strictObject({ email: emailInputSchema, password: passwordInputSchema, name: nameInputSchema }),
    }),
    output: userOut,
  },

  // auth
  'auth:register': {
    input: z.strictObject({ email: emailInputSchema, password: passwordInputSchema, name: nameInputSchema }),
    output: userOut,
  },
  'auth:login': { input: z.strictObject({ email: emailInputSchema, password: passwordInputSchema }), output: userOut },
  'auth:logout': { input: z.strictObject({}), output: done('signedOut') },
  'auth:session': {
    input: z.strictObject({}),
    output: z.object({ user: userSchema.nullable(), expiresAt: z.string().nullable() }),
  },
  'auth:changePassword': {
    input: z.strictObject({ currentPassword: passwordInputSchema, newPassword: passwordInputSchema }),
    output: done('changed'),
  },

  // users
  'users:me': { input: z.strictObject({}), output: userOut },
  'users:update': {
    input: z
      .strictObject({ name: nameInputSchema.optional(), email: emailInputSchema.optional() })
      .refine((v) => v.name !== undefined || v.email !== undefined, 'Change at least one field'),
    output: userOut,
  },
  'users:deleteSelf': { input: z.strictObject({ password: passwordInputSchema }), output: done('deleted') },
  'users:exportMyData': {
    input: z.strictObject({}),
    output: z.object({
      format: z.literal('harv-user-export'),
      version: z.literal(1),
      exportedAt: z.string(),
      user: userSchema,
      onboarding: onboardingSurveySchema.nullable(),
      conversations: z.array(conversationSchema.extend({ messages: z.array(messageSchema) })),
      memory: z.array(memorySummarySchema),
      progress: z.array(userProgressSchema),
      mastery: z.array(conceptMasterySchema),
    }),
  },
  'users:list': {
    input: z.strictObject({ role: roleSchema.optional() }),
    output: z.object({ users: z.array(userSchema) }),
  },
  'users:create': {
    input: z.strictObject({
      email: emailInputSchema,
      password: passwordInputSchema,
      name: nameInputSchema,
      role: roleSchema,
    }),
    output: userOut,
  },
  'users:setActive': { input: z.strictObject({ userId: idSchema, isActive: z.boolean() }), output: userOut },
  'users:setRole': { input: z.strictObject({ userId: idSchema, role: roleSchema }), output: userOut },
  'users:resetPassword': { input: z.strictObject({ userId: idSchema, newPassword: passwordInputSchema }), output: userOut },
  'users:unlock': { input: z.strictObject({ userId: idSchema }), output: userOut },
  'users:remove': { input: z.strictObject({ userId: idSchema }), output: done('removed') },

  // onboarding
  'onboarding:get': { input: z.strictObject({}), output: z.object({ survey: onboardingSurveySchema.nullable() }) },
  'onboarding:save': {
    input: onboardingAnswersSchema
      .partial()
      .extend({
        goals: optionalText(2000).optional(),
        backgroundInfo: optionalText(2000).optional(),
        reason: optionalText(2000).optional(),
        ageOrGrade: optionalText(60).optional(),
        learningNotes: optionalText(2000).optional(),
        /** false while the wizard is part-way; true when finished or skipped. */
        completed: z.boolean(),
      })
      .strict(),
    output: z.object({ survey: onboardingSurveySchema }),
  },

  // modules and concepts
  'modules:list': {
    input: z.strictObject({ includeRetired: z.boolean().optional() }),
    output: z.object({ modules: z.array(moduleSummarySchema) }),
  },
  'modules:get': { input: byId, output: moduleDetailSchema },
  'modules:create': { input: moduleContentInputSchema, output: z.object({ module: moduleSchema }) },
  'modules:update': {
    input: z.strictObject({
      id: idSchema,
      patch: moduleContentInputSchema.partial().extend({ retired: z.boolean().optional(), isActive: z.boolean().optional() }).strict(),
    }),
    output: z.object({ module: moduleSchema }),
  },
  'modules:delete': { input: byId, output: done('deleted') },
  'modules:reorder': {
    input: z.strictObject({ moduleIds: z.array(idSchema).min(1).max(500) }),
    output: z.object({ modules: z.array(moduleSummarySchema) }),
  },
  'modules:listPacks': {
    input: z.strictObject({}),
    output: z.object({ packs: z.array(contentPackRecordSchema) }),
  },
  'modules:exportPack': {
    input: z.strictObject({ packKey: z.string().min(1).max(120) }),
    /** The pack as JSON (the content-pack format); teacher edits may need fixing before re-import. */
    output: z.object({ filename: z.string(), pack: z.record(z.string(), z.unknown()) }),
  },
  'modules:importPack': {
    /** Validated whole in main against the content-pack format; errors name the field path. */
    input: z.strictObject({ pack: z.unknown() }),
    output: z.object({ report: importReportSchema }),
  },
  'concepts:create': {
    input: conceptContentInputSchema.extend({ moduleId: idSchema }).strict(),
    output: z.object({ concept: conceptSchema }),
  },
  'concepts:update': {
    input: z.strictObject({
      id: idSchema,
      patch: conceptContentInputSchema.partial().extend({ retired: z.boolean().optional(), sortOrder: z.number().int().min(0).max(10_000).optional() }).strict(),
    }),
    output: z.object({ concept: conceptSchema }),
  },
  'concepts:delete': { input: byId, output: done('deleted') },

  // conversations and messages
  'conversations:list': {
    input: z.strictObject({ moduleId: idSchema.optional(), userId: idSchema.optional() }),
    output: z.object({ conversations: z.array(conversationSchema) }),
  },
  'conversations:start': {
    input: z.strictObject({ moduleId: idSchema }),
    output: z.object({ conversation: conversationSchema, messages: z.array(messageSchema) }),
  },
  'conversations:get': { input: byId, output: z.object({ conversation: conversationSchema }) },
  'conversations:rename': { input: z.strictObject({ id: idSchema, title: text(120) }), output: z.object({ conversation: conversationSchema }) },
  'conversations:finalize': {
    input: byId,
    output: z.object({ conversation: conversationSchema, closing: messageSchema.nullable(), summary: memorySummarySchema.nullable() }),
  },
  'conversations:delete': { input: byId, output: done('deleted') },
  'conversations:export': {
    input: z.strictObject({ conversationId: idSchema, format: z.enum(['markdown', 'json']) }),
    output: z.object({ filename: z.string(), mimeType: z.string(), content: z.string() }),
  },
  'messages:list': {
    input: z.strictObject({
      conversationId: idSchema,
      before: idSchema.optional(),
      limit: z.number().int().min(1).max(200).optional(),
    }),
    output: z.object({ messages: z.array(messageSchema), hasMore: z.boolean() }),
  },
  'messages:send': {
    input: z.strictObject({ conversationId: idSchema, content: z.string().max(8000, 'At most 8000 characters') }),
    output: z.object({ userMessage: messageSchema, reply: messageSchema.nullable(), progress: userProgressSchema.nullable() }),
  },

  // memory
  'memory:list': {
    input: z.strictObject({ moduleId: idSchema.optional(), userId: idSchema.optional() }),
    output: z.object({ summaries: z.array(memorySummarySchema) }),
  },
  'memory:get': { input: byId, output: z.object({ summary: memorySummarySchema }) },
  'memory:update': {
    input: z.strictObject({
      id: idSchema,
      patch: z
        .strictObject({
          whatLearned: text(4000).optional(),
          howLearned: z.string().trim().max(4000).optional(),
          keyConcepts: z.array(text(120)).max(30).optional(),
          understandingLevel: understandingLevelSchema.optional(),
          learningInsights: z.string().trim().max(4000).optional(),
          teachingEffectiveness: z.string().trim().max(4000).optional(),
        })
        .refine((p) => Object.keys(p).length > 0, 'Change at least one field'),
    }),
    output: z.object({ summary: memorySummarySchema }),
  },
  'memory:delete': { input: byId, output: done('deleted') },
  /** Exactly what the tutor's next reply in this conversation will use. */
  'memory:context': { input: z.strictObject({ conversationId: idSchema }), output: memoryContextViewSchema },
  /** What the tutor used and did for one of its replies, resolved from its compact record. */
  'messages:context': {
    input: z.strictObject({ messageId: idSchema }),
    output: z.object({ context: memoryContextViewSchema.nullable(), analysis: replyAnalysisViewSchema.nullable() }),
  },

  // progress
  'progress:overview': { input: z.strictObject({}), output: progressOverviewSchema },
  'progress:module': { input: z.strictObject({ moduleId: idSchema, userId: idSchema.optional() }), output: progressModuleSchema },
  'progress:classGrid': { input: z.strictObject({}), output: classGridSchema },
  'progress:classGridCsv': { input: z.strictObject({}), output: z.object({ filename: z.string(), csv: z.string() }) },
  'progress:learner': {
    input: z.strictObject({ userId: idSchema }),
    output: z.object({
      learner: userSchema,
      overview: progressOverviewSchema,
      memory: z.array(memorySummarySchema),
      conversations: z.array(conversationSchema),
    }),
  },

  // settings
  'settings:get': { input: z.strictObject({}), output: z.object({ settings: appSettingsSchema }) },
  'settings:update': {
    input: z.strictObject({ patch: appSettingsSchema.partial().strict() }),
    output: z.object({ settings: appSettingsSchema }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Channels[C]['output']>;

export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}
