/** The IPC calls behind the onboarding slice. */
import type { ChannelInput } from '../../../../src/shared/contract/index.ts';
import { invoke } from '../../ipc/client.ts';

export const onboardingService = {
  get: () => invoke('onboarding:get', {}),
  save: (input: ChannelInput<'onboarding:save'>) => invoke('onboarding:save', input),
};
