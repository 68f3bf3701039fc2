// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Concept, Module } from '../../../../src/shared/domain.ts';
import { App } from '../../app.tsx';
import { useAppStore } from '../../store/store.ts';
import { aConversation, aMemory, aMessage, aModule, anOverview, aSurvey, aUser, appInfo } from '../../test/fixtures.ts';
import { captureDownloads, installClient, renderUi, signInAs } from '../../test/harness.tsx';
import { AlertRegion } from '../../ui/alert-region.tsx';
import { AccountsScreen } from './accounts-screen.tsx';
import { ClassGridScreen } from './class-grid-screen.tsx';
import { LearnerScreen } from './learner-screen.tsx';
import { ModuleEditorScreen } from './module-editor-screen.tsx';
import { PacksScreen } from './packs-screen.tsx';

const teacher = aUser({ id: 50, role: 'teacher', name: 'Tess Teacher', email: 'tess@example.org' });
const learner = aUser({ id: 2, name: 'Lee Learner', email: 'lee@example.org' });
const grid = {
  learners: [{ id: 2, name: 'Lee Learner', email: 'lee@example.org', isActive: true }],
  modules: [
    { id: 1, slug: 'your-four-worlds', title: 'Your Four Worlds' },
    { id: 2, slug: 'books', title: 'Books' },
  ],
  cells: [{ userId: 2, moduleId: 1, completionPercentage: 50, isCompleted: false, lastActivityAt: null }],
};

afterEach(() => vi.restoreAllMocks());

