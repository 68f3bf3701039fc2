/** Handlers: the onboarding survey. The raw answers are also kept on the user (users.onboarding_data). */
import type { OnboardingAnswers } from '../../../src/shared/domain.ts';
import { findSurveyByUser, upsertSurvey } from '../../repositories/onboarding.ts';
import { updateUser } from '../../repositories/users.ts';
import { requireUser, type PartialHandlerMap } from '../dispatcher.ts';

/** The answer given, or — when the field was left out — the earlier one. */
function keep<T>(given: T | null | undefined, earlier: T | null | undefined): T | null {
  return given !== undefined ? given : (earlier ?? null);
}

/** The same for free text, where an emptied field means "no answer". */
function keepText(given: string | null | undefined, earlier: string | null | undefined): string | null {
  return keep(given === '' ? null : given, earlier);
}

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
      // Fields left out keep their earlier answer; a skipped wizard stores sensible nulls.
      const answers: OnboardingAnswers = {
        learningStyle: keep(input.learningStyle, previous?.learningStyle),
        priorExperience: input.priorExperience ?? previous?.priorExperience ?? [],
        goals: keepText(input.goals, previous?.goals),
        preferredPace: keep(input.preferredPace, previous?.preferredPace),
        interactionPreference: keep(input.interactionPreference, previous?.interactionPreference),
        backgroundInfo: keepText(input.backgroundInfo, previous?.backgroundInfo),
        motivationLevel: keep(input.motivationLevel, previous?.motivationLevel),
        timeAvailability: keep(input.timeAvailability, previous?.timeAvailability),
        reason: keepText(input.reason, previous?.reason),
        familiarity: keep(input.familiarity, previous?.familiarity),
        ageOrGrade: keepText(input.ageOrGrade, previous?.ageOrGrade),
        learningNotes: keepText(input.learningNotes, previous?.learningNotes),
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
