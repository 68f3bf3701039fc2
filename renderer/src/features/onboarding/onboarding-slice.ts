/**
 * The onboarding slice: the learner's survey. The wizard shows until a survey is completed
 * (finished or skipped); afterwards it is edited from Settings.
 */
import type { OnboardingAnswers, OnboardingSurvey, User } from '../../../../src/shared/domain.ts';
import type { AppInfo } from '../auth/session-slice.ts';
import { t } from '../../i18n/index.ts';
import { call } from '../../store/call.ts';
import type { LoadStatus, SliceCreator } from '../../store/types.ts';
import { onboardingService } from './onboarding-service.ts';

export interface OnboardingState {
  survey: OnboardingSurvey | null;
  onboardingStatus: LoadStatus;
  onboardingSaving: boolean;
}

export interface OnboardingSlice extends OnboardingState {
  loadOnboarding(): Promise<void>;
  saveOnboarding(answers: OnboardingAnswers, completed: boolean, options?: { quiet?: boolean }): Promise<boolean>;
  /** Skip: saved as completed with every answer empty, so the wizard does not come back. */
  skipOnboarding(): Promise<boolean>;
}

export const initialOnboardingState = (): OnboardingState => ({ survey: null, onboardingStatus: 'idle', onboardingSaving: false });

/** The answers of a skipped survey: nothing claimed about the learner. */
export const emptyAnswers = (): OnboardingAnswers => ({
  learningStyle: null,
  priorExperience: [],
  goals: null,
  preferredPace: null,
  interactionPreference: null,
  backgroundInfo: null,
  motivationLevel: null,
  timeAvailability: null,
  reason: null,
  familiarity: null,
  ageOrGrade: null,
  learningNotes: null,
});

export function answersOf(survey: OnboardingSurvey | null): OnboardingAnswers {
  if (!survey) return emptyAnswers();
  const a = emptyAnswers();
  for (const key of Object.keys(a) as (keyof OnboardingAnswers)[]) (a as Record<string, unknown>)[key] = survey[key];
  return a;
}

export const createOnboardingSlice: SliceCreator<OnboardingSlice> = (set, get) => ({
  ...initialOnboardingState(),

  async loadOnboarding() {
    set({ onboardingStatus: 'loading' });
    const out = await call(get, onboardingService.get());
    set(out ? { survey: out.survey, onboardingStatus: 'ready' } : { onboardingStatus: 'error' });
  },

  async saveOnboarding(answers, completed, options = {}) {
    set({ onboardingSaving: true });
    const out = await call(get, onboardingService.save({ ...answers, completed }));
    set({ onboardingSaving: false });
    if (!out) return false;
    set({ survey: out.survey, onboardingStatus: 'ready' });
    if (completed && !options.quiet) get().notify('success', t.onboarding.saved);
    return true;
  },

  skipOnboarding() {
    return get().saveOnboarding(emptyAnswers(), true, { quiet: true });
  },
});

/**
 * The wizard shows while a learner has no completed survey. Teachers and a classroom's admin
 * are not asked how they like to learn; the admin of a personal install is the learner.
 */
export function needsOnboarding(s: {
  user: Pick<User, 'role'> | null;
  appInfo: Pick<AppInfo, 'usageMode'> | null;
  onboardingStatus: LoadStatus;
  survey: OnboardingSurvey | null;
}): boolean {
  if (!s.user) return false;
  const learns = s.user.role === 'learner' || (s.user.role === 'admin' && s.appInfo?.usageMode === 'personal');
  return learns && s.onboardingStatus === 'ready' && (s.survey === null || s.survey.completedAt === null);
}
