// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ChannelOutput, MemoryContextView } from '../../../../src/shared/contract/index.ts';
import { testError } from '../../ipc/test-client.ts';
import { useAppStore } from '../../store/store.ts';
import { aConversation, aMessage, aModule, aModuleProgress, aUser } from '../../test/fixtures.ts';
import { captureDownloads, deferred, installClient, renderUi, signInAs } from '../../test/harness.tsx';
import { AlertRegion } from '../../ui/alert-region.tsx';
import { TutorScreen } from './tutor-screen.tsx';

const opening = aMessage(1, { role: 'assistant', content: 'What do you already know about **Japan**?' });

function tutorClient(extra: Parameters<typeof installClient>[0] = {}) {
  return installClient({
    'modules:get': () => ({ view: 'learner' as const, module: aModule(), concepts: [] }),
    'progress:module': () => aModuleProgress(),
    'conversations:list': () => ({ conversations: [aConversation()] }),
    'messages:list': () => ({ messages: [opening], hasMore: false }),
    ...extra,
  });
}

const contextView: MemoryContextView = {
  view: 'learner',
  profile: {
    name: 'Ada',
    goals: 'Read the news critically',
    backgroundInfo: null,
    reason: null,
    preferredPace: 'slow',
    interactionPreference: null,
    learningStyle: null,
    familiarity: null,
    overallCompletion: 12,
  },
  module: {
    id: 1,
    slug: 'your-four-worlds',
    title: 'Your Four Worlds',
    learningObjectives: [],
    concepts: [{ id: 1, slug: 'four-worlds', title: 'The four worlds', mastery: 0.5, mastered: false, focus: true }],
  },
  conversation: { id: 10, rollingSummary: null, recentTurns: [{ role: 'user', content: 'Anime and vlogs' }] },
  priorKnowledge: [
    { summaryId: 4, moduleSlug: 'media-uses', moduleTitle: 'Media Uses', whatLearned: 'Uses and gratifications', keyConcepts: ['needs'], understandingLevel: 'proficient', usedInReply: true },
  ],
  budget: { dynamicChars: 900, limitChars: 6000, droppedPriorItems: 0 },
};

async function openTutor() {
  signInAs(aUser());
  renderUi(
    <>
      <TutorScreen moduleId={1} />
      <AlertRegion />
    </>,
  );
  await screen.findByText('Japan');
}

/** A messages:send double that echoes the learner's message and answers with `reply`. */
const replyingWith =
  (reply: string) =>
  (input: { content: string }): ChannelOutput<'messages:send'> => ({
    userMessage: aMessage(2, { role: 'user', content: input.content }),
    reply: aMessage(3, { role: 'assistant', content: reply }),
    progress: null,
  });

const composer = () => screen.getByLabelText('Your reply') as HTMLTextAreaElement;

