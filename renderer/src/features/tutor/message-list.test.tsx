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
      expect(Math.min(...ids)).toBeGreaterThan(2000);
      expect(Math.max(...ids)).toBeLessThan(3000);
    });
  });

  it('offers older pages from the top of the list, by keyboard too', () => {
    const onLoadOlder = vi.fn();
    renderUi(<MessageList conversationId={1} messages={many(3)} hasMore loadingOlder={false} onLoadOlder={onLoadOlder} />);
    fireEvent.click(screen.getByRole('button', { name: 'Load earlier messages' }));
    expect(onLoadOlder).toHaveBeenCalled();
  });

  it('is a focusable, named region so keyboard users can scroll it', () => {
    renderUi(<MessageList conversationId={1} messages={many(3)} hasMore={false} loadingOlder={false} onLoadOlder={() => {}} />);
    const region = screen.getByRole('region', { name: 'Conversation' });
    expect(region.tabIndex).toBe(0);
    expect(screen.getByText('This is the beginning of the conversation.')).toBeTruthy();
  });
});
