/** The IPC calls behind the memory slice. */
import type { ChannelInput } from '../../../../src/shared/contract/index.ts';
import { invoke } from '../../ipc/client.ts';

export type MemoryPatch = ChannelInput<'memory:update'>['patch'];

export const memoryService = {
  list: () => invoke('memory:list', {}),
  update: (id: number, patch: MemoryPatch) => invoke('memory:update', { id, patch }),
  remove: (id: number) => invoke('memory:delete', { id }),
};
