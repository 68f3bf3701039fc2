/**
 * One row per channel: who may call it, a valid input, an invalid one, and (for rows that
 * belong to someone) an input naming another learner's row. The contract tests run every
 * row in-process and over HTTP.
 */
import type { Channel } from '../../src/shared/contract/channels.ts';
import type { ErrorCode } from '../../src/shared/contract/errors.ts';
import { PASSWORD } from '../helpers/harness.ts';
import type { Caller, FixtureIds, Who } from './fixture.ts';

export interface ChannelCase {
  as: Who;
  valid(f: FixtureIds): unknown;
  /** When the fixture's state makes the valid call refuse (e.g. setup is done): the expected code. */
  validRefusedWith?: ErrorCode;
  /** Runs before the valid call (as admin), to put the world in the state the call needs. */
  prepare?(admin: Caller, f: FixtureIds): Promise<void>;
  invalid: unknown;
  /** Input naming a row of the other learner: must answer NOT_FOUND to the learner. */
  foreign?(f: FixtureIds): unknown;
}

const concept = {
  slug: 'new-concept',
  title: 'A new concept',
  explanation: 'An idea explained plainly for the test.',
  guidingQuestions: ['What do you notice first?', 'Why might that be?'],
  hints: ['Think about your day.', 'Think about what you skipped.', 'Think about why you skipped it.'],
  keyTerms: [
    { id: 'noticing', label: 'Noticing', phrasings: ['notice', 'pay attention', 'spot'] },
    { id: 'skipping', label: 'Skipping', phrasings: ['skip', 'ignore', 'filter out'] },
  ],
  misconceptions: [{ statement: 'We see everything.', signals: ['see everything'], probe: 'Do you remember every face on the bus?' }],
  checkQuestion: 'How do you decide what to notice?',
  checkTerms: ['noticing', 'skipping'],
  examplePrompt: 'You walk through a busy market. What do you remember afterwards?',
};

const moduleInput = {
  slug: 'local-module',
  title: 'A module written here',
  description: 'Written by a teacher.',
  learningObjectives: ['Notice how we notice'],
  estimatedMinutes: 20,
  difficultyLevel: 'beginner',
  prerequisites: [],
  resources: [],
  systemPrompt: '',
  modulePrompt: '',
  systemCorpus: '',
  moduleCorpus: '',
  dynamicCorpus: '',
  masteryTriggers: [],
  confusionTriggers: [],
  memoryExtractionPrompt: '',
};

export function tinyPack(id = 'test.tiny-pack', version = '1.0.0') {
  const { examplePrompt, ...rest } = concept;
  const packConcept = { ...rest, exampleScenario: examplePrompt };
  const mod = (slug: string) => ({
    slug,
    title: `Module ${slug}`,
    description: 'A tiny module for tests.',
    learningObjectives: ['One', 'Two', 'Three'],
    estimatedMinutes: 30,
    difficulty: 'beginner',
    prerequisites: [],
    tutorPrompts: { system: 'Ask, do not tell.', module: 'Focus on noticing.' },
    corpora: { system: 'Background.', module: 'Examples.', dynamic: 'Current examples.' },
    resources: [],
    masteryPhrases: ['i get it', 'makes sense', 'oh i see'],
    confusionPhrases: ['lost', 'confused', 'no idea'],
    memoryExtractionPrompt: 'Summarise what was learned.',
    concepts: ['a', 'b', 'c', 'd'].map((s) => ({ ...packConcept, slug: `${slug}-${s}`, title: `Concept ${s}` })),
  });
  return { format: 1, id, title: 'Tiny pack', version, language: 'en', description: 'For tests.', modules: [mod('alpha'), mod('beta')] };
}

