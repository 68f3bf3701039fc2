/**
 * The tutor slice: the open module's conversations, the open conversation's messages (paged
 * newest-first from main, kept oldest-first here), the pending send, and the memory panel.
 */
import type { AppError, Envelope, MemoryContextView } from '../../../../src/shared/contract/index.ts';
import type { ChannelOutput } from '../../../../src/shared/contract/index.ts';
import type { Conversation, Message } from '../../../../src/shared/domain.ts';
import { t } from '../../i18n/index.ts';
import { call } from '../../store/call.ts';
import type { LoadStatus, SliceCreator } from '../../store/types.ts';
import { downloadText } from '../../ui/download.ts';
import { mergeMessages } from './message-order.ts';
import { tutorService } from './tutor-service.ts';

export type ReplyAnalysis = NonNullable<ChannelOutput<'messages:context'>['analysis']>;

export interface ContextPanelState {
  mode: 'reply' | 'now';
  messageId: number | null;
  status: LoadStatus;
  /** The four layers; null when nothing was recorded (e.g. a reply from before records existed). */
  view: MemoryContextView | null;
  /** What the tutor did on that reply (its move, the concept), for 'reply' mode. */
  analysis: ReplyAnalysis | null;
  /** main is an older build without the channel (UNKNOWN_CHANNEL). */
  unavailable: boolean;
}

export interface TutorState {
  tutorModuleId: number | null;
  conversations: Conversation[];
  conversationsStatus: LoadStatus;
  activeConversationId: number | null;
  messages: Message[];
  messagesStatus: LoadStatus;
  hasMore: boolean;
  loadingOlder: boolean;
  /** A messages:send is in flight: the "tutor is thinking" state. */
  sending: boolean;
  /** The learner's message, shown at once while main saves it. */
  pendingMessage: Message | null;
  /** The latest reply, announced to screen readers. */
  lastReplyId: number | null;
  contextPanel: ContextPanelState | null;
}

export interface TutorSlice extends TutorState {
  openTutor(moduleId: number): Promise<void>;
  openConversation(conversationId: number): Promise<void>;
  startConversation(): Promise<void>;
  loadOlderMessages(): Promise<void>;
  /** True when sent; false leaves the text in the composer. */
  sendMessage(content: string): Promise<boolean>;
  renameConversation(title: string): Promise<boolean>;
  finalizeConversation(): Promise<boolean>;
  deleteConversation(): Promise<boolean>;
  exportConversation(format: 'markdown' | 'json'): Promise<void>;
  showReplyContext(messageId: number): Promise<void>;
  showCurrentContext(): Promise<void>;
  closeContextPanel(): void;
}

/** The open conversation's state: what opening another conversation (or none) starts afresh. */
const conversationState = (): Pick<
  TutorState,
  'activeConversationId' | 'messages' | 'messagesStatus' | 'hasMore' | 'loadingOlder' | 'sending' | 'pendingMessage' | 'lastReplyId' | 'contextPanel'
> => ({
  activeConversationId: null,
  messages: [],
  messagesStatus: 'idle',
  hasMore: false,
  loadingOlder: false,
  sending: false,
  pendingMessage: null,
  lastReplyId: null,
  contextPanel: null,
});

export const initialTutorState = (): TutorState => ({
  tutorModuleId: null,
  conversations: [],
  conversationsStatus: 'idle',
  ...conversationState(),
});

const byRecent = (a: Conversation, b: Conversation) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id;

