/** Repository: onboarding_surveys (one per user). */
import {
  familiaritySchema,
  interactionPreferenceSchema,
  learningStyleSchema,
  motivationLevelSchema,
  paceSchema,
  timeAvailabilitySchema,
  type OnboardingAnswers,
  type OnboardingSurvey,
} from '../../src/shared/domain.ts';
import { z } from 'zod';
import {
  guardConstraints,
  nowIso,
  num,
  oneOfOrNull,
  parseNullableJsonColumn,
  str,
  strOrNull,
  toJson,
  type Db,
  type Row,
} from './row-mapping.ts';

const priorExperienceSchema = z.array(z.string());

export function mapSurvey(row: Row): OnboardingSurvey {
  return {
    id: num(row, 'id'),
    userId: num(row, 'user_id'),
    learningStyle: oneOfOrNull(row, 'learning_style', learningStyleSchema.options),
    priorExperience:
      parseNullableJsonColumn(priorExperienceSchema, row.prior_experience, 'onboarding_surveys.prior_experience') ?? [],
    goals: strOrNull(row, 'goals'),
    preferredPace: oneOfOrNull(row, 'preferred_pace', paceSchema.options),
    interactionPreference: oneOfOrNull(row, 'interaction_preference', interactionPreferenceSchema.options),
    backgroundInfo: strOrNull(row, 'background_info'),
    motivationLevel: oneOfOrNull(row, 'motivation_level', motivationLevelSchema.options),
    timeAvailability: oneOfOrNull(row, 'time_availability', timeAvailabilitySchema.options),
    reason: strOrNull(row, 'reason'),
    familiarity: oneOfOrNull(row, 'familiarity', familiaritySchema.options),
    ageOrGrade: strOrNull(row, 'age_or_grade'),
    learningNotes: strOrNull(row, 'learning_notes'),
    completedAt: strOrNull(row, 'completed_at'),
    createdAt: str(row, 'created_at'),
    updatedAt: str(row, 'updated_at'),
  };
}

function surveyColumns(answers: OnboardingAnswers): Row {
  return {
    learning_style: answers.learningStyle,
    prior_experience: toJson(answers.priorExperience),
    goals: answers.goals,
    preferred_pace: answers.preferredPace,
    interaction_preference: answers.interactionPreference,
    background_info: answers.backgroundInfo,
    motivation_level: answers.motivationLevel,
    time_availability: answers.timeAvailability,
    reason: answers.reason,
    familiarity: answers.familiarity,
    age_or_grade: answers.ageOrGrade,
    learning_notes: answers.learningNotes,
  };
}

export async function findSurveyByUser(db: Db, userId: number): Promise<OnboardingSurvey | null> {
  const row = (await db('onboarding_surveys').where({ user_id: userId }).first()) as Row | undefined;
  return row ? mapSurvey(row) : null;
}

function insertSurveyQuery(db: Db, userId: number, answers: OnboardingAnswers, completedAt: string | null, now: string) {
  return db('onboarding_surveys').insert({
    user_id: userId,
    ...surveyColumns(answers),
    completed_at: completedAt,
    created_at: now,
    updated_at: now,
  });
}

/** Inserts the user's survey; a second survey for the same user is a duplicate. */
export async function insertSurvey(
  db: Db,
  userId: number,
  answers: OnboardingAnswers,
  completedAt: string | null,
): Promise<OnboardingSurvey> {
  const [row] = await guardConstraints(() => insertSurveyQuery(db, userId, answers, completedAt, nowIso()).returning('*'));
  return mapSurvey(row as Row);
}

/** Creates or replaces the user's survey answers. */
export async function upsertSurvey(
  db: Db,
  userId: number,
  answers: OnboardingAnswers,
  completedAt: string | null,
): Promise<OnboardingSurvey> {
  const now = nowIso();
  const [row] = await guardConstraints(() =>
    insertSurveyQuery(db, userId, answers, completedAt, now)
      .onConflict('user_id')
      .merge({ ...surveyColumns(answers), completed_at: completedAt, updated_at: now })
      .returning('*'),
  );
  return mapSurvey(row as Row);
}
