/**
 * The teacher slice: the class grid, one learner's drilldown (read-only), learner accounts,
 * module and concept authoring, and content packs. Shown to teachers and admins.
 */
import type { ChannelInput, ChannelOutput, ModuleSummary } from '../../../../src/shared/contract/index.ts';
import type { ContentPackRecord, Concept, Message, Module, Role, User } from '../../../../src/shared/domain.ts';
import { t } from '../../i18n/index.ts';
import { call } from '../../store/call.ts';
import type { LoadStatus, SliceCreator } from '../../store/types.ts';
import { downloadText } from '../../ui/download.ts';
import { mergeMessages } from '../tutor/message-order.ts';
import { teacherService, type ConceptContent, type ConceptPatch, type ModuleContent, type ModulePatch } from './teacher-service.ts';

export type ClassGrid = ChannelOutput<'progress:classGrid'>;
export type LearnerDetail = ChannelOutput<'progress:learner'>;
export type ImportReport = ChannelOutput<'modules:importPack'>['report'];

export interface LearnerConversationState {
  conversationId: number;
  messages: Message[];
  hasMore: boolean;
  status: LoadStatus;
  loadingOlder: boolean;
}

export interface TeacherState {
  classGrid: ClassGrid | null;
  classGridStatus: LoadStatus;
  learnerDetail: LearnerDetail | null;
  learnerStatus: LoadStatus;
  learnerConversation: LearnerConversationState | null;
  learnerModuleProgress: Record<number, ChannelOutput<'progress:module'>>;
  users: User[];
  usersStatus: LoadStatus;
  usersRoleFilter: Role | null;
  /** How many accounts exist (admins in personal use see class views only once there are others). */
  accountCount: number | null;
  authoringModules: ModuleSummary[];
  authoringStatus: LoadStatus;
  editingModule: { module: Module; concepts: Concept[] } | null;
  editingStatus: LoadStatus;
  packs: ContentPackRecord[];
  packsStatus: LoadStatus;
  packReport: ImportReport | null;
  /** main is an older build without the pack channels (UNKNOWN_CHANNEL). */
  packsUnavailable: boolean;
  packBusy: boolean;
}

export interface TeacherSlice extends TeacherState {
  loadClassGrid(): Promise<void>;
  exportClassGridCsv(): Promise<void>;
  openLearner(userId: number): Promise<void>;
  loadLearnerModuleProgress(moduleId: number): Promise<void>;
  openLearnerConversation(conversationId: number): Promise<void>;
  loadOlderLearnerMessages(): Promise<void>;
  closeLearnerConversation(): void;
  loadUsers(role?: Role | null): Promise<void>;
  countAccounts(): Promise<void>;
  createUser(input: ChannelInput<'users:create'>): Promise<boolean>;
  setUserActive(userId: number, isActive: boolean): Promise<void>;
  resetUserPassword(userId: number, newPassword: string): Promise<boolean>;
  unlockUser(userId: number): Promise<void>;
  loadAuthoringModules(): Promise<void>;
  openModuleEditor(id: number): Promise<void>;
  closeModuleEditor(): void;
  saveModule(id: number, patch: ModulePatch): Promise<boolean>;
  createModule(input: ModuleContent): Promise<number | null>;
  moveModule(id: number, direction: -1 | 1): Promise<void>;
  createConcept(moduleId: number, input: ConceptContent): Promise<boolean>;
  updateConcept(id: number, patch: ConceptPatch): Promise<boolean>;
  deleteConcept(id: number): Promise<boolean>;
  loadPacks(): Promise<void>;
  exportPack(packKey: string): Promise<void>;
  importPack(pack: unknown): Promise<void>;
}

export const initialTeacherState = (): TeacherState => ({
  classGrid: null,
  classGridStatus: 'idle',
  learnerDetail: null,
  learnerStatus: 'idle',
  learnerConversation: null,
  learnerModuleProgress: {},
  users: [],
  usersStatus: 'idle',
  usersRoleFilter: null,
  accountCount: null,
  authoringModules: [],
  authoringStatus: 'idle',
  editingModule: null,
  editingStatus: 'idle',
  packs: [],
  packsStatus: 'idle',
  packReport: null,
  packsUnavailable: false,
  packBusy: false,
});

