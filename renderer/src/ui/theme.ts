/**
 * The theme is a preference of this machine's browser profile, not of an account, so it
 * lives in localStorage (never in main). "system" follows prefers-color-scheme through CSS.
 */
export type ThemePreference = 'light' | 'dark' | 'system';
const KEY = 'harv.theme';

export function readStoredTheme(): ThemePreference {
  try {
    const v = globalThis.localStorage?.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function storeTheme(theme: ThemePreference): void {
  try {
    globalThis.localStorage?.setItem(KEY, theme);
  } catch {
    // Storage can be unavailable (private mode, quota); the theme then lasts this session.
  }
}

export function applyTheme(theme: ThemePreference): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.theme = theme;
}
