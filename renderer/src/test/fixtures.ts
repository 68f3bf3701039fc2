/** Builders for contract-shaped rows, for renderer tests. */
import { emptyAnswers } from '../features/onboarding/onboarding-slice.ts';
import type { ChannelOutput, ModuleSummary } from '../../../src/shared/contract/index.ts';
import type { Conversation, MemorySummary, Message, User, UserProgress } from '../../../src/shared/domain.ts';

const T = '2026-01-05T10:00:00.000Z';

export function aUser(over: Partial<User> = {}): User {
  return {
    id: 1,
    email: 'ada@example.org',
    name: 'Ada Learner',
    role: 'learner',
    isActive: true,
    onboardingData: null,
    failedLoginCount: 0,
    lockedUntil: null,
    lastLoginAt: null,
    createdAt: T,
    updatedAt: T,
    ...over,
  };
}

export function aSurvey(over: Partial<ChannelOutput<'onboarding:save'>['survey']> = {}): ChannelOutput<'onboarding:save'>['survey'] {
  return {
    id: 1,
    userId: 1,
    ...emptyAnswers(),
    completedAt: T,
    createdAt: T,
    updatedAt: T,
    ...over,
  };
}

export function aModule(over: Partial<ModuleSummary> = {}): ModuleSummary {
  return {
    id: 1,
    slug: 'your-four-worlds',
    title: 'Your Four Worlds',
    description: 'How we come to know the world through media.',
    sortOrder: 1,
    learningObjectives: ['Explain the four worlds', 'Describe selective perception'],
    resources: [],
    difficultyLevel: 'beginner',
    estimatedMinutes: 45,
    prerequisites: [],
    conceptCount: 6,
    isActive: true,
    editedLocally: false,
    retiredAt: null,
    ...over,
  };
}

export function aConversation(over: Partial<Conversation> = {}): Conversation {
  return {
    id: 10,
    userId: 1,
    moduleId: 1,
    title: 'Your Four Worlds',
    status: 'active',
    rollingSummary: null,
    createdAt: T,
    updatedAt: T,
    finalizedAt: null,
    ...over,
  };
}

export function aMessage(id: number, over: Partial<Message> = {}): Message {
  return {
    id,
    conversationId: 10,
    role: id % 2 === 0 ? 'user' : 'assistant',
    content: `Message number ${id}`,
    createdAt: T,
    responseTimeMs: null,
    tokenCount: null,
    ...over,
  };
}

export function aProgress(over: Partial<UserProgress> = {}): UserProgress {
  return {
    id: 1,
    userId: 1,
    moduleId: 1,
    completionPercentage: 33,
    masteryLevel: 'beginner',
    isCompleted: false,
    completionDate: null,
    timeSpentSeconds: 900,
    totalConversations: 1,
    totalMessages: 12,
    questionsAsked: 1,
    hintsUsed: 2,
    currentFocus: null,
    lastActivityAt: T,
    createdAt: T,
    updatedAt: T,
    ...over,
  };
}

export function aMemory(over: Partial<MemorySummary> = {}): MemorySummary {
  return {
    id: 5,
    userId: 1,
    moduleId: 1,
    conversationId: 10,
    whatLearned: 'Our picture of places we have never been comes from media.',
    howLearned: 'Reasoned from own examples.',
    keyConcepts: ['four worlds', 'mediated experience'],
    understandingLevel: 'developing',
    learningInsights: '',
    teachingEffectiveness: '',
    source: 'tutor',
    createdAt: T,
    updatedAt: T,
    ...over,
  };
}

export function anOverview(over: Partial<ChannelOutput<'progress:overview'>['totals']> = {}, modules = [aModule()]): ChannelOutput<'progress:overview'> {
  return {
    modules: modules.map((m) => ({ module: m, progress: aProgress({ moduleId: m.id }), conceptsMastered: 2 })),
    totals: {
      completionPercentage: 20,
      modulesCompleted: 0,
      conceptsMastered: 2,
      conceptCount: 10,
      timeSpentSeconds: 3600,
      totalMessages: 30,
      streakDays: 3,
      activity: [
        { date: '2026-01-03', messages: 4 },
        { date: '2026-01-04', messages: 9 },
        { date: '2026-01-05', messages: 2 },
      ],
      continueModuleId: modules[0]?.id ?? null,
      ...over,
    },
  };
}

export function aModuleProgress(moduleId = 1): ChannelOutput<'progress:module'> {
  return {
    module: aModule({ id: moduleId }),
    progress: aProgress({ moduleId }),
    concepts: [
      { conceptId: 1, slug: 'four-worlds', title: 'The four worlds', mastery: 1, mastered: true, masteredAt: T, attempts: 2, hintsUsed: 0 },
      { conceptId: 2, slug: 'selective-perception', title: 'Selective perception', mastery: 0.5, mastered: false, masteredAt: null, attempts: 1, hintsUsed: 1 },
    ],
  };
}

export const appInfo = (over: Partial<ChannelOutput<'app:info'>> = {}): ChannelOutput<'app:info'> => ({
  name: 'Harv',
  version: '0.1.0',
  usageMode: 'personal',
  setupDone: true,
  selfSignUp: false,
  ...over,
});