export const createTutorSlice: SliceCreator<TutorSlice> = (set, get) => {
  const replaceConversation = (conversation: Conversation) =>
    set((s) => ({ conversations: s.conversations.map((c) => (c.id === conversation.id ? conversation : c)) }));

  let starting: { moduleId: number; run: Promise<void> } | null = null;
  async function beginConversation(moduleId: number): Promise<void> {
    set({ ...conversationState(), messagesStatus: 'loading' });
    const out = await call(get, tutorService.start(moduleId));
    if (get().tutorModuleId !== moduleId) return;
    if (!out) {
      set({ messagesStatus: 'idle' });
      return;
    }
    const opening = mergeMessages([], out.messages);
    set((s) => ({
      conversations: [out.conversation, ...s.conversations.filter((c) => c.id !== out.conversation.id)],
      activeConversationId: out.conversation.id,
      messages: opening,
      hasMore: false,
      messagesStatus: 'ready',
      lastReplyId: opening.at(-1)?.id ?? null,
    }));
  }

  async function reloadNewestPage(conversationId: number): Promise<void> {
    const out = await call(get, tutorService.listMessages(conversationId));
    if (out && get().activeConversationId === conversationId) {
      set((s) => ({ messages: mergeMessages(s.messages, out.messages) }));
    }
  }

  async function loadContext(
    mode: ContextPanelState['mode'],
    messageId: number | null,
    pending: Promise<Envelope<{ view: MemoryContextView | null; analysis: ReplyAnalysis | null }>>,
  ) {
    const empty = { mode, messageId, view: null, analysis: null, unavailable: false };
    set({ contextPanel: { ...empty, status: 'loading' } });
    const out = await pending;
    const still = get().contextPanel;
    if (!still || still.mode !== mode || still.messageId !== messageId) return;
    if (out.ok) {
      set({ contextPanel: { ...empty, status: 'ready', view: out.data.view, analysis: out.data.analysis } });
    } else if (out.error.code === 'UNKNOWN_CHANNEL') {
      set({ contextPanel: { ...empty, status: 'ready', unavailable: true } });
    } else {
      get().reportError(out.error);
      set({ contextPanel: { ...empty, status: 'error' } });
    }
  }

  const mapEnvelope = async <A, B>(pending: Promise<Envelope<A>>, f: (a: A) => B): Promise<Envelope<B>> => {
    const out = await pending;
    return out.ok ? { ok: true, data: f(out.data) } : { ok: false, error: out.error as AppError };
  };

  return {
    ...initialTutorState(),

    async openTutor(moduleId) {
      set({ ...conversationState(), tutorModuleId: moduleId, conversations: [], conversationsStatus: 'loading' });
      void get().loadModuleDetail(moduleId);
      void get().loadModuleProgress(moduleId);
      const out = await call(get, tutorService.listConversations(moduleId));
      if (get().tutorModuleId !== moduleId) return;
      if (!out) {
        set({ conversationsStatus: 'error' });
        return;
      }
      const conversations = [...out.conversations].sort(byRecent);
      set({ conversations, conversationsStatus: 'ready' });
      // Continue where they left off: the most recent conversation still in progress. A
      // module with none yet opens straight into its first one: "Start" means start.
      const resume = conversations.find((c) => c.status === 'active') ?? conversations[0];
      if (resume) await get().openConversation(resume.id);
      else await get().startConversation();
    },

    async openConversation(conversationId) {
      set({ ...conversationState(), activeConversationId: conversationId, messagesStatus: 'loading' });
      const out = await call(get, tutorService.listMessages(conversationId));
      if (get().activeConversationId !== conversationId) return;
      set(out ? { messages: mergeMessages([], out.messages), hasMore: out.hasMore, messagesStatus: 'ready' } : { messagesStatus: 'error' });
    },

    startConversation() {
      // One start per module at a time: a double click, or the screen mounting twice, makes one conversation.
      const moduleId = get().tutorModuleId;
      if (moduleId === null) return Promise.resolve();
      if (starting?.moduleId !== moduleId) {
        const run = beginConversation(moduleId).finally(() => {
          if (starting?.run === run) starting = null;
        });
        starting = { moduleId, run };
      }
      return starting.run;
    },


    async loadOlderMessages() {
      const { activeConversationId: id, messages, hasMore, loadingOlder } = get();
      const oldest = messages[0];
      if (id === null || !hasMore || loadingOlder || !oldest) return;
      set({ loadingOlder: true });
      const out = await call(get, tutorService.listMessages(id, oldest.id));
      if (get().activeConversationId !== id) return;
      set((s) => (out ? { messages: mergeMessages(s.messages, out.messages), hasMore: out.hasMore, loadingOlder: false } : { loadingOlder: false }));
    },

    async sendMessage(content) {
      const { activeConversationId: id, sending, tutorModuleId } = get();
      if (id === null || sending) return false;
      const optimistic: Message = {
        id: Number.MAX_SAFE_INTEGER,
        conversationId: id,
        role: 'user',
        content,
        createdAt: new Date().toISOString(),
        responseTimeMs: null,
        tokenCount: null,
      };
      set({ sending: true, pendingMessage: optimistic });
      const out = await tutorService.send(id, content);
      if (get().activeConversationId !== id) return out.ok;
      set({ sending: false, pendingMessage: null });
      if (!out.ok) {
        get().reportError(out.error);
        // TUTOR_UNAVAILABLE: main kept the learner's message — show it, and clear the composer.
        if (out.error.code === 'TUTOR_UNAVAILABLE') {
          await reloadNewestPage(id);
          return true;
        }
        return false;
      }
      const { userMessage, reply } = out.data;
      set((s) => ({
        messages: mergeMessages(s.messages, reply ? [userMessage, reply] : [userMessage]),
        lastReplyId: reply?.id ?? s.lastReplyId,
        conversations: s.conversations.map((c) => (c.id === id ? { ...c, updatedAt: (reply ?? userMessage).createdAt } : c)),
      }));
      // Mastery may have moved: refresh the concept checklist.
      if (tutorModuleId !== null) void get().loadModuleProgress(tutorModuleId);
      return true;
    },

    async renameConversation(title) {
      const id = get().activeConversationId;
      if (id === null) return false;
      const out = await call(get, tutorService.rename(id, title));
      if (!out) return false;
      replaceConversation(out.conversation);
      return true;
    },

    async finalizeConversation() {
      const id = get().activeConversationId;
      if (id === null) return false;
      set({ sending: true });
      const out = await call(get, tutorService.finalize(id));
      set({ sending: false });
      if (!out) return false;
      replaceConversation(out.conversation);
      if (out.closing && get().activeConversationId === id) {
        const closing = out.closing;
        set((s) => ({ messages: mergeMessages(s.messages, [closing]), lastReplyId: closing.id }));
      }
      get().notify('success', t.tutor.finalizedDone);
      const moduleId = get().tutorModuleId;
      if (moduleId !== null) void get().loadModuleProgress(moduleId);
      return true;
    },

    async deleteConversation() {
      const id = get().activeConversationId;
      if (id === null) return false;
      const out = await call(get, tutorService.remove(id));
      if (!out) return false;
      set((s) => ({ ...conversationState(), conversations: s.conversations.filter((c) => c.id !== id) }));
      get().notify('success', t.tutor.deleted);
      const moduleId = get().tutorModuleId;
      if (moduleId !== null) void get().loadModuleProgress(moduleId);
      return true;
    },

    async exportConversation(format) {
      const id = get().activeConversationId;
      if (id === null) return;
      const out = await call(get, tutorService.exportConversation(id, format));
      if (out) downloadText(out.filename, out.content, out.mimeType);
    },

    showReplyContext(messageId) {
      return loadContext(
        'reply',
        messageId,
        mapEnvelope(tutorService.replyContext(messageId), (d) => ({ view: d.context, analysis: d.analysis })),
      );
    },

    async showCurrentContext() {
      const id = get().activeConversationId;
      if (id === null) return;
      await loadContext('now', null, mapEnvelope(tutorService.currentContext(id), (view) => ({ view, analysis: null })));
    },

    closeContextPanel() {
      set({ contextPanel: null });
    },
  };
};
