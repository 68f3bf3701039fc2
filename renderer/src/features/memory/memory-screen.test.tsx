// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aMemory, aModule, aUser } from '../../test/fixtures.ts';
import { installClient, renderUi, signInAs } from '../../test/harness.tsx';
import { MemoryScreen } from './memory-screen.tsx';

describe('the memory view', () => {
  it('lists summaries per module; edits send only what changed; delete asks first', async () => {
    const client = installClient({
      'modules:list': () => ({ modules: [aModule(), aModule({ id: 2, title: 'Books', slug: 'books' })] }),
      'memory:list': () => ({ summaries: [aMemory(), aMemory({ id: 6, moduleId: 2, whatLearned: 'Books shaped mass literacy.' })] }),
      'memory:update': (input) => ({ summary: aMemory({ id: input.id, ...input.patch, source: 'learner' }) }),
      'memory:delete': () => ({ deleted: true as const }),
    });
    signInAs(aUser());
    renderUi(<MemoryScreen />);
    const group = (await screen.findByRole('heading', { name: 'Your Four Worlds' })).closest('section') as HTMLElement;
    expect(within(group).getByText(/Our picture of places/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Books' })).toBeTruthy();

    fireEvent.click(within(group).getByRole('button', { name: 'Edit' }));
    fireEvent.change(within(group).getByLabelText(/What you learned/), { target: { value: 'Most of my world is mediated.' } });
    fireEvent.change(within(group).getByLabelText('Understanding'), { target: { value: 'proficient' } });
    fireEvent.click(within(group).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(group).queryByRole('button', { name: 'Save' })).toBeNull());
    expect(within(group).getByText('Most of my world is mediated.')).toBeTruthy();
    expect(client.callsTo('memory:update')).toEqual([{ id: 5, patch: { whatLearned: 'Most of my world is mediated.', understandingLevel: 'proficient' } }]);
    expect(within(group).getByText(/Corrected by you/)).toBeTruthy();

    fireEvent.click(within(group).getByRole('button', { name: 'Delete' }));
    expect(client.callsTo('memory:delete')).toEqual([]);
    fireEvent.click(within(group).getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(screen.queryByText('Most of my world is mediated.')).toBeNull());
    expect(client.callsTo('memory:delete')).toEqual([{ id: 5 }]);
  });

  it('has an empty state', async () => {
    installClient({ 'modules:list': () => ({ modules: [] }), 'memory:list': () => ({ summaries: [] }) });
    signInAs(aUser());
    renderUi(<MemoryScreen />);
    await screen.findByText(/Nothing yet/);
  });
});
