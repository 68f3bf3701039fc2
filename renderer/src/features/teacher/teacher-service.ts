/** The IPC calls behind the teacher slice: class views, accounts, authoring, packs. */
import type { ChannelInput } from '../../../../src/shared/contract/index.ts';
import type { Role } from '../../../../src/shared/domain.ts';
import { invoke } from '../../ipc/client.ts';

export type ModulePatch = ChannelInput<'modules:update'>['patch'];
export type ModuleContent = ChannelInput<'modules:create'>;
export type ConceptContent = Omit<ChannelInput<'concepts:create'>, 'moduleId'>;
export type ConceptPatch = ChannelInput<'concepts:update'>['patch'];

export const teacherService = {
  classGrid: () => invoke('progress:classGrid', {}),
  classGridCsv: () => invoke('progress:classGridCsv', {}),
  learner: (userId: number) => invoke('progress:learner', { userId }),
  learnerModule: (userId: number, moduleId: number) => invoke('progress:module', { userId, moduleId }),
  learnerMessages: (conversationId: number, before?: number) =>
    invoke('messages:list', before === undefined ? { conversationId, limit: 100 } : { conversationId, before, limit: 100 }),

  listUsers: (role?: Role) => invoke('users:list', role ? { role } : {}),
  createUser: (input: ChannelInput<'users:create'>) => invoke('users:create', input),
  setActive: (userId: number, isActive: boolean) => invoke('users:setActive', { userId, isActive }),
  resetPassword: (userId: number, newPassword: string) => invoke('users:resetPassword', { userId, newPassword }),
  unlock: (userId: number) => invoke('users:unlock', { userId }),

  listModules: () => invoke('modules:list', { includeRetired: true }),
  getModule: (id: number) => invoke('modules:get', { id }),
  createModule: (input: ModuleContent) => invoke('modules:create', input),
  updateModule: (id: number, patch: ModulePatch) => invoke('modules:update', { id, patch }),
  reorderModules: (moduleIds: number[]) => invoke('modules:reorder', { moduleIds }),
  createConcept: (moduleId: number, input: ConceptContent) => invoke('concepts:create', { ...input, moduleId }),
  updateConcept: (id: number, patch: ConceptPatch) => invoke('concepts:update', { id, patch }),
  deleteConcept: (id: number) => invoke('concepts:delete', { id }),

  listPacks: () => invoke('modules:listPacks', {}),
  exportPack: (packKey: string) => invoke('modules:exportPack', { packKey }),
  importPack: (pack: unknown) => invoke('modules:importPack', { pack }),
};
