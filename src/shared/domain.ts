/**
 * Domain types: the shapes rows take once they leave a repository (camelCase, booleans as
 * booleans, JSON parsed, timestamps as ISO 8601 UTC strings). The contract's channels are
 * built from these; the database's snake_case never crosses into the renderer.
 */
import { z } from 'zod';
import { difficultySchema, keyTermGroupSchema, misconceptionSchema, resourceSchema, slugSchema } from './content-pack.ts';

/** One representation of time everywhere: ISO 8601, UTC, with the explicit "Z". */
export const isoTimestampSchema = z.iso.datetime({ offset: false, precision: 3 });
export type IsoTimestamp = z.infer<typeof isoTimestampSchema>;

export const idSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

// ── enumerations (the database enforces the same lists) ────────────────────────────────
export const roleSchema = z.enum(['learner', 'teacher', 'admin']);
export const learningStyleSchema = z.enum(['visual', 'auditory', 'kinesthetic', 'reading']);
export const paceSchema = z.enum(['slow', 'medium', 'fast']);
export const interactionPreferenceSchema = z.enum(['questions', 'examples', 'practice']);
export const familiaritySchema = z.enum(['none', 'beginner', 'intermediate', 'advanced']);
export const motivationLevelSchema = z.enum(['low', 'medium', 'high']);
export const timeAvailabilitySchema = z.enum(['under_1h', '1_3h', '3_5h', 'over_5h']);
export const masteryLevelSchema = difficultySchema;
export const understandingLevelSchema = z.enum(['emerging', 'developing', 'proficient', 'mastered']);
export const conversationStatusSchema = z.enum(['active', 'finalized']);
export const messageRoleSchema = z.enum(['user', 'assistant', 'system']);
export const memorySourceSchema = z.enum(['tutor', 'learner']);
export const usageModeSchema = z.enum(['personal', 'classroom']);

export type Role = z.infer<typeof roleSchema>;
export type UsageMode = z.infer<typeof usageModeSchema>;

// ── accounts ───────────────────────────────────────────────────────────────────────────
/** The survey's answers as asked; kept raw in users.onboarding_data as well. */
export const onboardingAnswersSchema = z.object({
  learningStyle: learningStyleSchema.nullable(),
  priorExperience: z.array(z.string().trim().min(1).max(200)).max(20),
  goals: z.string().trim().max(2000).nullable(),
  preferredPace: paceSchema.nullable(),
  interactionPreference: interactionPreferenceSchema.nullable(),
  backgroundInfo: z.string().trim().max(2000).nullable(),
  motivationLevel: motivationLevelSchema.nullable(),
  timeAvailability: timeAvailabilitySchema.nullable(),
  reason: z.string().trim().max(2000).nullable(),
  familiarity: familiaritySchema.nullable(),
  ageOrGrade: z.string().trim().max(60).nullable(),
  learningNotes: z.string().trim().max(2000).nullable(),
});
export type OnboardingAnswers = z.infer<typeof onboardingAnswersSchema>;

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  isActive: z.boolean(),
  onboardingData: onboardingAnswersSchema.nullable(),
  failedLoginCount: z.number().int().nonnegative(),
  lockedUntil: isoTimestampSchema.nullable(),
  lastLoginAt: isoTimestampSchema.nullable(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
});
export type User = z.infer<typeof userSchema>;