export const channelCases: Record<Channel, ChannelCase> = {
  'app:info': { as: 'anon', valid: () => ({}), invalid: { extra: 1 } },
  'app:setup': {
    as: 'anon',
    valid: () => ({ mode: 'classroom', admin: { email: 'second@school.test', password: PASSWORD, name: 'Second' } }),
    validRefusedWith: 'CONFLICT',
    invalid: { mode: 'party', admin: { email: 'x', password: '', name: '' } },
  },
  'auth:register': {
    as: 'anon',
    prepare: async (admin) => void (await admin.call('settings:update', { patch: { selfSignUp: true } })),
    valid: () => ({ email: 'newbie@school.test', password: PASSWORD, name: 'Newbie' }),
    invalid: { email: 'not-an-email', password: PASSWORD, name: 'N' },
  },
  'auth:login': { as: 'anon', valid: () => ({ email: 'LEE@school.test', password: PASSWORD }), invalid: { email: 42, password: null } },
  'auth:logout': { as: 'learner', valid: () => ({}), invalid: { everywhere: 'yes' } },
  'auth:session': { as: 'learner', valid: () => ({}), invalid: { token: 'abc' } },
  'auth:changePassword': {
    as: 'learner',
    valid: () => ({ currentPassword: PASSWORD, newPassword: 'a brand new password' }),
    invalid: { currentPassword: PASSWORD, newPassword: 12345678 },
  },
  'users:me': { as: 'learner', valid: () => ({}), invalid: { userId: 1 } },
  'users:update': { as: 'learner', valid: () => ({ name: 'Lee L.' }), invalid: { name: '' } },
  'users:deleteSelf': { as: 'learner', valid: () => ({ password: PASSWORD }), invalid: {} },
  'users:exportMyData': { as: 'learner', valid: () => ({}), invalid: { userId: 2 } },
  'users:list': { as: 'teacher', valid: () => ({}), invalid: { role: 'king' } },
  'users:create': {
    as: 'teacher',
    valid: () => ({ email: 'new.learner@school.test', password: PASSWORD, name: 'New Learner', role: 'learner' }),
    invalid: { email: 'nope', password: PASSWORD, name: 'X', role: 'learner' },
  },
  'users:setActive': { as: 'teacher', valid: (f) => ({ userId: f.users.learner, isActive: false }), invalid: { userId: 'x', isActive: false } },
  'users:setRole': { as: 'admin', valid: (f) => ({ userId: f.users.learner, role: 'teacher' }), invalid: { userId: 1, role: 'god' } },
  'users:resetPassword': {
    as: 'teacher',
    valid: (f) => ({ userId: f.users.learner, newPassword: 'another good password' }),
    invalid: { userId: -1, newPassword: 'x' },
  },
  'users:unlock': { as: 'teacher', valid: (f) => ({ userId: f.users.learner }), invalid: {} },
  'users:remove': { as: 'admin', valid: (f) => ({ userId: f.users.other }), invalid: { userId: 0 } },
  'onboarding:get': { as: 'learner', valid: () => ({}), invalid: { userId: 3 } },
  'onboarding:save': {
    as: 'learner',
    valid: () => ({ learningStyle: 'visual', goals: 'Understand the news', preferredPace: 'slow', completed: true }),
    invalid: { learningStyle: 'smell', completed: true },
  },
  'modules:list': { as: 'learner', valid: () => ({}), invalid: { includeRetired: 'yes' } },
  'modules:get': { as: 'learner', valid: (f) => ({ id: f.moduleId }), invalid: { id: '1' } },
  'modules:create': { as: 'teacher', valid: () => moduleInput, invalid: { ...moduleInput, slug: 'Bad Slug!' } },
  'modules:update': {
    as: 'teacher',
    valid: (f) => ({ id: f.moduleId, patch: { title: 'Your Four Worlds (edited)' } }),
    invalid: { id: 1, patch: { estimatedMinutes: -5 } },
  },
  'modules:delete': { as: 'teacher', valid: (f) => ({ id: f.secondModuleId }), invalid: { id: 'x' } },
  'modules:reorder': { as: 'teacher', valid: (f) => ({ moduleIds: [f.secondModuleId, f.moduleId] }), invalid: { moduleIds: [] } },
  'modules:listPacks': { as: 'teacher', valid: () => ({}), invalid: { all: true } },
  'modules:exportPack': { as: 'teacher', valid: () => ({ packKey: 'harv.communication-media-society' }), invalid: { packKey: 5 } },
  'modules:importPack': { as: 'teacher', valid: () => ({ pack: tinyPack() }), invalid: { pack: { ...tinyPack(), version: 'one' } } },
  'concepts:create': { as: 'teacher', valid: (f) => ({ ...concept, moduleId: f.moduleId }), invalid: { moduleId: 1, slug: 'x' } },
  'concepts:update': {
    as: 'teacher',
    valid: (f) => ({ id: f.conceptId, patch: { title: 'Renamed concept' } }),
    invalid: { id: 1, patch: { hints: ['only one'] } },
  },
  'concepts:delete': { as: 'teacher', valid: (f) => ({ id: f.freeConceptId }), invalid: { id: null } },
  'conversations:list': {
    as: 'learner',
    valid: () => ({}),
    invalid: { moduleId: 'a' },
    foreign: (f) => ({ userId: f.users.other }),
  },
  'conversations:start': { as: 'learner', valid: (f) => ({ moduleId: f.secondModuleId }), invalid: { moduleId: 0 } },
  'conversations:get': {
    as: 'learner',
    valid: (f) => ({ id: f.learnerConversationId }),
    invalid: { id: 1.5 },
    foreign: (f) => ({ id: f.otherConversationId }),
  },
  'conversations:rename': {
    as: 'learner',
    valid: (f) => ({ id: f.learnerConversationId, title: 'My first chat' }),
    invalid: { id: 1, title: '' },
    foreign: (f) => ({ id: f.otherConversationId, title: 'Mine now' }),
  },
  'conversations:finalize': {
    as: 'learner',
    valid: (f) => ({ id: f.learnerConversationId }),
    invalid: { id: -3 },
    foreign: (f) => ({ id: f.otherConversationId }),
  },
  'conversations:delete': {
    as: 'learner',
    valid: (f) => ({ id: f.learnerConversationId }),
    invalid: { id: 'all' },
    foreign: (f) => ({ id: f.otherConversationId }),
  },
  'conversations:export': {
    as: 'learner',
    valid: (f) => ({ conversationId: f.learnerConversationId, format: 'markdown' }),
    invalid: { conversationId: 1, format: 'pdf' },
    foreign: (f) => ({ conversationId: f.otherConversationId, format: 'json' }),
  },
  'messages:list': {
    as: 'learner',
    valid: (f) => ({ conversationId: f.learnerConversationId, limit: 2 }),
    invalid: { conversationId: 1, limit: 1000 },
    foreign: (f) => ({ conversationId: f.otherConversationId }),
  },
  'messages:send': {
    as: 'learner',
    valid: (f) => ({ conversationId: f.learnerConversationId, content: 'We each notice different things.' }),
    invalid: { conversationId: 1, content: 5 },
    foreign: (f) => ({ conversationId: f.otherConversationId, content: 'hello' }),
  },
  'messages:context': {
    as: 'learner',
    valid: (f) => ({ messageId: f.learnerMessageId }),
    invalid: { messageId: 'latest' },
    foreign: (f) => ({ messageId: f.otherMessageId }),
  },
  'memory:list': { as: 'learner', valid: () => ({}), invalid: { moduleId: -1 }, foreign: (f) => ({ userId: f.users.other }) },
  'memory:get': {
    as: 'learner',
    valid: (f) => ({ id: f.learnerMemoryId }),
    invalid: { id: [] },
    foreign: (f) => ({ id: f.otherMemoryId }),
  },
  'memory:update': {
    as: 'learner',
    valid: (f) => ({ id: f.learnerMemoryId, patch: { whatLearned: 'I learned that people notice different things.' } }),
    invalid: { id: 1, patch: {} },
    foreign: (f) => ({ id: f.otherMemoryId, patch: { whatLearned: 'overwritten' } }),
  },
  'memory:delete': {
    as: 'learner',
    valid: (f) => ({ id: f.learnerMemoryId }),
    invalid: { id: {} },
    foreign: (f) => ({ id: f.otherMemoryId }),
  },
  'memory:context': {
    as: 'learner',
    valid: (f) => ({ conversationId: f.learnerConversationId }),
    invalid: { conversationId: '' },
    foreign: (f) => ({ conversationId: f.otherConversationId }),
  },
  'progress:overview': { as: 'learner', valid: () => ({}), invalid: { userId: 4 } },
  'progress:module': {
    as: 'learner',
    valid: (f) => ({ moduleId: f.moduleId }),
    invalid: { moduleId: 'x' },
    foreign: (f) => ({ moduleId: f.moduleId, userId: f.users.other }),
  },
  'progress:classGrid': { as: 'teacher', valid: () => ({}), invalid: { moduleId: 1 } },
  'progress:classGridCsv': { as: 'teacher', valid: () => ({}), invalid: { separator: ';' } },
  'progress:learner': { as: 'teacher', valid: (f) => ({ userId: f.users.learner }), invalid: { userId: 'x' } },
  'settings:get': { as: 'learner', valid: () => ({}), invalid: { key: 'usageMode' } },
  'settings:update': { as: 'admin', valid: () => ({ patch: { backupSchedule: 'daily' } }), invalid: { patch: { usageMode: 'party' } } },
};
