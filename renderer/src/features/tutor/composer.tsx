/** The learner's reply box: Enter sends, Shift+Enter starts a new line. */
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { t } from '../../i18n/index.ts';

export function Composer({ onSend, busy, disabled }: { onSend: (text: string) => Promise<boolean>; busy: boolean; disabled?: boolean }) {
  const [text, setText] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  async function send() {
    const content = text.trim();
    if (busy || disabled || content === '') return;
    setText('');
    const ok = await onSend(content);
    // Not sent (an error, already shown in the alert region): give the text back.
    if (!ok) setText((current) => (current === '' ? content : current));
    ref.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    // While an input method is composing, Enter confirms the composition, not the message.
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void send();
    }
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void send();
  }

  return (
    <form className="composer" onSubmit={onSubmit}>
      <label htmlFor={id} className="composer__label">
        {t.tutor.composerLabel}
      </label>
      <div className="composer__row">
        <textarea
          id={id}
          ref={ref}
          className="composer__input"
          value={text}
          rows={3}
          maxLength={8000}
          disabled={disabled}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button button--primary composer__send" disabled={busy || disabled || text.trim() === ''}>
          {t.tutor.send}
        </button>
      </div>
      <p id={`${id}-hint`} className="field__hint">
        {t.tutor.composerHint}
      </p>
    </form>
  );
}