describe('teacher and admin views', () => {
  it('are in the navigation for a teacher', async () => {
    installClient({
      'app:info': () => appInfo({ usageMode: 'classroom' }),
      'auth:session': () => ({ user: teacher, expiresAt: null }),
      'onboarding:get': () => ({ survey: aSurvey() }),
      'modules:list': () => ({ modules: [] }),
      'progress:overview': () => anOverview({}, []),
      'progress:classGrid': () => grid,
    });
    renderUi(<App />);
    await screen.findByText(/Signed in as Tess Teacher/);
    fireEvent.click(screen.getByRole('button', { name: 'Class' }));
    await screen.findByRole('heading', { name: 'Class progress' });
    for (const name of ['Accounts', 'Modules editor', 'Content packs']) expect(screen.getByRole('button', { name })).toBeTruthy();
  });

  it('are not in the navigation for a learner', async () => {
    installClient({
      'app:info': () => appInfo({ usageMode: 'classroom' }),
      'auth:session': () => ({ user: learner, expiresAt: null }),
      'onboarding:get': () => ({ survey: aSurvey() }),
      'modules:list': () => ({ modules: [] }),
      'progress:overview': () => anOverview({}, []),
    });
    renderUi(<App />);
    await screen.findByText(/Signed in as Lee Learner/);
    expect(screen.queryByRole('button', { name: 'Class' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Accounts' })).toBeNull();
  });

  it('class grid: learners × modules with completion, drilldown, and CSV export', async () => {
    const files = captureDownloads();
    installClient({
      'progress:classGrid': () => grid,
      'progress:classGridCsv': () => ({ filename: 'class-progress.csv', csv: 'Learner,Email\r\nLee Learner,lee@example.org\r\n' }),
      'progress:learner': () => ({ learner, overview: anOverview(), memory: [aMemory()], conversations: [aConversation()] }),
      'messages:list': () => ({ messages: [aMessage(2, { role: 'user', content: 'Lee said this' }), aMessage(1)], hasMore: false }),
    });
    signInAs(teacher);
    renderUi(<ClassGridScreen />);
    const row = (await screen.findByRole('button', { name: 'Lee Learner' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Lee Learner, Your Four Worlds: 50%')).toBeTruthy();
    // No activity at all reads as such, as the dash on screen shows it, not as 0%.
    expect(within(row).getByText('Lee Learner, Books: not started')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(files.map((f) => f.name)).toEqual(['class-progress.csv']));
    expect(files[0]!.type).toBe('text/csv');
    expect(await files[0]!.text()).toBe('Learner,Email\r\nLee Learner,lee@example.org\r\n');

    fireEvent.click(within(row).getByRole('button', { name: 'Lee Learner' }));
    expect(useAppStore.getState().view).toEqual({ name: 'teacher-learner', userId: 2 });
  });

  it('learner drilldown: progress, memory read-only, and a conversation read-only', async () => {
    const client = installClient({
      'progress:learner': () => ({ learner, overview: anOverview(), memory: [aMemory()], conversations: [aConversation({ title: 'Perception chat' })] }),
      'messages:list': () => ({ messages: [aMessage(2, { role: 'user', content: 'Lee said this' }), aMessage(1)], hasMore: false }),
    });
    signInAs(teacher);
    void useAppStore.getState().openLearner(2);
    renderUi(<LearnerScreen />);
    await screen.findByRole('heading', { name: 'Lee Learner', level: 1 });
    expect(screen.getByText(/Our picture of places/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Read: Perception chat' }));
    await screen.findByText('Lee said this');
    expect(screen.queryByLabelText('Your reply')).toBeNull();
    expect(client.callsTo('messages:list')).toEqual([{ conversationId: 10, limit: 100 }]);
  });

  it('accounts: create, deactivate, unlock and reset a learner password', async () => {
    const locked = aUser({ id: 3, name: 'Locked Lou', email: 'lou@example.org', failedLoginCount: 5, lockedUntil: '2999-01-01T00:00:00.000Z' });
    let users = [learner, locked];
    const client = installClient({
      'users:list': () => ({ users }),
      'users:create': (input) => {
        const u = aUser({ id: 9, name: input.name, email: input.email, role: input.role });
        users = [...users, u];
        return { user: u };
      },
      // The doubles answer for the account that was sent: a wrong id shows on the wrong row.
      'users:setActive': (input) => ({ user: { ...users.find((u) => u.id === input.userId)!, isActive: input.isActive } }),
      'users:unlock': (input) => ({ user: { ...users.find((u) => u.id === input.userId)!, failedLoginCount: 0, lockedUntil: null } }),
      'users:resetPassword': () => ({ user: learner }),
    });
    signInAs(teacher);
    renderUi(
      <>
        <AccountsScreen />
        <AlertRegion />
      </>,
    );
    await screen.findByText('lee@example.org');
    // A teacher creates learner accounts only.
    const role = screen.getByLabelText('Role') as HTMLSelectElement;
    expect([...role.options].map((o) => o.value)).toEqual(['learner']);
    // Nor is there an admin among the accounts a teacher sees, to filter for.
    const filter = screen.getByLabelText('Show') as HTMLSelectElement;
    expect([...filter.options].map((o) => o.value)).toEqual(['all', 'learner', 'teacher']);
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'Nia New' } });
    fireEvent.change(screen.getByLabelText(/^Email/), { target: { value: 'nia@example.org' } });
    fireEvent.change(screen.getByLabelText(/^Initial password/), { target: { value: 'a long password' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByText('nia@example.org');
    expect(client.callsTo('users:create')).toEqual([{ name: 'Nia New', email: 'nia@example.org', password: 'a long password', role: 'learner' }]);

    fireEvent.click(screen.getByRole('button', { name: 'Deactivate: Lee Learner' }));
    await screen.findByRole('button', { name: 'Activate: Lee Learner' });
    expect(client.callsTo('users:setActive')).toEqual([{ userId: 2, isActive: false }]);
    fireEvent.click(screen.getByRole('button', { name: 'Unlock: Locked Lou' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Unlock: Locked Lou' })).toBeNull());
    expect(client.callsTo('users:unlock')).toEqual([{ userId: 3 }]);

    fireEvent.click(screen.getByRole('button', { name: 'Reset password: Lee Learner' }));
    fireEvent.change(screen.getByLabelText(/New password \(Lee Learner\)/), { target: { value: 'another long one' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(client.callsTo('users:resetPassword')).toEqual([{ userId: 2, newPassword: 'another long one' }]));
  });

  it('module editor: edits a module and a concept (answer key as plain text), reorders', async () => {
    const m1 = aModule();
    const m2 = aModule({ id: 2, slug: 'books', title: 'Books', sortOrder: 2 });
    const full: Module = {
      ...m1,
      packId: 1,
      systemPrompt: 'Ask, do not tell.',
      modulePrompt: '',
      systemCorpus: '',
      moduleCorpus: '',
      dynamicCorpus: '',
      masteryTriggers: [],
      confusionTriggers: [],
      memoryExtractionPrompt: '',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const concept: Concept = {
      id: 7,
      moduleId: 1,
      slug: 'four-worlds',
      title: 'The four worlds',
      sortOrder: 1,
      explanation: 'We know most of the world second-hand.',
      guidingQuestions: ['Where have you never been?', 'How do you know it?'],
      hints: ['Think of a place.', 'Where did the picture come from?', 'Media.'],
      keyTerms: [{ id: 'mediated', label: 'Mediated', phrasings: ['from media', 'second-hand', 'from tv'] }],
      misconceptions: [{ statement: 'Media show reality.', signals: ['window onto the world'], probe: 'Who chose the shot?' }],
      checkQuestion: 'Where does your picture come from?',
      checkTerms: ['mediated'],
      examplePrompt: 'Think of Japan.',
      retiredAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    const client = installClient({
      'modules:list': () => ({ modules: [m1, m2] }),
      'modules:get': () => ({ view: 'teacher' as const, module: full, concepts: [concept] }),
      'modules:update': (input) => ({ module: { ...full, ...input.patch, updatedAt: '2026-01-02T00:00:00.000Z' } as Module }),
      'concepts:update': (input) => ({ concept: { ...concept, ...(input.patch as Partial<Concept>) } }),
      'concepts:create': (input) => ({ concept: { ...concept, ...input, id: 8 } as unknown as Concept }),
      'modules:reorder': (input) => ({ modules: input.moduleIds.map((id) => (id === 1 ? m1 : m2)) }),
    });
    signInAs(teacher);
    renderUi(<ModuleEditorScreen />);
    fireEvent.click(await screen.findByRole('button', { name: 'Edit Your Four Worlds' }));
    const form = await screen.findByRole('form', { name: 'Edit Your Four Worlds' });
    fireEvent.change(within(form).getByLabelText(/^Estimated minutes/), { target: { value: '50' } });
    fireEvent.change(within(form).getByLabelText(/^Learning objectives/), { target: { value: 'One\nTwo\n' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(client.callsTo('modules:update')).toEqual([{ id: 1, patch: { learningObjectives: ['One', 'Two'], estimatedMinutes: 50 } }]));

    // The concept's answer key is editable in plain text.
    const conceptEditor = (await screen.findByText('The four worlds', { selector: 'summary' })).closest('details') as HTMLElement;
    fireEvent.click(within(conceptEditor).getByText('The four worlds', { selector: 'summary' }));
    const keyTerms = within(conceptEditor).getByLabelText(/^Key terms/) as HTMLTextAreaElement;
    expect(keyTerms.value).toBe('mediated | Mediated | from media; second-hand; from tv');
    fireEvent.change(keyTerms, { target: { value: 'mediated | Mediated | from media; second-hand; from tv; via the news' } });
    fireEvent.click(within(conceptEditor).getByRole('button', { name: 'Save concept' }));
    await waitFor(() =>
      expect(client.callsTo('concepts:update')).toEqual([
        { id: 7, patch: { keyTerms: [{ id: 'mediated', label: 'Mediated', phrasings: ['from media', 'second-hand', 'from tv', 'via the news'] }] } },
      ]),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Move Your Four Worlds down' }));
    await waitFor(() => expect(client.callsTo('modules:reorder')).toEqual([{ moduleIds: [2, 1] }]));
  });

  it('content packs: lists installed packs, exports one, imports a file and shows the report', async () => {
    const files = captureDownloads();
    const client = installClient({
      'modules:list': () => ({ modules: [] }),
      'modules:listPacks': () => ({
        packs: [{ id: 1, packKey: 'communication-media-society', title: 'Communication, Media and Society', description: 'The default course.', version: '1.0.0', language: 'en', importedAt: '2026-01-01T00:00:00.000Z' }],
      }),
      'modules:exportPack': (input) => ({ filename: `${input.packKey}-1.0.0.json`, pack: { id: input.packKey, version: '1.0.0', modules: [] } }),
      'modules:importPack': () => ({
        report: {
          packKey: 'x',
          status: 'updated' as const,
          fromVersion: '1.0.0',
          toVersion: '1.1.0',
          modulesAdded: ['new-module'],
          modulesUpdated: [],
          modulesRetired: [],
          conceptsAdded: 3,
          conceptsUpdated: 1,
          conceptsRetired: 0,
          skippedEditedModules: ['books'],
        },
      }),
    });
    signInAs(teacher);
    renderUi(<PacksScreen />);
    fireEvent.click(await screen.findByRole('button', { name: 'Export Communication, Media and Society' }));
    await waitFor(() => expect(files.map((f) => f.name)).toEqual(['communication-media-society-1.0.0.json']));
    expect(JSON.parse(await files[0]!.text())).toEqual({ id: 'communication-media-society', version: '1.0.0', modules: [] });
    expect(client.callsTo('modules:exportPack')).toEqual([{ packKey: 'communication-media-society' }]);

    const file = new File([JSON.stringify({ id: 'x', modules: [] })], 'pack.json', { type: 'application/json' });
    fireEvent.change(screen.getByLabelText('Pack file (.json)'), { target: { files: [file] } });
    await screen.findByText('x: Updated');
    expect(screen.getByText('1.0.0 → 1.1.0')).toBeTruthy();
    expect(screen.getByText('new-module')).toBeTruthy();
    expect(screen.getByText('books')).toBeTruthy();
    expect(client.callsTo('modules:importPack')).toEqual([{ pack: { id: 'x', modules: [] } }]);
  });

  it('content packs: a file that is not JSON is refused before calling main', async () => {
    const client = installClient({ 'modules:listPacks': () => ({ packs: [] }) });
    signInAs(teacher);
    renderUi(
      <>
        <PacksScreen />
        <AlertRegion />
      </>,
    );
    await screen.findByText('No content pack is installed.');
    fireEvent.change(screen.getByLabelText('Pack file (.json)'), { target: { files: [new File(['{oops'], 'pack.json')] } });
    await within(screen.getByRole('alert')).findByText('That file is not valid JSON.');
    expect(client.callsTo('modules:importPack')).toEqual([]);
  });

  it('content packs: a main without the pack channels is explained, not an error', async () => {
    installClient();
    signInAs(teacher);
    renderUi(
      <>
        <PacksScreen />
        <AlertRegion />
      </>,
    );
    await screen.findByText(/not available in this version of Harv/);
    expect(screen.getByRole('alert').textContent).toBe('');
  });
});
