/**
 * The one store, built from typed slices (zustand's slices pattern). `resetAll` puts every
 * slice back to its initial state on sign-out and switch user, so nothing of the previous
 * person survives in memory or on screen. Only what describes the machine — app info and
 * this browser's theme — is kept.
 */
import { create } from 'zustand';
import { createSessionSlice, initialSessionState } from '../features/auth/session-slice.ts';
import { createOnboardingSlice, initialOnboardingState } from '../features/onboarding/onboarding-slice.ts';
import { createModulesSlice, initialModulesState } from '../features/library/modules-slice.ts';
import { createTutorSlice, initialTutorState } from '../features/tutor/tutor-slice.ts';
import { createMemorySlice, initialMemoryState } from '../features/memory/memory-slice.ts';
import { createProgressSlice, initialProgressState } from '../features/progress/progress-slice.ts';
import { createTeacherSlice, initialTeacherState } from '../features/teacher/teacher-slice.ts';
import { createSettingsSlice, initialSettingsState } from '../features/settings/settings-slice.ts';
import { createUiSlice, initialUiState } from '../ui/ui-slice.ts';
import type { AppState } from './types.ts';

/** Every slice's per-user state, fresh. */
export function initialUserState() {
  return {
    ...initialSessionState(),
    ...initialOnboardingState(),
    ...initialModulesState(),
    ...initialTutorState(),
    ...initialMemoryState(),
    ...initialProgressState(),
    ...initialTeacherState(),
    ...initialSettingsState(),
    ...initialUiState(),
  };
}

export const useAppStore = create<AppState>()((...a) => {
  const [set] = a;
  return {
    ...createSessionSlice(...a),
    ...createOnboardingSlice(...a),
    ...createModulesSlice(...a),
    ...createTutorSlice(...a),
    ...createMemorySlice(...a),
    ...createProgressSlice(...a),
    ...createTeacherSlice(...a),
    ...createSettingsSlice(...a),
    ...createUiSlice(...a),
    resetAll() {
      set(initialUserState());
    },
  };
});

/** The pristine store, captured once, for tests (zustand's testing guide). */
const pristine = useAppStore.getState();

/** Tests: back to a fresh store, app info and theme included. */
export function resetStoreForTests(): void {
  useAppStore.setState(pristine, true);
}
