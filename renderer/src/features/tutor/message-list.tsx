/**
 * A conversation's messages, windowed: only what is on screen plus an overscan is in the
 * DOM, so thousands of messages stay fast. Older pages load when the reader nears the top
 * (or presses "Load earlier messages"); the view stays anchored on what they were reading.
 * New messages keep the view at the bottom when the reader was already there.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import type { Message } from '../../../../src/shared/domain.ts';
import { t } from '../../i18n/index.ts';
import { SafeMarkdown } from '../../ui/safe-markdown.tsx';
import { formatDateTime } from '../../ui/status.tsx';
import { useVirtualWindow, type ItemKey } from '../../ui/use-virtual-window.ts';

const TOP = 'top';
const PENDING = 'pending';
/** Distance from the top, in px, at which the next older page is requested. */
const LOAD_OLDER_THRESHOLD = 300;
const STICK_THRESHOLD = 48;

export interface MessageListProps {
  conversationId: number;
  messages: Message[];
  hasMore: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  pendingMessage?: Message | null;
  /** Assistant messages get a "memory used" button when this is given. */
  onShowContext?: (messageId: number) => void;
  label?: string;
}

const roleName = (role: Message['role']) => (role === 'user' ? t.tutor.you : role === 'assistant' ? t.tutor.tutorName : t.tutor.system);

const MessageItem = memo(function MessageItem({ message, pending, onShowContext }: { message: Message; pending?: boolean; onShowContext?: (id: number) => void }) {
  return (
    <article className={`message message--${message.role}${pending ? ' message--pending' : ''}`} aria-label={roleName(message.role)} data-message-id={message.id}>
      <header className="message__header">
        <span className="message__author">{roleName(message.role)}</span>
        <time className="message__time" dateTime={message.createdAt}>
          {formatDateTime(message.createdAt)}
        </time>
      </header>
      <SafeMarkdown text={message.content} />
      {onShowContext && message.role === 'assistant' && !pending ? (
        <button type="button" className="link-button message__context" onClick={() => onShowContext(message.id)}>
          {t.tutor.showMemory}
        </button>
      ) : null}
    </article>
  );
});

export function MessageList({ conversationId, messages, hasMore, loadingOlder, onLoadOlder, pendingMessage, onShowContext, label = t.tutor.conversationRegion }: MessageListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const keys = useMemo<ItemKey[]>(() => {
    const k: ItemKey[] = [TOP, ...messages.map((m) => m.id)];
    if (pendingMessage) k.push(PENDING);
    return k;
  }, [messages, pendingMessage]);
  const win = useVirtualWindow({ keys, scrollRef, estimateSize: 120, overscan: 10 });

  // Whether the reader is at the bottom, updated on every scroll.
  const stuck = useRef(true);
  const onScroll = useCallback(() => {
    const el = scrollRef.current;
    if (!el) return;
    stuck.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_THRESHOLD;
    if (el.scrollTop < LOAD_OLDER_THRESHOLD && hasMore && !loadingOlder) onLoadOlder();
  }, [hasMore, loadingOlder, onLoadOlder]);

  // A newly opened conversation starts at its latest message.
  useLayoutEffect(() => {
    stuck.current = true;
    win.scrollToEnd();
    // Only when the conversation changes; win.scrollToEnd is stable.
  }, [conversationId, win.scrollToEnd]);

  // Older messages were prepended: keep the message the reader was looking at in place.
  const firstId = messages[0]?.id;
  const previousFirst = useRef<{ id: number | undefined; offset: number }>({ id: undefined, offset: 0 });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const prev = previousFirst.current;
    if (el && prev.id !== undefined && firstId !== undefined && prev.id !== firstId) {
      const index = keys.indexOf(prev.id);
      if (index > 0) el.scrollTop += win.offsetOf(index) - prev.offset;
    }
    const idx = firstId === undefined ? -1 : keys.indexOf(firstId);
    previousFirst.current = { id: firstId, offset: idx >= 0 ? win.offsetOf(idx) : 0 };
  });

  // New messages at the end, or items measured: stay at the bottom if the reader was there.
  const { totalHeight, scrollToEnd } = win;
  useLayoutEffect(() => {
    if (stuck.current) scrollToEnd();
  }, [totalHeight, keys.length, scrollToEnd]);

  // Sending brings a reader who had scrolled up back to the bottom: to their own message, and
  // (stuck there) to the reply that follows it.
  const sending = pendingMessage != null;
  useLayoutEffect(() => {
    if (!sending) return;
    stuck.current = true;
    scrollToEnd();
  }, [sending, scrollToEnd]);

  // A short conversation may not fill the viewport, so scrolling cannot trigger the next page.
  useEffect(() => {
    const el = scrollRef.current;
    if (el && hasMore && !loadingOlder && el.scrollHeight > 0 && el.scrollHeight <= el.clientHeight) onLoadOlder();
  }, [hasMore, loadingOlder, onLoadOlder, messages.length]);

  const rendered = [];
  for (let i = win.start; i < win.end; i++) {
    const key = keys[i] as ItemKey;
    let content;
    if (key === TOP) {
      content = hasMore ? (
        <div className="message-list__top">
          <button type="button" className="button button--quiet" onClick={onLoadOlder} disabled={loadingOlder}>
            {loadingOlder ? t.tutor.loadingOlder : t.tutor.loadOlder}
          </button>
        </div>
      ) : (
        <p className="message-list__top muted">{t.tutor.beginning}</p>
      );
    } else if (key === PENDING && pendingMessage) {
      content = <MessageItem message={pendingMessage} pending />;
    } else {
      const message = messages[i - 1];
      content = message ? <MessageItem message={message} onShowContext={onShowContext} /> : null;
    }
    rendered.push(
      <div key={String(key)} ref={win.measure(key)} className="message-list__row">
        {content}
      </div>,
    );
  }

  return (
    <div ref={scrollRef} className="message-list" role="region" aria-label={label} tabIndex={0} onScroll={onScroll} data-testid="message-scroll">
      <div className="message-list__content" style={{ height: win.totalHeight }}>
        <div className="message-list__window" style={{ transform: `translateY(${win.offsetTop}px)` }}>
          {rendered}
        </div>
      </div>
    </div>
  );
}
