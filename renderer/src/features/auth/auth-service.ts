/** The IPC calls behind the session slice: first run, sign-in, sign-up, sign-out, account. */
import type { ChannelInput } from '../../../../src/shared/contract/index.ts';
import { invoke } from '../../ipc/client.ts';

export const authService = {
  appInfo: () => invoke('app:info', {}),
  setup: (input: ChannelInput<'app:setup'>) => invoke('app:setup', input),
  session: () => invoke('auth:session', {}),
  login: (email: string, password: string) => invoke('auth:login', { email, password }),
  register: (input: ChannelInput<'auth:register'>) => invoke('auth:register', input),
  logout: () => invoke('auth:logout', {}),
  updateProfile: (patch: ChannelInput<'users:update'>) => invoke('users:update', patch),
  exportMyData: () => invoke('users:exportMyData', {}),
  changePassword: (currentPassword: string, newPassword: string) => invoke('auth:changePassword', { currentPassword, newPassword }),
};
