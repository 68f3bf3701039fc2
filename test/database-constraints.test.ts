/**
 * What the database itself enforces, seen through the repositories: cascades, references,
 * uniqueness (email case-insensitively) and allowed values, each as a typed error.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConstraintError } from '../main/db/errors.ts';
import { insertUser, deleteUser, findUserByEmail } from '../main/repositories/users.ts';
import { insertSurvey } from '../main/repositories/onboarding.ts';
import { insertConcept, insertModule, upsertPack } from '../main/repositories/curriculum.ts';
import { insertConversation, insertMessage } from '../main/repositories/conversations.ts';
import { insertMemory, upsertMastery, upsertProgress } from '../main/repositories/learning-records.ts';
import { guardConstraints } from '../main/repositories/row-mapping.ts';
import { openTempDatabase, type TempDatabase } from './helpers/temp-db.ts';
import { countRows } from './helpers/classroom-fixture.ts';
import type { OnboardingAnswers } from '../src/shared/domain.ts';

let db: TempDatabase;
beforeEach(async () => {
  db = await openTempDatabase();
});
afterEach(async () => db.dispose());

const answers: OnboardingAnswers = {
  learningStyle: 'visual',
  priorExperience: ['none'],
  goals: 'Understand media',
  preferredPace: 'medium',
  interactionPreference: 'questions',
  backgroundInfo: null,
  motivationLevel: 'high',
  timeAvailability: '1_3h',
  reason: null,
  familiarity: 'none',
  ageOrGrade: null,
  learningNotes: null,
};

async function seedCurriculum() {
  const pack = await upsertPack(db.knex, { packKey: 'test.pack', title: 'P', version: '1.0.0', language: 'en' });
  const mod = await insertModule(db.knex, pack.id, {
    slug: 'm',
    title: 'M',
    description: '',
    sortOrder: 0,
    learningObjectives: ['a'],
    systemPrompt: '',
    modulePrompt: '',
    systemCorpus: '',
    moduleCorpus: '',
    dynamicCorpus: '',
    resources: [],
    masteryTriggers: [],
    confusionTriggers: [],
    memoryExtractionPrompt: '',
    difficultyLevel: 'beginner',
    estimatedMinutes: 30,
    prerequisites: [],
  });
  const concept = await insertConcept(db.knex, mod.id, {
    slug: 'c',
    title: 'C',
    sortOrder: 0,
    explanation: 'E',
    guidingQuestions: [],
    hints: [],
    keyTerms: [],
    misconceptions: [],
    checkQuestion: 'Q?',
    checkTerms: [],
    examplePrompt: 'X',
  });
  return { pack, mod, concept };
}

async function expectConstraint(run: () => Promise<unknown>, kind: ConstraintError['kind']) {
  const before = await countRows(db.knex);
  const err = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConstraintError);
  expect((err as ConstraintError).kind).toBe(kind);
  expect(await countRows(db.knex)).toEqual(before);
}

describe('the database enforces the data model', () => {
  it('deleting a user removes every row of theirs and nobody else’s', async () => {
    const { mod, concept } = await seedCurriculum();
    const make = async (email: string) => {
      const u = await insertUser(db.knex, { email, hashedPassword: 'h', name: 'N', role: 'learner' });
      await insertSurvey(db.knex, u.id, answers, null);
      for (let c = 0; c < 3; c++) {
        const conv = await insertConversation(db.knex, { userId: u.id, moduleId: mod.id, title: `c${c}` });
        for (let m = 0; m < 5; m++) {
          await insertMessage(db.knex, { conversationId: conv.id, role: m % 2 ? 'user' : 'assistant', content: `m${m}` });
        }
        if (c < 2) {
          await insertMemory(db.knex, {
            userId: u.id,
            moduleId: mod.id,
            conversationId: conv.id,
            source: 'tutor',
            whatLearned: 'w',
            howLearned: 'h',
            keyConcepts: ['c'],
            understandingLevel: 'developing',
            learningInsights: '',
            teachingEffectiveness: '',
          });
        }
      }
      await upsertProgress(db.knex, u.id, mod.id, {
        completionPercentage: 10,
        masteryLevel: 'beginner',
        isCompleted: false,
        completionDate: null,
        timeSpentSeconds: 1,
        totalConversations: 3,
        totalMessages: 15,
        questionsAsked: 0,
        hintsUsed: 0,
        currentFocus: null,
        lastActivityAt: null,
      });
      await upsertMastery(db.knex, {
        userId: u.id,
        conceptId: concept.id,
        mastery: 0.5,
        attempts: 1,
        hintsUsed: 0,
        evidence: [],
        masteredAt: null,
      });
      await db.knex('sessions').insert({
        token_hash: `t-${email}`,
        user_id: u.id,
        created_at: '2026-01-01T00:00:00.000Z',
        expires_at: '2026-02-01T00:00:00.000Z',
        last_seen_at: '2026-01-01T00:00:00.000Z',
      });
      return u;
    };
    const gone = await make('gone@school.test');
    await make('stays@school.test');
    const before = await countRows(db.knex);
    expect(await deleteUser(db.knex, gone.id)).toBe(true);
    const owned = { onboarding_surveys: 1, conversations: 3, messages: 15, memory_summaries: 2, user_progress: 1, concept_mastery: 1, sessions: 1 };
    const after = await countRows(db.knex);
    for (const [t, n] of Object.entries(owned)) expect(after[t]).toBe((before[t] ?? 0) - n);
    for (const t of ['users', 'onboarding_surveys', 'conversations', 'memory_summaries', 'user_progress', 'concept_mastery', 'sessions']) {
      const left = await db.knex(t).where(t === 'users' ? { id: gone.id } : { user_id: gone.id }).count<{ n: number }[]>({ n: '*' });
      expect(left[0]?.n).toBe(0);
    }
  });

  it('deleting a module cascades to its concepts, conversations and their messages', async () => {
    const { mod } = await seedCurriculum();
    const u = await insertUser(db.knex, { email: 'a@school.test', hashedPassword: 'h', name: 'A', role: 'learner' });
    const conv = await insertConversation(db.knex, { userId: u.id, moduleId: mod.id, title: 't' });
    await insertMessage(db.knex, { conversationId: conv.id, role: 'user', content: 'hi' });
    await db.knex('modules').where({ id: mod.id }).delete();
    const counts = await countRows(db.knex);
    expect([counts.module_concepts, counts.conversations, counts.messages]).toEqual([0, 0, 0]);
    expect(counts.users).toBe(1);
  });

  it('refuses a child whose parent does not exist, storing nothing', async () => {
    await expectConstraint(() => insertSurvey(db.knex, 999, answers, null), 'invalid_reference');
    await expectConstraint(() => insertConversation(db.knex, { userId: 999, moduleId: 999, title: 't' }), 'invalid_reference');
    await expectConstraint(() => insertMessage(db.knex, { conversationId: 999, role: 'user', content: 'x' }), 'invalid_reference');
    const { mod } = await seedCurriculum();
    await expectConstraint(
      () =>
        upsertMastery(db.knex, { userId: 999, conceptId: 999, mastery: 0, attempts: 0, hintsUsed: 0, evidence: [], masteredAt: null }),
      'invalid_reference',
    );
    await expectConstraint(
      () =>
        insertMemory(db.knex, {
          userId: 999,
          moduleId: mod.id,
          conversationId: null,
          source: 'tutor',
          whatLearned: 'w',
          howLearned: '',
          keyConcepts: [],
          understandingLevel: 'emerging',
          learningInsights: '',
          teachingEffectiveness: '',
        }),
      'invalid_reference',
    );
  });

  it('allows one account per email, compared case-insensitively', async () => {
    await insertUser(db.knex, { email: 'Ada@School.test', hashedPassword: 'h', name: 'Ada', role: 'learner' });
    expect((await findUserByEmail(db.knex, 'ADA@school.TEST'))?.name).toBe('Ada');
    await expectConstraint(
      () => insertUser(db.knex, { email: 'ada@school.test', hashedPassword: 'h', name: 'Other', role: 'learner' }),
      'duplicate',
    );
    // Even bypassing the repository's normalisation, the column's collation refuses it.
    await expectConstraint(
      () =>
        guardConstraints(() =>
          db.knex('users').insert({
            email: 'ADA@SCHOOL.TEST',
            hashed_password: 'h',
            name: 'Raw',
            created_at: '2026-01-01T00:00:00.000Z',
            updated_at: '2026-01-01T00:00:00.000Z',
          }),
        ),
      'duplicate',
    );
  });

  it('allows one survey per user, one progress row per module, one mastery row per concept, one slug per module', async () => {
    const { mod, concept } = await seedCurriculum();
    const u = await insertUser(db.knex, { email: 'b@school.test', hashedPassword: 'h', name: 'B', role: 'learner' });
    await insertSurvey(db.knex, u.id, answers, null);
    await expectConstraint(() => insertSurvey(db.knex, u.id, answers, null), 'duplicate');
    const progressRow = {
      user_id: u.id,
      module_id: mod.id,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    };
    await db.knex('user_progress').insert(progressRow);
    await expectConstraint(() => guardConstraints(() => db.knex('user_progress').insert(progressRow)), 'duplicate');
    const masteryRow = { user_id: u.id, concept_id: concept.id, evidence: '[]', updated_at: '2026-01-01T00:00:00.000Z' };
    await db.knex('concept_mastery').insert(masteryRow);
    await expectConstraint(() => guardConstraints(() => db.knex('concept_mastery').insert(masteryRow)), 'duplicate');
    await expectConstraint(
      () =>
        insertConcept(db.knex, mod.id, {
          slug: concept.slug,
          title: 'Again',
          sortOrder: 1,
          explanation: 'E',
          guidingQuestions: [],
          hints: [],
          keyTerms: [],
          misconceptions: [],
          checkQuestion: 'Q?',
          checkTerms: [],
          examplePrompt: 'X',
        }),
      'duplicate',
    );
  });

  it.each([
    ['users', 'role', 'superuser'],
    ['onboarding_surveys', 'learning_style', 'telepathic'],
    ['onboarding_surveys', 'preferred_pace', 'warp'],
    ['onboarding_surveys', 'interaction_preference', 'lectures'],
    ['onboarding_surveys', 'familiarity', 'expert'],
    ['onboarding_surveys', 'motivation_level', 'extreme'],
    ['onboarding_surveys', 'time_availability', 'always'],
    ['modules', 'difficulty_level', 'impossible'],
    ['user_progress', 'mastery_level', 'grandmaster'],
    ['memory_summaries', 'understanding_level', 'omniscient'],
    ['memory_summaries', 'source', 'rumour'],
    ['conversations', 'status', 'paused'],
    ['messages', 'role', 'narrator'],
  ])('refuses %s.%s = %s as an invalid value', async (table, column, value) => {
    const { mod } = await seedCurriculum();
    const u = await insertUser(db.knex, { email: 'c@school.test', hashedPassword: 'h', name: 'C', role: 'learner' });
    await insertSurvey(db.knex, u.id, answers, null);
    const conv = await insertConversation(db.knex, { userId: u.id, moduleId: mod.id, title: 't' });
    const msg = await insertMessage(db.knex, { conversationId: conv.id, role: 'user', content: 'x' });
    const mem = await insertMemory(db.knex, {
      userId: u.id,
      moduleId: mod.id,
      conversationId: conv.id,
      source: 'tutor',
      whatLearned: 'w',
      howLearned: '',
      keyConcepts: [],
      understandingLevel: 'emerging',
      learningInsights: '',
      teachingEffectiveness: '',
    });
    const prog = await upsertProgress(db.knex, u.id, mod.id, {
      completionPercentage: 0,
      masteryLevel: 'beginner',
      isCompleted: false,
      completionDate: null,
      timeSpentSeconds: 0,
      totalConversations: 0,
      totalMessages: 0,
      questionsAsked: 0,
      hintsUsed: 0,
      currentFocus: null,
      lastActivityAt: null,
    });
    const ids: Record<string, number> = {
      users: u.id,
      onboarding_surveys: (await db.knex('onboarding_surveys').first('id')).id as number,
      modules: mod.id,
      user_progress: prog.id,
      memory_summaries: mem.id,
      conversations: conv.id,
      messages: msg.id,
    };
    const before = await db.knex(table).where({ id: ids[table] }).first();
    await expectConstraint(
      () => guardConstraints(() => db.knex(table).where({ id: ids[table] }).update({ [column]: value })),
      'invalid_value',
    );
    expect(await db.knex(table).where({ id: ids[table] }).first()).toEqual(before);
  });

  it('refuses a timestamp without an explicit UTC zone and JSON that is not JSON', async () => {
    await expectConstraint(
      () =>
        guardConstraints(() =>
          db.knex('users').insert({ email: 'd@school.test', hashed_password: 'h', name: 'D', created_at: '2026-01-01 10:00', updated_at: '2026-01-01 10:00' }),
        ),
      'invalid_value',
    );
    await expectConstraint(
      () => guardConstraints(() => db.knex('app_settings').insert({ key: 'x', value: '{not json', updated_at: '2026-01-01T00:00:00.000Z' })),
      'invalid_value',
    );
  });
});
