/**
 * The ui slice: which screen is open, the alert region's messages and the theme. Every error
 * from main lands here through `reportError`, so the user meets them in one place.
 */
import type { AppError } from '../../../src/shared/contract/index.ts';
import { t } from '../i18n/index.ts';
import type { SliceCreator } from '../store/types.ts';
import { applyTheme, readStoredTheme, storeTheme, type ThemePreference } from './theme.ts';

export type View =
  | { name: 'library' }
  | { name: 'tutor'; moduleId: number }
  | { name: 'memory' }
  | { name: 'progress' }
  | { name: 'settings' }
  | { name: 'onboarding-edit' }
  | { name: 'teacher-grid' }
  | { name: 'teacher-learner'; userId: number }
  | { name: 'teacher-accounts' }
  | { name: 'teacher-modules' }
  | { name: 'teacher-packs' };

export type ToastKind = 'error' | 'success' | 'info';
export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  /** A second line: field messages, when to retry. */
  details: string[];
}

export interface UiState {
  view: View;
  toasts: Toast[];
  theme: ThemePreference;
}

export interface UiSlice extends UiState {
  navigate(view: View): void;
  notify(kind: ToastKind, message: string, details?: string[]): void;
  dismissToast(id: number): void;
  reportError(error: AppError): void;
  setTheme(theme: ThemePreference): void;
}

/** Errors stay until dismissed (no time limit to read them); others fade after a while. */
const INFO_TIMEOUT_MS = 6000;
const MAX_TOASTS = 4;
let nextToastId = 1;

export const initialUiState = (): Omit<UiState, 'theme'> => ({ view: { name: 'library' }, toasts: [] });

/** A field's key as people say it: `admin.newPassword` → "New password". */
export function fieldLabel(field: string): string {
  const words = (field.split('.').at(-1) ?? field).replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function describeError(error: AppError): { message: string; details: string[] } {
  // An unknown channel means this build of main lacks a feature; its raw message names
  // the channel, which says nothing useful to a learner.
  const message = error.code === 'UNKNOWN_CHANNEL' ? t.errors.notAvailable : error.message.trim() || t.errors.byCode[error.code];
  const details: string[] = [];
  for (const [field, messages] of Object.entries(error.fields ?? {})) {
    details.push(field === '(input)' ? messages.join(' ') : t.errors.fieldLine(fieldLabel(field), messages.join(' ')));
  }
  if (error.retryAfterSeconds) details.push(t.errors.retryAfter(error.retryAfterSeconds));
  return { message, details };
}

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  ...initialUiState(),
  theme: readStoredTheme(),

  navigate(view) {
    set({ view });
  },

  notify(kind, message, details = []) {
    const toast: Toast = { id: nextToastId++, kind, message, details };
    set((s) => ({ toasts: [...s.toasts, toast].slice(-MAX_TOASTS) }));
    if (kind !== 'error') setTimeout(() => get().dismissToast(toast.id), INFO_TIMEOUT_MS);
  },

  dismissToast(id) {
    set((s) => ({ toasts: s.toasts.filter((x) => x.id !== id) }));
  },

  reportError(error) {
    // A session that ended while signed in (idle timeout, account deactivated): nothing of
    // the user's may stay on screen, so everything resets before the message shows.
    if (error.code === 'UNAUTHENTICATED' && get().user !== null) {
      get().resetAll();
      get().notify('error', t.errors.sessionEnded);
      return;
    }
    const { message, details } = describeError(error);
    get().notify('error', message, details);
  },

  setTheme(theme) {
    storeTheme(theme);
    applyTheme(theme);
    set({ theme });
  },
});
