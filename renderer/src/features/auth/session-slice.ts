/**
 * The session slice: what the app knows about itself (first run done? self sign-up?) and who
 * is signed in. The session token itself is never here — main or an HttpOnly cookie keeps it.
 */
import type { ChannelInput, ChannelOutput } from '../../../../src/shared/contract/index.ts';
import type { User } from '../../../../src/shared/domain.ts';
import { t } from '../../i18n/index.ts';
import { call } from '../../store/call.ts';
import type { LoadStatus, SliceCreator } from '../../store/types.ts';
import { downloadText } from '../../ui/download.ts';
import { authService } from './auth-service.ts';

export type AppInfo = ChannelOutput<'app:info'>;

export interface SessionState {
  user: User | null;
  authScreen: 'signIn' | 'register';
  authPending: boolean;
}

export interface SessionSlice extends SessionState {
  /** Survives sign-out: it describes the machine, not the person. */
  appInfo: AppInfo | null;
  bootStatus: LoadStatus;
  boot(): Promise<void>;
  setup(input: ChannelInput<'app:setup'>): Promise<boolean>;
  signIn(email: string, password: string): Promise<boolean>;
  register(input: ChannelInput<'auth:register'>): Promise<boolean>;
  signOut(): Promise<void>;
  showAuthScreen(screen: SessionState['authScreen']): void;
  updateProfile(patch: ChannelInput<'users:update'>): Promise<boolean>;
  changePassword(currentPassword: string, newPassword: string): Promise<boolean>;
  /** Everything Harv keeps about the signed-in user, downloaded as one JSON file. */
  exportMyData(): Promise<void>;
  refreshAppInfo(): Promise<void>;
}

export const initialSessionState = (): SessionState => ({ user: null, authScreen: 'signIn', authPending: false });

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get) => {
  /** Everything that follows a successful sign-in, setup or registration. */
  async function enterSession(user: User): Promise<void> {
    // A different person may have used this window a moment ago: start from nothing.
    get().resetAll();
    set({ user, view: { name: 'library' } });
    await get().loadOnboarding();
  }

  async function withPending<T>(work: () => Promise<T>): Promise<T> {
    set({ authPending: true });
    try {
      return await work();
    } finally {
      set({ authPending: false });
    }
  }

  return {
    ...initialSessionState(),
    appInfo: null,
    bootStatus: 'idle',

    async boot() {
      set({ bootStatus: 'loading' });
      const info = await call(get, authService.appInfo());
      if (!info) {
        set({ bootStatus: 'error' });
        return;
      }
      set({ appInfo: info });
      if (info.setupDone) {
        const session = await call(get, authService.session());
        if (session?.user) await enterSession(session.user);
      }
      set({ bootStatus: 'ready' });
    },

    async refreshAppInfo() {
      const info = await call(get, authService.appInfo());
      if (info) set({ appInfo: info });
    },

    setup: (input) =>
      withPending(async () => {
        const out = await call(get, authService.setup(input));
        if (!out) return false;
        set((s) => ({ appInfo: s.appInfo ? { ...s.appInfo, setupDone: true, usageMode: input.mode, selfSignUp: false } : s.appInfo }));
        await enterSession(out.user);
        return true;
      }),

    signIn: (email, password) =>
      withPending(async () => {
        const out = await call(get, authService.login(email, password));
        if (!out) return false;
        await enterSession(out.user);
        return true;
      }),

    register: (input) =>
      withPending(async () => {
        const out = await call(get, authService.register(input));
        if (!out) return false;
        await enterSession(out.user);
        return true;
      }),

    async signOut() {
      // Reset first, whatever main answers: the next person at this machine must not see a
      // trace of this one, even when the sign-out call itself fails.
      const pending = authService.logout();
      get().resetAll();
      const out = await pending;
      if (!out.ok) get().reportError(out.error);
      else get().notify('info', t.auth.signedOut);
      await get().refreshAppInfo();
    },

    showAuthScreen(authScreen) {
      set({ authScreen });
    },

    async updateProfile(patch) {
      const out = await call(get, authService.updateProfile(patch));
      if (!out) return false;
      set({ user: out.user });
      get().notify('success', t.settings.profileSaved);
      return true;
    },

    async exportMyData() {
      const out = await call(get, authService.exportMyData());
      if (!out) return;
      const day = out.exportedAt.slice(0, 10);
      downloadText(`harv-my-data-${day}.json`, `${JSON.stringify(out, null, 2)}\n`, 'application/json');
    },

    async changePassword(currentPassword, newPassword) {
      const out = await call(get, authService.changePassword(currentPassword, newPassword));
      if (!out) return false;
      get().notify('success', t.settings.passwordChanged);
      return true;
    },
  };
};
