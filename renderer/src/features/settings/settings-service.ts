/** The IPC calls behind the settings slice (app settings; profile and password are in auth). */
import type { AppSettings } from '../../../../src/shared/domain.ts';
import { invoke } from '../../ipc/client.ts';

export const settingsService = {
  get: () => invoke('settings:get', {}),
  update: (patch: Partial<AppSettings>) => invoke('settings:update', { patch }),
};
