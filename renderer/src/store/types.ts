/**
 * The combined store's shape and the slice-creator type (zustand's slices guide): each
 * slice sees the whole store through `get`, so actions can reach across slices (sign-out
 * resets everything; any action reports errors through the ui slice).
 */
import type { StateCreator } from 'zustand';
import type { SessionSlice } from '../features/auth/session-slice.ts';
import type { OnboardingSlice } from '../features/onboarding/onboarding-slice.ts';
import type { ModulesSlice } from '../features/library/modules-slice.ts';
import type { TutorSlice } from '../features/tutor/tutor-slice.ts';
import type { MemorySlice } from '../features/memory/memory-slice.ts';
import type { ProgressSlice } from '../features/progress/progress-slice.ts';
import type { TeacherSlice } from '../features/teacher/teacher-slice.ts';
import type { SettingsSlice } from '../features/settings/settings-slice.ts';
import type { UiSlice } from '../ui/ui-slice.ts';

export interface ResetSlice {
  /** Sign-out and switch user: every slice back to its initial state (app info and theme stay). */
  resetAll(): void;
}

export type AppState = SessionSlice &
  OnboardingSlice &
  ModulesSlice &
  TutorSlice &
  MemorySlice &
  ProgressSlice &
  TeacherSlice &
  SettingsSlice &
  UiSlice &
  ResetSlice;

export type SliceCreator<T> = StateCreator<AppState, [], [], T>;
export type GetState = () => AppState;
export type SetState = Parameters<SliceCreator<unknown>>[0];

/** 'idle' before the first load, so a screen can tell "not loaded" from "loaded, empty". */
export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