export const createTeacherSlice: SliceCreator<TeacherSlice> = (set, get) => {
  const replaceUser = (user: User) => set((s) => ({ users: s.users.map((u) => (u.id === user.id ? user : u)) }));

  return {
    ...initialTeacherState(),

    async loadClassGrid() {
      set((s) => ({ classGridStatus: s.classGrid ? 'ready' : 'loading' }));
      const out = await call(get, teacherService.classGrid());
      set(out ? { classGrid: out, classGridStatus: 'ready' } : { classGridStatus: 'error' });
    },

    async exportClassGridCsv() {
      const out = await call(get, teacherService.classGridCsv());
      if (out) downloadText(out.filename, out.csv, 'text/csv');
    },

    async openLearner(userId) {
      set({ learnerDetail: null, learnerStatus: 'loading', learnerConversation: null, learnerModuleProgress: {}, view: { name: 'teacher-learner', userId } });
      const out = await call(get, teacherService.learner(userId));
      set(out ? { learnerDetail: out, learnerStatus: 'ready' } : { learnerStatus: 'error' });
    },

    async loadLearnerModuleProgress(moduleId) {
      const userId = get().learnerDetail?.learner.id;
      if (userId === undefined) return;
      const out = await call(get, teacherService.learnerModule(userId, moduleId));
      if (out && get().learnerDetail?.learner.id === userId) set((s) => ({ learnerModuleProgress: { ...s.learnerModuleProgress, [moduleId]: out } }));
    },

    async openLearnerConversation(conversationId) {
      set({ learnerConversation: { conversationId, messages: [], hasMore: false, status: 'loading', loadingOlder: false } });
      const out = await call(get, teacherService.learnerMessages(conversationId));
      if (get().learnerConversation?.conversationId !== conversationId) return;
      set({
        learnerConversation: out
          ? { conversationId, messages: mergeMessages([], out.messages), hasMore: out.hasMore, status: 'ready', loadingOlder: false }
          : { conversationId, messages: [], hasMore: false, status: 'error', loadingOlder: false },
      });
    },

    async loadOlderLearnerMessages() {
      const conv = get().learnerConversation;
      const oldest = conv?.messages[0];
      if (!conv || !conv.hasMore || conv.loadingOlder || !oldest) return;
      set({ learnerConversation: { ...conv, loadingOlder: true } });
      const out = await call(get, teacherService.learnerMessages(conv.conversationId, oldest.id));
      const now = get().learnerConversation;
      if (!now || now.conversationId !== conv.conversationId) return;
      set({
        learnerConversation: out
          ? { ...now, messages: mergeMessages(now.messages, out.messages), hasMore: out.hasMore, loadingOlder: false }
          : { ...now, loadingOlder: false },
      });
    },

    closeLearnerConversation() {
      set({ learnerConversation: null });
    },

    async loadUsers(role) {
      const filter = role === undefined ? get().usersRoleFilter : role;
      set((s) => ({ usersRoleFilter: filter, usersStatus: s.usersStatus === 'ready' ? 'ready' : 'loading' }));
      const out = await call(get, teacherService.listUsers(filter ?? undefined));
      set(out ? { users: out.users, usersStatus: 'ready', ...(filter === null ? { accountCount: out.users.length } : {}) } : { usersStatus: 'error' });
    },

    async countAccounts() {
      const out = await call(get, teacherService.listUsers(), { quiet: ['FORBIDDEN'] });
      if (out) set({ accountCount: out.users.length });
    },

    async createUser(input) {
      const out = await call(get, teacherService.createUser(input));
      if (!out) return false;
      get().notify('success', t.teacher.created(out.user.name));
      await get().loadUsers();
      await get().countAccounts();
      return true;
    },

    async setUserActive(userId, isActive) {
      const out = await call(get, teacherService.setActive(userId, isActive));
      if (out) replaceUser(out.user);
    },

    async resetUserPassword(userId, newPassword) {
      const out = await call(get, teacherService.resetPassword(userId, newPassword));
      if (!out) return false;
      replaceUser(out.user);
      get().notify('success', t.teacher.resetDone(out.user.name));
      return true;
    },

    async unlockUser(userId) {
      const out = await call(get, teacherService.unlock(userId));
      if (out) replaceUser(out.user);
    },

    async loadAuthoringModules() {
      set((s) => ({ authoringStatus: s.authoringStatus === 'ready' ? 'ready' : 'loading' }));
      const out = await call(get, teacherService.listModules());
      set(out ? { authoringModules: out.modules, authoringStatus: 'ready' } : { authoringStatus: 'error' });
    },

    async openModuleEditor(id) {
      set({ editingStatus: 'loading', editingModule: null });
      const out = await call(get, teacherService.getModule(id));
      if (out && out.view === 'teacher') set({ editingModule: { module: out.module, concepts: out.concepts }, editingStatus: 'ready' });
      else set({ editingStatus: 'error' });
    },

    closeModuleEditor() {
      set({ editingModule: null, editingStatus: 'idle' });
    },

    async saveModule(id, patch) {
      const out = await call(get, teacherService.updateModule(id, patch));
      if (!out) return false;
      set((s) => ({ editingModule: s.editingModule && s.editingModule.module.id === id ? { ...s.editingModule, module: out.module } : s.editingModule }));
      get().notify('success', t.teacher.moduleSaved);
      await get().loadAuthoringModules();
      return true;
    },

    async createModule(input) {
      const out = await call(get, teacherService.createModule(input));
      if (!out) return null;
      get().notify('success', t.teacher.moduleCreated);
      await get().loadAuthoringModules();
      await get().openModuleEditor(out.module.id);
      return out.module.id;
    },

    async moveModule(id, direction) {
      const ids = get().authoringModules.map((m) => m.id);
      const from = ids.indexOf(id);
      const to = from + direction;
      if (from < 0 || to < 0 || to >= ids.length) return;
      const moved = [...ids];
      moved.splice(from, 1);
      moved.splice(to, 0, id);
      const out = await call(get, teacherService.reorderModules(moved));
      if (!out) return;
      // The answer may omit retired modules; keep any it left out at the end.
      const returned = new Set(out.modules.map((m) => m.id));
      set((s) => ({ authoringModules: [...out.modules, ...s.authoringModules.filter((m) => !returned.has(m.id))] }));
      get().notify('success', t.teacher.orderSaved);
    },

    async createConcept(moduleId, input) {
      const out = await call(get, teacherService.createConcept(moduleId, input));
      if (!out) return false;
      set((s) => ({ editingModule: s.editingModule ? { ...s.editingModule, concepts: [...s.editingModule.concepts, out.concept] } : null }));
      get().notify('success', t.teacher.conceptCreated);
      return true;
    },

    async updateConcept(id, patch) {
      const out = await call(get, teacherService.updateConcept(id, patch));
      if (!out) return false;
      set((s) => ({
        editingModule: s.editingModule ? { ...s.editingModule, concepts: s.editingModule.concepts.map((c) => (c.id === id ? out.concept : c)) } : null,
      }));
      get().notify('success', t.teacher.conceptSaved);
      return true;
    },

    async deleteConcept(id) {
      const out = await call(get, teacherService.deleteConcept(id));
      if (!out) return false;
      const moduleId = get().editingModule?.module.id;
      // A concept with history is retired rather than deleted: reload to show which.
      if (moduleId !== undefined) await get().openModuleEditor(moduleId);
      get().notify('success', t.teacher.conceptDeleted);
      return true;
    },

    async loadPacks() {
      set({ packsStatus: 'loading' });
      const out = await teacherService.listPacks();
      if (out.ok) set({ packs: out.data.packs, packsStatus: 'ready' });
      else {
        if (out.error.code === 'UNKNOWN_CHANNEL') set({ packsUnavailable: true });
        else get().reportError(out.error);
        set({ packsStatus: 'error' });
      }
    },

    async exportPack(packKey) {
      set({ packBusy: true });
      const out = await teacherService.exportPack(packKey);
      set({ packBusy: false });
      if (!out.ok) {
        if (out.error.code === 'UNKNOWN_CHANNEL') set({ packsUnavailable: true });
        else get().reportError(out.error);
        return;
      }
      downloadText(out.data.filename, `${JSON.stringify(out.data.pack, null, 2)}\n`, 'application/json');
    },

    async importPack(pack) {
      set({ packBusy: true, packReport: null });
      const out = await teacherService.importPack(pack);
      set({ packBusy: false });
      if (!out.ok) {
        if (out.error.code === 'UNKNOWN_CHANNEL') set({ packsUnavailable: true });
        else get().reportError(out.error);
        return;
      }
      set({ packReport: out.data.report });
      await Promise.all([get().loadPacks(), get().loadAuthoringModules()]);
    },
  };
};
