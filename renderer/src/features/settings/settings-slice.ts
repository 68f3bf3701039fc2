/** The settings slice: the app's settings (admins change them; everyone may read them). */
import type { AppSettings } from '../../../../src/shared/domain.ts';
import { t } from '../../i18n/index.ts';
import { call } from '../../store/call.ts';
import type { LoadStatus, SliceCreator } from '../../store/types.ts';
import { settingsService } from './settings-service.ts';

export interface SettingsState {
  appSettings: AppSettings | null;
  appSettingsStatus: LoadStatus;
}

export interface SettingsSlice extends SettingsState {
  loadAppSettings(): Promise<void>;
  updateAppSettings(patch: Partial<AppSettings>): Promise<boolean>;
}

export const initialSettingsState = (): SettingsState => ({ appSettings: null, appSettingsStatus: 'idle' });

export const createSettingsSlice: SliceCreator<SettingsSlice> = (set, get) => ({
  ...initialSettingsState(),

  async loadAppSettings() {
    set({ appSettingsStatus: 'loading' });
    const out = await call(get, settingsService.get());
    set(out ? { appSettings: out.settings, appSettingsStatus: 'ready' } : { appSettingsStatus: 'error' });
  },

  async updateAppSettings(patch) {
    const out = await call(get, settingsService.update(patch));
    if (!out) return false;
    set({ appSettings: out.settings });
    get().notify('success', t.settings.settingsSaved);
    await get().refreshAppInfo();
    return true;
  },
});
