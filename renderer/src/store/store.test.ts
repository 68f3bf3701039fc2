// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { aConversation, aMemory, aMessage, aModule, aModuleProgress, anOverview, aSurvey, aUser, appInfo } from '../test/fixtures.ts';
import { installClient } from '../test/harness.tsx';
import { testError } from '../ipc/test-client.ts';
import { initialUserState, useAppStore } from './store.ts';

const PER_USER_KEYS = Object.keys(initialUserState()) as (keyof ReturnType<typeof initialUserState>)[];

describe('the store', () => {
  it('setup calls app:setup with the mode and first account, then signs in', async () => {
    const admin = aUser({ role: 'admin', name: 'Grace Admin' });
    const client = installClient({
      'app:setup': () => ({ user: admin }),
      'onboarding:get': () => ({ survey: null }),
    });
    useAppStore.setState({ appInfo: appInfo({ setupDone: false, usageMode: null }), bootStatus: 'ready' });
    const ok = await useAppStore.getState().setup({ mode: 'classroom', admin: { email: 'g@example.org', password: 'correct horse', name: 'Grace Admin' } });
    expect(ok).toBe(true);
    expect(client.callsTo('app:setup')).toEqual([{ mode: 'classroom', admin: { email: 'g@example.org', password: 'correct horse', name: 'Grace Admin' } }]);
    const s = useAppStore.getState();
    expect(s.user?.name).toBe('Grace Admin');
    expect(s.appInfo).toMatchObject({ setupDone: true, usageMode: 'classroom' });
    expect(s.onboardingStatus).toBe('ready');
  });

  it('sign-out resets every slice: nothing of the previous user stays in the store', async () => {
    const client = installClient({ 'auth:logout': () => ({ signedOut: true as const }), 'app:info': () => appInfo() });
    // A session with data in every slice.
    useAppStore.setState({
      appInfo: appInfo(),
      bootStatus: 'ready',
      user: aUser(),
      survey: aSurvey({ goals: 'Understand media' }),
      onboardingStatus: 'ready',
      modules: [aModule()],
      modulesStatus: 'ready',
      tutorModuleId: 1,
      conversations: [aConversation()],
      activeConversationId: 10,
      messages: [aMessage(1), aMessage(2)],
      summaries: [aMemory()],
      memoryStatus: 'ready',
      overview: anOverview(),
      moduleProgress: { 1: aModuleProgress() },
      users: [aUser({ id: 2 })],
      classGrid: { learners: [], modules: [], cells: [] },
      appSettings: { usageMode: 'personal', selfSignUp: false, tutorEngine: 'socratic-builtin', backupSchedule: 'off' },
      view: { name: 'memory' },
    });
    await useAppStore.getState().signOut();
    expect(client.callsTo('auth:logout')).toHaveLength(1);
    const after = useAppStore.getState() as unknown as Record<string, unknown>;
    const fresh = initialUserState() as unknown as Record<string, unknown>;
    for (const key of PER_USER_KEYS) {
      if (key === 'toasts') continue; // holds the "signed out" confirmation only
      expect(after[key], key).toEqual(fresh[key]);
    }
    expect(JSON.stringify(useAppStore.getState().toasts)).not.toContain('Ada');
    // What describes the machine survives.
    expect(useAppStore.getState().appInfo?.setupDone).toBe(true);
  });

  it('resets even when main cannot be reached during sign-out', async () => {
    installClient({ 'auth:logout': () => Promise.reject(new Error('down')) as never, 'app:info': () => appInfo() });
    useAppStore.setState({ user: aUser(), summaries: [aMemory()] });
    await useAppStore.getState().signOut();
    expect(useAppStore.getState().user).toBeNull();
    expect(useAppStore.getState().summaries).toEqual([]);
  });

  it('a session that ends mid-use (UNAUTHENTICATED) resets everything and says why', async () => {
    installClient({
      'memory:list': () => {
        throw testError('UNAUTHENTICATED', 'Please sign in.');
      },
    });
    useAppStore.setState({ user: aUser(), summaries: [aMemory()], messages: [aMessage(1)] });
    await useAppStore.getState().loadMemory();
    const s = useAppStore.getState();
    expect(s.user).toBeNull();
    expect(s.messages).toEqual([]);
    expect(s.toasts.map((x) => x.message)).toEqual(['Your session has ended. Please sign in again.']);
  });

  it('sign-in after another user starts from a clean store', async () => {
    installClient({
      'auth:login': () => ({ user: aUser({ id: 7, name: 'Bo Second' }) }),
      'onboarding:get': () => ({ survey: aSurvey({ userId: 7 }) }),
    });
    useAppStore.setState({ summaries: [aMemory()], messages: [aMessage(3)], overview: anOverview() });
    expect(await useAppStore.getState().signIn('bo@example.org', 'pw')).toBe(true);
    const s = useAppStore.getState();
    expect(s.user?.name).toBe('Bo Second');
    expect(s.summaries).toEqual([]);
    expect(s.messages).toEqual([]);
    expect(s.overview).toBeNull();
  });

  it('keeps messages oldest first and unique when pages overlap', async () => {
    installClient({
      'messages:list': (input) =>
        input.before === undefined
          ? { messages: [aMessage(5), aMessage(4), aMessage(3)], hasMore: true }
          : { messages: [aMessage(3), aMessage(2), aMessage(1)], hasMore: false },
    });
    await useAppStore.getState().openConversation(10);
    expect(useAppStore.getState().messages.map((m) => m.id)).toEqual([3, 4, 5]);
    await useAppStore.getState().loadOlderMessages();
    expect(useAppStore.getState().messages.map((m) => m.id)).toEqual([1, 2, 3, 4, 5]);
    expect(useAppStore.getState().hasMore).toBe(false);
  });

  it('a TUTOR_UNAVAILABLE failure keeps the learner message (reloaded from main) and reports the error', async () => {
    const client = installClient({
      'messages:list': () => ({ messages: [aMessage(2, { role: 'user', content: 'My answer' }), aMessage(1)], hasMore: false }),
      'messages:send': () => {
        throw testError('TUTOR_UNAVAILABLE', 'The tutor could not reply. Your message was kept.');
      },
    });
    useAppStore.setState({ activeConversationId: 10, messages: [aMessage(1)] });
    expect(await useAppStore.getState().sendMessage('My answer')).toBe(true);
    expect(client.callsTo('messages:send')).toEqual([{ conversationId: 10, content: 'My answer' }]);
    expect(useAppStore.getState().messages.map((m) => m.content)).toEqual(['Message number 1', 'My answer']);
    expect(useAppStore.getState().toasts[0]?.message).toContain('could not reply');
  });
});
