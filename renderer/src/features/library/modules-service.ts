/** The IPC calls behind the modules slice (learner side of the curriculum). */
import { invoke } from '../../ipc/client.ts';

export const modulesService = {
  list: () => invoke('modules:list', {}),
  get: (id: number) => invoke('modules:get', { id }),
};
