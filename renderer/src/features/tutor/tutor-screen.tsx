/**
 * The tutoring conversation: the module's conversations and concept checklist beside the
 * message list, the composer, a visible "thinking" state while a reply is pending, the
 * conversation's actions, and the memory panel.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { t } from '../../i18n/index.ts';
import { useAppStore } from '../../store/store.ts';
import { SaveOrLeave, TextField } from '../../ui/fields.tsx';
import { ConfirmButton, EmptyState, Loading, ScreenHeading, formatDateTime } from '../../ui/status.tsx';
import { spokenText } from '../../ui/spoken-text.ts';
import { Composer } from './composer.tsx';
import { ConceptChecklist } from './concept-checklist.tsx';
import { MemoryContextPanel } from './memory-context-panel.tsx';
import { MessageList } from './message-list.tsx';

function ConversationPicker() {
  const { conversations, status, activeId } = useAppStore(
    useShallow((s) => ({ conversations: s.conversations, status: s.conversationsStatus, activeId: s.activeConversationId })),
  );
  const openConversation = useAppStore((s) => s.openConversation);
  const start = useAppStore((s) => s.startConversation);
  return (
    <section aria-labelledby="conversations-title">
      <h2 id="conversations-title" className="sidebar__title">
        {t.tutor.conversations}
      </h2>
      <button type="button" className="button button--primary button--block" onClick={() => void start()}>
        {t.tutor.newConversation}
      </button>
      {status === 'loading' ? <Loading /> : null}
      <ul className="conversation-list">
        {conversations.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className={`conversation-list__item ${c.id === activeId ? 'is-active' : ''}`}
              aria-current={c.id === activeId ? 'true' : undefined}
              onClick={() => void openConversation(c.id)}
            >
              <span className="conversation-list__title">{c.title}</span>
              <span className="conversation-list__meta">
                {c.status === 'finalized' ? t.tutor.finalized : t.tutor.active} · {formatDateTime(c.updatedAt)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RenameForm({ title, onDone }: { title: string; onDone: () => void }) {
  const rename = useAppStore((s) => s.renameConversation);
  const [value, setValue] = useState(title);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await rename(value)) onDone();
  }
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <TextField label={t.tutor.renameLabel} value={value} onChange={setValue} required />
      <SaveOrLeave onLeave={onDone} />
    </form>
  );
}

function ConversationActions() {
  const conversation = useAppStore((s) => s.conversations.find((c) => c.id === s.activeConversationId));
  const busy = useAppStore((s) => s.sending);
  const { finalize, remove, exportConversation, showCurrentContext } = useAppStore(
    useShallow((s) => ({
      finalize: s.finalizeConversation,
      remove: s.deleteConversation,
      exportConversation: s.exportConversation,
      showCurrentContext: s.showCurrentContext,
    })),
  );
  const [renaming, setRenaming] = useState(false);
  if (!conversation) return null;
  return (
    <div className="conversation-header">
      {renaming ? (
        <RenameForm title={conversation.title} onDone={() => setRenaming(false)} />
      ) : (
        <h2 className="conversation-header__title">
          {conversation.title} <span className="badge">{conversation.status === 'finalized' ? t.tutor.finalized : t.tutor.active}</span>
        </h2>
      )}
      <div className="toolbar" role="toolbar" aria-label={t.tutor.actions}>
        <button type="button" className="button" onClick={() => setRenaming(true)} disabled={renaming}>
          {t.tutor.rename}
        </button>
        {conversation.status === 'active' ? (
          <ConfirmButton className="button" question={t.tutor.finalizeConfirm} onConfirm={() => void finalize()} disabled={busy}>
            {t.tutor.finalize}
          </ConfirmButton>
        ) : null}
        <button type="button" className="button" onClick={() => void exportConversation('markdown')}>
          {t.tutor.exportMarkdown}
        </button>
        <button type="button" className="button" onClick={() => void exportConversation('json')}>
          {t.tutor.exportJson}
        </button>
        <button type="button" className="button" onClick={() => void showCurrentContext()}>
          {t.tutor.currentMemory}
        </button>
        <ConfirmButton question={t.tutor.deleteConfirm} onConfirm={() => void remove()}>
          {t.tutor.delete}
        </ConfirmButton>
      </div>
    </div>
  );
}

/**
 * Announces the tutor's newest reply once, for screen readers (the list itself is windowed),
 * as plain words: the Markdown marks are not read out.
 */
