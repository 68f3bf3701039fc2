import { describe, expect, it } from 'vitest';
import { spokenText } from './spoken-text.ts';

describe('spokenText', () => {
  it('keeps the words of a reply and drops the marks a screen reader would read out', () => {
    expect(spokenText("We're starting *Your Four Worlds*: **6 ideas**. What comes to mind?")).toBe(
      "We're starting Your Four Worlds: 6 ideas. What comes to mind?",
    );
  });

  it('reads paragraphs and list items one after another, not run together', () => {
    expect(spokenText('# Recap\n\nTwo ideas:\n\n- the *real* world\n- the media world\n\n> Where did that come from?')).toBe(
      'Recap Two ideas: the real world the media world Where did that come from?',
    );
  });

  it('says markup typed as text as the characters typed', () => {
    expect(spokenText('I typed <b>this</b> and `code`')).toBe('I typed <b>this</b> and code');
  });
});