describe('the tutoring conversation', () => {
  it('resumes the latest conversation and shows the concept checklist with mastery', async () => {
    // Listed out of order: an older and a newer conversation in progress, and a finished one newest of all.
    const client = tutorClient({
      'conversations:list': () => ({
        conversations: [
          aConversation({ id: 10, updatedAt: '2026-01-02T10:00:00.000Z' }),
          aConversation({ id: 12, status: 'finalized', updatedAt: '2026-01-04T10:00:00.000Z', finalizedAt: '2026-01-04T10:00:00.000Z' }),
          aConversation({ id: 11, updatedAt: '2026-01-03T10:00:00.000Z' }),
        ],
      }),
    });
    await openTutor();
    expect(client.callsTo('messages:list')).toEqual([{ conversationId: 11, limit: 100 }]);
    expect(composer()).toBeTruthy();
    const checklist = screen.getByRole('region', { name: 'Concepts' });
    expect(within(checklist).getByText('The four worlds')).toBeTruthy();
    expect(within(checklist).getByText('Mastered')).toBeTruthy();
    expect(within(checklist).getByText('50% mastery')).toBeTruthy();
  });

  it('Enter sends; Shift+Enter does not', async () => {
    const client = tutorClient({
      'messages:send': replyingWith('Where did that picture come from?'),
    });
    await openTutor();
    fireEvent.change(composer(), { target: { value: 'Anime and vlogs' } });
    fireEvent.keyDown(composer(), { key: 'Enter', shiftKey: true });
    expect(client.callsTo('messages:send')).toEqual([]);
    fireEvent.keyDown(composer(), { key: 'Enter' });
    await screen.findByText('Where did that picture come from?');
    expect(client.callsTo('messages:send')).toEqual([{ conversationId: 10, content: 'Anime and vlogs' }]);
    expect(composer().value).toBe('');
  });

  it('announces the reply to screen readers as words, without the Markdown marks', async () => {
    tutorClient({
      'messages:send': replyingWith('Where did *that* picture come from? Think of **one** source.'),
    });
    await openTutor();
    fireEvent.change(composer(), { target: { value: 'Anime and vlogs' } });
    fireEvent.keyDown(composer(), { key: 'Enter' });
    const announcer = screen.getByTestId('reply-announcer');
    await waitFor(() => expect(announcer.textContent).toBe('Tutor replied: Where did that picture come from? Think of one source.'));
    expect(announcer.getAttribute('aria-live')).toBe('polite');
  });

  it('shows "the tutor is thinking" while messages:send is pending, and the learner message at once', async () => {
    const reply = deferred<ChannelOutput<'messages:send'>>();
    tutorClient({ 'messages:send': () => reply.promise });
    await openTutor();
    fireEvent.change(composer(), { target: { value: 'My picture is second-hand' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    const thinking = await screen.findByTestId('thinking');
    expect(thinking.textContent).toContain('The tutor is thinking');
    expect(thinking.getAttribute('role')).toBe('status');
    expect(screen.getByText('My picture is second-hand')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    await act(async () => {
      reply.resolve({
        userMessage: aMessage(2, { role: 'user', content: 'My picture is second-hand' }),
        reply: aMessage(3, { role: 'assistant', content: 'Second-hand from where?' }),
        progress: null,
      });
    });
    await screen.findByText('Second-hand from where?');
    expect(screen.queryByTestId('thinking')).toBeNull();
  });

  it('an error from messages:send reaches the alert region and gives the text back to the composer', async () => {
    tutorClient({
      'messages:send': () => {
        throw testError('VALIDATION', 'Some values are not valid.', { fields: { content: ['At most 8000 characters'] } });
      },
    });
    await openTutor();
    fireEvent.change(composer(), { target: { value: 'Too long, say' } });
    fireEvent.keyDown(composer(), { key: 'Enter' });
    const alert = screen.getByRole('alert');
    await within(alert).findByText('Some values are not valid.');
    expect(alert.textContent).toContain('Content: At most 8000 characters');
    await waitFor(() => expect(composer().value).toBe('Too long, say'));
  });

  it('renames, finalizes and deletes the conversation', async () => {
    const client = tutorClient({
      'conversations:rename': (input) => ({ conversation: aConversation({ title: input.title }) }),
      'conversations:finalize': () => ({
        conversation: aConversation({ title: 'Perception', status: 'finalized' }),
        closing: aMessage(9, { role: 'assistant', content: 'Today you worked out a lot.' }),
        summary: null,
      }),
      'conversations:delete': () => ({ deleted: true as const }),
    });
    await openTutor();
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }));
    fireEvent.change(screen.getByLabelText(/Conversation title/), { target: { value: 'Perception' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('heading', { name: /Perception/ });

    fireEvent.click(screen.getByRole('button', { name: 'Finish conversation' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await screen.findByText('Today you worked out a lot.');
    expect(screen.getByText(/This conversation is finished/)).toBeTruthy();
    expect(screen.queryByLabelText('Your reply')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Delete conversation' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(client.callsTo('conversations:delete')).toEqual([{ id: 10 }]));
    expect(client.callsTo('conversations:rename')).toEqual([{ id: 10, title: 'Perception' }]);
  });

  it('exports through conversations:export and a Blob download link', async () => {
    const files = captureDownloads();
    const client = tutorClient({
      'conversations:export': () => ({ filename: 'your-four-worlds.md', mimeType: 'text/markdown', content: '# Your Four Worlds' }),
    });
    await openTutor();
    fireEvent.click(screen.getByRole('button', { name: 'Export as Markdown' }));
    await waitFor(() => expect(files.map((f) => f.name)).toEqual(['your-four-worlds.md']));
    expect(client.callsTo('conversations:export')).toEqual([{ conversationId: 10, format: 'markdown' }]);
    expect(files[0]!.type).toBe('text/markdown');
    expect(await files[0]!.text()).toBe('# Your Four Worlds');
  });

  it('shows the memory the tutor used for a reply (messages:context), layer by layer, and what it did', async () => {
    const client = tutorClient({
      'messages:context': () => ({
        context: contextView,
        analysis: { move: 'give_hint', conceptTitle: 'The four worlds', masteredNow: false, hintGiven: true, closesSession: false },
      }),
    });
    await openTutor();
    fireEvent.click(screen.getByRole('button', { name: 'Memory used for this reply' }));
    const panel = await screen.findByRole('complementary', { name: 'Memory the tutor used' });
    await within(panel).findByText('Read the news critically');
    expect(within(panel).getByText('Slow and thorough')).toBeTruthy();
    expect(within(panel).getByText('Gave a hint')).toBeTruthy();
    expect(within(panel).getByText(/The four worlds —/).textContent).toContain('50% mastery');
    expect(within(panel).getByText('Anime and vlogs')).toBeTruthy();
    expect(within(panel).getByText(/Uses and gratifications/)).toBeTruthy();
    expect(client.callsTo('messages:context')).toEqual([{ messageId: 1 }]);
  });

  it('shows what the tutor would use now (memory:context)', async () => {
    const client = tutorClient({ 'memory:context': () => contextView });
    await openTutor();
    fireEvent.click(screen.getByRole('button', { name: 'What the tutor knows now' }));
    const panel = await screen.findByRole('complementary', { name: 'Memory the tutor would use now' });
    await within(panel).findByText('Read the news critically');
    expect(client.callsTo('memory:context')).toEqual([{ conversationId: 10 }]);
    fireEvent.click(within(panel).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('complementary')).toBeNull();
  });

  it('says so, without an error, when main is a build without the memory channel', async () => {
    tutorClient();
    await openTutor();
    fireEvent.click(screen.getByRole('button', { name: 'What the tutor knows now' }));
    const panel = await screen.findByRole('complementary');
    await within(panel).findByText(/cannot be shown by this version/);
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('opens a module with no conversation straight into its first one — once, even when asked twice', async () => {
    const starting = deferred<ChannelOutput<'conversations:start'>>();
    const client = tutorClient({
      'conversations:list': () => ({ conversations: [] }),
      'conversations:start': () => starting.promise,
    });
    signInAs(aUser());
    renderUi(<TutorScreen moduleId={1} />);
    await waitFor(() => expect(client.callsTo('conversations:start')).toEqual([{ moduleId: 1 }]));
    // A second start while the first is on its way (a double click, a remount) makes no second conversation.
    void useAppStore.getState().startConversation();
    starting.resolve({ conversation: aConversation({ id: 11 }), messages: [aMessage(1, { role: 'assistant', content: 'Hello, what brings you?' })] });
    await screen.findByText('Hello, what brings you?');
    expect(client.callsTo('conversations:start')).toHaveLength(1);
    expect(useAppStore.getState().activeConversationId).toBe(11);
    expect(screen.queryByText(/No conversation in this module yet/)).toBeNull();
  });
});
