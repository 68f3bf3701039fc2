// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { aMessage } from '../../test/fixtures.ts';
import { renderUi } from '../../test/harness.tsx';
import { MessageList } from './message-list.tsx';

const many = (n: number) => Array.from({ length: n }, (_, i) => aMessage(i + 1, { content: `Message **${i + 1}** with some words` }));

describe('the virtualized message list', () => {
  it('renders only a window of a 5,000-message conversation — a few hundred nodes at most', () => {
    const { container } = renderUi(<MessageList conversationId={1} messages={many(5000)} hasMore={false} loadingOlder={false} onLoadOlder={() => {}} />);
    const rendered = container.querySelectorAll('[data-message-id]').length;
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(100);
    // Every node in the list, not only messages: still a few hundred.
    expect(container.querySelectorAll('*').length).toBeLessThan(600);
    // The scroll area is as tall as the whole conversation, so the scrollbar tells the truth.
    const content = container.querySelector('.message-list__content') as HTMLElement;
    expect(Number.parseInt(content.style.height, 10)).toBeGreaterThan(5000 * 100);
  });

  it('moves the window when scrolled', async () => {
    const { container } = renderUi(<MessageList conversationId={1} messages={many(5000)} hasMore={false} loadingOlder={false} onLoadOlder={() => {}} />);
    const scroller = screen.getByTestId('message-scroll');
    scroller.scrollTop = 120 * 2500;
    fireEvent.scroll(scroller);
    await waitFor(() => {
      const ids = [...container.querySelectorAll('[data-message-id]')].map((el) => Number(el.getAttribute('data-message-id')));
      // One unbroken run of messages around the place scrolled to, not an empty or torn window.
      expect(ids.length).toBeGreaterThan(0);
      expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => ids[0]! + i));
      expect(Math.min(...ids)).toBeGreaterThan(2000);
      expect(Math.max(...ids)).toBeLessThan(3000);
    });
  });

  it('offers older pages from the top of the list, by keyboard too', () => {
    const onLoadOlder = vi.fn();
    renderUi(<MessageList conversationId={1} messages={many(3)} hasMore loadingOlder={false} onLoadOlder={onLoadOlder} />);
    const button = screen.getByRole('button', { name: 'Load earlier messages' });
    fireEvent.click(button);
    expect(onLoadOlder).toHaveBeenCalledTimes(1);
    // A real button: in the tab order, and Enter or Space press it (jsdom does not synthesise that click).
    expect(button.tagName).toBe('BUTTON');
    expect((button as HTMLButtonElement).disabled).toBe(false);
    expect(button.tabIndex).toBe(0);
  });

  it('is a focusable, named region so keyboard users can scroll it', () => {
    renderUi(<MessageList conversationId={1} messages={many(3)} hasMore={false} loadingOlder={false} onLoadOlder={() => {}} />);
    const region = screen.getByRole('region', { name: 'Conversation' });
    expect(region.tabIndex).toBe(0);
    expect(screen.getByText('This is the beginning of the conversation.')).toBeTruthy();
  });
});
