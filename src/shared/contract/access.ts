/**
 * The role-by-channel table (DESIGN.md §4). The dispatcher checks it before a handler runs;
 * handlers then check ownership of each row.
 *
 * - public: no session needed (first run, sign-in, the session probe).
 * - signedIn: any active account; rows are the caller's own (teachers and admins may also
 *   read learners' learning data where the input names a userId).
 * - teacher: teachers and admins — class views, module authoring, learner accounts.
 * - admin: admins only — teacher and admin accounts, removal, roles, settings.
 *
 * Finer rules live with the handler and are listed here for the reader: teachers create,
 * deactivate, unlock and reset *learner* accounts; admins any account; the last active admin
 * can never be removed, deactivated or demoted.
 */
import type { Channel } from './channels.ts';
import type { Role } from '../domain.ts';

export type Access = 'public' | 'signedIn' | 'teacher' | 'admin';

export const channelAccess: Record<Channel, Access> = {
  'app:info': 'public',
  'app:setup': 'public',
  'auth:register': 'public',
  'auth:login': 'public',
  'auth:logout': 'public',
  'auth:session': 'public',
  'auth:changePassword': 'signedIn',
  'users:me': 'signedIn',
  'users:update': 'signedIn',
  'users:deleteSelf': 'signedIn',
  'users:exportMyData': 'signedIn',
  'users:list': 'teacher',
  'users:create': 'teacher',
  'users:setActive': 'teacher',
  'users:resetPassword': 'teacher',
  'users:unlock': 'teacher',
  'users:setRole': 'admin',
  'users:remove': 'admin',
  'onboarding:get': 'signedIn',
  'onboarding:save': 'signedIn',
  'modules:list': 'signedIn',
  'modules:get': 'signedIn',
  'modules:create': 'teacher',
  'modules:update': 'teacher',
  'modules:delete': 'teacher',
  'modules:reorder': 'teacher',
  'modules:listPacks': 'teacher',
  'modules:exportPack': 'teacher',
  'modules:importPack': 'teacher',
  'concepts:create': 'teacher',
  'concepts:update': 'teacher',
  'concepts:delete': 'teacher',
  'conversations:list': 'signedIn',
  'conversations:start': 'signedIn',
  'conversations:get': 'signedIn',
  'conversations:rename': 'signedIn',
  'conversations:finalize': 'signedIn',
  'conversations:delete': 'signedIn',
  'conversations:export': 'signedIn',
  'messages:list': 'signedIn',
  'messages:send': 'signedIn',
  'memory:list': 'signedIn',
  'memory:get': 'signedIn',
  'memory:update': 'signedIn',
  'memory:delete': 'signedIn',
  'memory:context': 'signedIn',
  'messages:context': 'signedIn',
  'progress:overview': 'signedIn',
  'progress:module': 'signedIn',
  'progress:classGrid': 'teacher',
  'progress:classGridCsv': 'teacher',
  'progress:learner': 'teacher',
  'settings:get': 'signedIn',
  'settings:update': 'admin',
};

export function roleMayCall(role: Role | null, access: Access): boolean {
  switch (access) {
    case 'public':
      return true;
    case 'signedIn':
      return role !== null;
    case 'teacher':
      return role === 'teacher' || role === 'admin';
    case 'admin':
      return role === 'admin';
  }
}

/** Which roles an account of `actor` may create, reset, deactivate or unlock. */
export function mayManageRole(actor: Role, target: Role): boolean {
  if (actor === 'admin') return true;
  return actor === 'teacher' && target === 'learner';
}
