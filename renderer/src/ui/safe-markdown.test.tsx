// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderUi } from '../test/harness.tsx';
import { SafeMarkdown } from './safe-markdown.tsx';

describe('safe markdown', () => {
  it('renders raw HTML — <script>, <img onerror> — as text, never as elements', () => {
    const { container } = renderUi(
      <SafeMarkdown text={'Hello <script>window.pwned = 1</script> and <img src=x onerror="window.pwned=2"> **bold**'} />,
    );
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect(container.textContent).toContain('<script>window.pwned = 1</script>');
    expect(container.textContent).toContain('<img src=x onerror="window.pwned=2">');
    expect(container.querySelector('strong')?.textContent).toBe('bold');
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
  });

  it('renders links as text that cannot navigate, showing the address', () => {
    const { container } = renderUi(<SafeMarkdown text={'See [the site](https://example.org/x) or [click](javascript:alert(1)) or <https://auto.example>'} />);
    expect(container.querySelector('a')).toBeNull();
    expect(container.textContent).toContain('the site (https://example.org/x)');
    expect(container.textContent).not.toContain('javascript:alert');
    expect(screen.getByText('https://auto.example')).toBeTruthy();
  });

  it('renders images as their description and fetches nothing', () => {
    const { container } = renderUi(<SafeMarkdown text={'![a diagram](https://tracker.example/pixel.png)'} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.textContent).toBe('[a diagram]');
  });
});
