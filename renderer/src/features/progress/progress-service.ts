/** The IPC calls behind the progress slice. */
import { invoke } from '../../ipc/client.ts';

export const progressService = {
  overview: () => invoke('progress:overview', {}),
  module: (moduleId: number) => invoke('progress:module', { moduleId }),
};