export const onboardingSurveySchema = onboardingAnswersSchema.extend({
  id: idSchema,
  userId: idSchema,
  completedAt: isoTimestampSchema.nullable(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
});
export type OnboardingSurvey = z.infer<typeof onboardingSurveySchema>;

// ── curriculum ─────────────────────────────────────────────────────────────────────────
export const contentPackRecordSchema = z.object({
  id: idSchema,
  packKey: z.string(),
  title: z.string(),
  version: z.string(),
  language: z.string(),
  description: z.string(),
  importedAt: isoTimestampSchema,
});
export type ContentPackRecord = z.infer<typeof contentPackRecordSchema>;

export const moduleSchema = z.object({
  id: idSchema,
  packId: idSchema,
  slug: slugSchema,
  title: z.string(),
  description: z.string(),
  sortOrder: z.number().int(),
  learningObjectives: z.array(z.string()),
  systemPrompt: z.string(),
  modulePrompt: z.string(),
  systemCorpus: z.string(),
  moduleCorpus: z.string(),
  dynamicCorpus: z.string(),
  resources: z.array(resourceSchema),
  masteryTriggers: z.array(z.string()),
  confusionTriggers: z.array(z.string()),
  memoryExtractionPrompt: z.string(),
  difficultyLevel: difficultySchema,
  estimatedMinutes: z.number().int().positive(),
  prerequisites: z.array(slugSchema),
  isActive: z.boolean(),
  editedLocally: z.boolean(),
  retiredAt: isoTimestampSchema.nullable(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
});
export type Module = z.infer<typeof moduleSchema>;

export const conceptSchema = z.object({
  id: idSchema,
  moduleId: idSchema,
  slug: slugSchema,
  title: z.string(),
  sortOrder: z.number().int(),
  explanation: z.string(),
  guidingQuestions: z.array(z.string()),
  hints: z.array(z.string()),
  keyTerms: z.array(keyTermGroupSchema),
  misconceptions: z.array(misconceptionSchema),
  checkQuestion: z.string(),
  checkTerms: z.array(z.string()),
  examplePrompt: z.string(),
  retiredAt: isoTimestampSchema.nullable(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
});
export type Concept = z.infer<typeof conceptSchema>;

// ── learning records ───────────────────────────────────────────────────────────────────
export const conversationSchema = z.object({
  id: idSchema,
  userId: idSchema,
  moduleId: idSchema,
  title: z.string(),
  status: conversationStatusSchema,
  rollingSummary: z.string().nullable(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
  finalizedAt: isoTimestampSchema.nullable(),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const messageSchema = z.object({
  id: idSchema,
  conversationId: idSchema,
  role: messageRoleSchema,
  content: z.string(),
  createdAt: isoTimestampSchema,
  responseTimeMs: z.number().int().nonnegative().nullable(),
  tokenCount: z.number().int().nonnegative().nullable(),
});
export type Message = z.infer<typeof messageSchema>;

export const memorySummarySchema = z.object({
  id: idSchema,
  userId: idSchema,
  moduleId: idSchema,
  conversationId: idSchema.nullable(),
  whatLearned: z.string(),
  howLearned: z.string(),
  keyConcepts: z.array(z.string()),
  understandingLevel: understandingLevelSchema,
  learningInsights: z.string(),
  teachingEffectiveness: z.string(),
  source: memorySourceSchema,
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
});
export type MemorySummary = z.infer<typeof memorySummarySchema>;

export const userProgressSchema = z.object({
  id: idSchema,
  userId: idSchema,
  moduleId: idSchema,
  completionPercentage: z.number().min(0).max(100),
  masteryLevel: masteryLevelSchema,
  isCompleted: z.boolean(),
  completionDate: isoTimestampSchema.nullable(),
  timeSpentSeconds: z.number().int().nonnegative(),
  totalConversations: z.number().int().nonnegative(),
  totalMessages: z.number().int().nonnegative(),
  questionsAsked: z.number().int().nonnegative(),
  hintsUsed: z.number().int().nonnegative(),
  currentFocus: z.string().nullable(),
  lastActivityAt: isoTimestampSchema.nullable(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
});
export type UserProgress = z.infer<typeof userProgressSchema>;

export const masteryEvidenceSchema = z.array(
  z.object({ messageId: idSchema, terms: z.array(z.string()), checkPassed: z.boolean() }),
);
export type MasteryEvidence = z.infer<typeof masteryEvidenceSchema>;

export const conceptMasterySchema = z.object({
  id: idSchema,
  userId: idSchema,
  conceptId: idSchema,
  mastery: z.number().min(0).max(1),
  attempts: z.number().int().nonnegative(),
  hintsUsed: z.number().int().nonnegative(),
  evidence: masteryEvidenceSchema,
  masteredAt: isoTimestampSchema.nullable(),
  updatedAt: isoTimestampSchema,
});
export type ConceptMastery = z.infer<typeof conceptMasterySchema>;

// ── settings ───────────────────────────────────────────────────────────────────────────
export const appSettingsSchema = z.object({
  usageMode: usageModeSchema,
  selfSignUp: z.boolean(),
  tutorEngine: z.enum(['socratic-builtin']),
  backupSchedule: z.enum(['off', 'daily', 'weekly']),
});
export type AppSettings = z.infer<typeof appSettingsSchema>;