function ReplyAnnouncer() {
  const text = useAppStore((s) => (s.lastReplyId === null ? '' : (s.messages.find((m) => m.id === s.lastReplyId)?.content ?? '')));
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="reply-announcer">
      {text ? t.tutor.replied(spokenText(text)) : ''}
    </div>
  );
}

function Conversation() {
  const s = useAppStore(
    useShallow((st) => ({
      activeId: st.activeConversationId,
      messages: st.messages,
      messagesStatus: st.messagesStatus,
      hasMore: st.hasMore,
      loadingOlder: st.loadingOlder,
      sending: st.sending,
      pendingMessage: st.pendingMessage,
      finalized: st.conversations.find((c) => c.id === st.activeConversationId)?.status === 'finalized',
      hasConversations: st.conversations.length > 0,
      conversationsStatus: st.conversationsStatus,
    })),
  );
  const { loadOlder, send, showReplyContext, start } = useAppStore(
    useShallow((st) => ({ loadOlder: st.loadOlderMessages, send: st.sendMessage, showReplyContext: st.showReplyContext, start: st.startConversation })),
  );

  if (s.activeId === null) {
    if (s.messagesStatus === 'loading') return <Loading />;
    return (
      <div className="conversation conversation--empty">
        <EmptyState>{s.hasConversations ? t.tutor.startPrompt : t.tutor.noConversations}</EmptyState>
        {s.conversationsStatus === 'ready' ? (
          <button type="button" className="button button--primary" onClick={() => void start()}>
            {t.tutor.newConversation}
          </button>
        ) : null}
      </div>
    );
  }

  return (
    <div className="conversation">
      <ConversationActions />
      {s.messagesStatus === 'loading' ? (
        <Loading />
      ) : (
        <MessageList
          conversationId={s.activeId}
          messages={s.messages}
          hasMore={s.hasMore}
          loadingOlder={s.loadingOlder}
          onLoadOlder={() => void loadOlder()}
          pendingMessage={s.pendingMessage}
          onShowContext={(id) => void showReplyContext(id)}
        />
      )}
      <div className="thinking-slot">
        {s.sending ? (
          <p className="thinking" role="status" data-testid="thinking">
            <span className="thinking__dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            {t.tutor.thinking}
          </p>
        ) : null}
      </div>
      <ReplyAnnouncer />
      {s.finalized ? <p className="notice">{t.tutor.finalizedNotice}</p> : <Composer onSend={send} busy={s.sending} />}
    </div>
  );
}

export function TutorScreen({ moduleId }: { moduleId: number }) {
  const openTutor = useAppStore((s) => s.openTutor);
  const navigate = useAppStore((s) => s.navigate);
  const title = useAppStore((s) => s.moduleDetails[moduleId]?.module.title ?? s.modules.find((m) => m.id === moduleId)?.title ?? '');
  const progress = useAppStore((s) => s.moduleProgress[moduleId]);
  const panel = useAppStore((s) => s.contextPanel);
  const closePanel = useAppStore((s) => s.closeContextPanel);

  useEffect(() => {
    void openTutor(moduleId);
  }, [moduleId, openTutor]);

  return (
    <div className={`tutor-layout ${panel ? 'tutor-layout--with-panel' : ''}`}>
      <div className="tutor-sidebar">
        <button type="button" className="link-button" onClick={() => navigate({ name: 'library' })}>
          ← {t.tutor.backToLibrary}
        </button>
        <ScreenHeading>{title || t.app.loading}</ScreenHeading>
        <ConversationPicker />
        <ConceptChecklist progress={progress} />
      </div>
      <Conversation />
      {panel ? <MemoryContextPanel panel={panel} onClose={closePanel} /> : null}
    </div>
  );
}
