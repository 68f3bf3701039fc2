/**
 * A realistic small classroom, written with plain SQL so it can fill a database at any step
 * of the migration chain: whatever tables exist at that step get rows.
 */
import type { Knex } from 'knex';

const T = '2026-09-01T08:00:00.000Z';

async function hasTable(knex: Knex, name: string): Promise<boolean> {
  return knex.schema.hasTable(name);
}

/** Inserts rows into every existing table; `tag` keeps repeated fills distinct. Returns rows added per table. */
export async function fillClassroom(knex: Knex, tag: string, learners = 3): Promise<Record<string, number>> {
  const added: Record<string, number> = {};
  const bump = (t: string, n = 1) => (added[t] = (added[t] ?? 0) + n);
  const userIds: number[] = [];
  if (await hasTable(knex, 'users')) {
    for (let i = 0; i < learners; i++) {
      const [row] = await knex('users')
        .insert({
          email: `learner${i}.${tag}@school.test`,
          hashed_password: '$2b$04$abcdefghijklmnopqrstuuJ5oE7nq4D5vWw7mW1J5mQ1b6a1m6H2C',
          name: `Learner ${i} ${tag}`,
          role: i === 0 ? 'teacher' : 'learner',
          onboarding_data: JSON.stringify({ goals: 'understand media' }),
          created_at: T,
          updated_at: T,
        })
        .returning('id');
      userIds.push((row as { id: number }).id);
      bump('users');
    }
    for (const id of userIds) {
      await knex('onboarding_surveys').insert({
        user_id: id,
        learning_style: 'visual',
        prior_experience: JSON.stringify(['high school media class']),
        goals: 'Pass the course',
        preferred_pace: 'medium',
        interaction_preference: 'questions',
        background_info: 'First-year student',
        motivation_level: 'high',
        time_availability: '1_3h',
        created_at: T,
        updated_at: T,
      });
      bump('onboarding_surveys');
      await knex('sessions').insert({
        token_hash: `hash-${tag}-${id}`,
        user_id: id,
        created_at: T,
        expires_at: '2026-10-01T08:00:00.000Z',
        last_seen_at: T,
      });
      bump('sessions');
    }
    await knex('app_settings').insert({ key: `fixture-${tag}`, value: JSON.stringify(true), updated_at: T });
    bump('app_settings');
  }
  if (await hasTable(knex, 'content_packs')) {
    const [pack] = await knex('content_packs')
      .insert({ pack_key: `pack.${tag}`, title: 'Fixture pack', version: '1.0.0', language: 'en', imported_at: T })
      .returning('id');
    bump('content_packs');
    const packId = (pack as { id: number }).id;
    for (let m = 0; m < 2; m++) {
      const [mod] = await knex('modules')
        .insert({
          pack_id: packId,
          slug: `module-${m}`,
          title: `Module ${m}`,
          learning_objectives: JSON.stringify(['a', 'b', 'c']),
          resources: '[]',
          mastery_triggers: '[]',
          confusion_triggers: '[]',
          prerequisites: '[]',
          created_at: T,
          updated_at: T,
        })
        .returning('id');
      bump('modules');
      const moduleId = (mod as { id: number }).id;
      for (let c = 0; c < 2; c++) {
        await knex('module_concepts').insert({
          module_id: moduleId,
          slug: `concept-${c}`,
          title: `Concept ${c}`,
          explanation: 'An idea',
          guiding_questions: '[]',
          hints: '[]',
          key_terms: '[]',
          misconceptions: '[]',
          check_question: 'Why?',
          check_terms: '[]',
          example_prompt: 'Imagine',
          created_at: T,
          updated_at: T,
        });
        bump('module_concepts');
      }
    }
  }
  if ((await hasTable(knex, 'conversations')) && userIds.length > 0) {
    const modules = (await knex('modules').select('id')) as { id: number }[];
    const concepts = (await knex('module_concepts').select('id')) as { id: number }[];
    for (const userId of userIds) {
      for (const { id: moduleId } of modules.slice(0, 2)) {
        const [conv] = await knex('conversations')
          .insert({ user_id: userId, module_id: moduleId, title: 'Chat', created_at: T, updated_at: T })
          .returning('id');
        bump('conversations');
        const conversationId = (conv as { id: number }).id;
        for (let k = 0; k < 4; k++) {
          await knex('messages').insert({
            conversation_id: conversationId,
            role: k % 2 === 0 ? 'assistant' : 'user',
            content: `message ${k}`,
            created_at: T,
          });
          bump('messages');
        }
        await knex('memory_summaries').insert({
          user_id: userId,
          module_id: moduleId,
          conversation_id: conversationId,
          what_learned: 'Something',
          key_concepts: '[]',
          understanding_level: 'developing',
          created_at: T,
          updated_at: T,
        });
        bump('memory_summaries');
        await knex('user_progress')
          .insert({ user_id: userId, module_id: moduleId, completion_percentage: 50, created_at: T, updated_at: T })
          .onConflict(['user_id', 'module_id'])
          .ignore();
        bump('user_progress');
      }
      for (const { id: conceptId } of concepts.slice(0, 2)) {
        await knex('concept_mastery')
          .insert({ user_id: userId, concept_id: conceptId, mastery: 0.5, evidence: '[]', updated_at: T })
          .onConflict(['user_id', 'concept_id'])
          .ignore();
        bump('concept_mastery');
      }
    }
  }
  return added;
}

export const APP_TABLES = [
  'users',
  'onboarding_surveys',
  'sessions',
  'app_settings',
  'content_packs',
  'modules',
  'module_concepts',
  'conversations',
  'messages',
  'memory_summaries',
  'user_progress',
  'concept_mastery',
] as const;

export async function countRows(knex: Knex): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of APP_TABLES) {
    if (!(await knex.schema.hasTable(t))) continue;
    const row = (await knex(t).count<{ n: number }[]>({ n: '*' }))[0];
    out[t] = row?.n ?? 0;
  }
  return out;
}
