/** Handlers: the onboarding survey. The raw answers are also kept on the user (users.onboarding_data). */
import type { OnboardingAnswers } from '../../../src/shared/domain.ts';
import { findSurveyByUser, upsertSurvey } from '../../repositories/onboarding.ts';
import { updateUser } from '../../repositories/users.ts';
import { requireUser, type PartialHandlerMap } from '../dispatcher.ts';

export const onboardingHandlers: PartialHandlerMap = {
  'onboarding:get': {
    tx: 'read',
    async handle(ctx) {
      return { survey: await findSurveyByUser(ctx.db, requireUser(ctx).id) };
    },
  },

  'onboarding:save': {
    tx: 'write',
    leavesAccountsAlone: true,
    async handle(ctx, input) {
      const me = requireUser(ctx);
      const previous = await findSurveyByUser(ctx.db, me.id);
      const blank = (v: string | null | undefined) => (v === undefined ? undefined : v === null || v === '' ? null : v);
      // Fields left out keep their earlier answer; a skipped wizard stores sensible nulls.
      const answers: OnboardingAnswers = {
        learningStyle: input.learningStyle !== undefined ? input.learningStyle : (previous?.learningStyle ?? null),
        priorExperience: input.priorExperience ?? previous?.priorExperience ?? [],
        goals: blank(input.goals) !== undefined ? (blank(input.goals) ?? null) : (previous?.goals ?? null),
        preferredPace: input.preferredPace !== undefined ? input.preferredPace : (previous?.preferredPace ?? null),
        interactionPreference:
          input.interactionPreference !== undefined ? input.interactionPreference : (previous?.interactionPreference ?? null),
        backgroundInfo:
          blank(input.backgroundInfo) !== undefined ? (blank(input.backgroundInfo) ?? null) : (previous?.backgroundInfo ?? null),
        motivationLevel: input.motivationLevel !== undefined ? input.motivationLevel : (previous?.motivationLevel ?? null),
        timeAvailability: input.timeAvailability !== undefined ? input.timeAvailability : (previous?.timeAvailability ?? null),
        reason: blank(input.reason) !== undefined ? (blank(input.reason) ?? null) : (previous?.reason ?? null),
        familiarity: input.familiarity !== undefined ? input.familiarity : (previous?.familiarity ?? null),
        ageOrGrade: blank(input.ageOrGrade) !== undefined ? (blank(input.ageOrGrade) ?? null) : (previous?.ageOrGrade ?? null),
        learningNotes:
          blank(input.learningNotes) !== undefined ? (blank(input.learningNotes) ?? null) : (previous?.learningNotes ?? null),
      };
      const completedAt = input.completed
        ? (previous?.completedAt ?? new Date(ctx.services.now()).toISOString())
        : (previous?.completedAt ?? null);
      const survey = await upsertSurvey(ctx.db, me.id, answers, completedAt);
      await updateUser(ctx.db, me.id, { onboardingData: answers });
      return { survey };
    },
  },
};
