// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAppStore } from '../../store/store.ts';
import { aModule, anOverview, aUser } from '../../test/fixtures.ts';
import { installClient, renderUi, signInAs } from '../../test/harness.tsx';
import { LibraryScreen } from './library-screen.tsx';

describe('the module library', () => {
  it('shows objectives, estimated time and progress per module, and continues where they left off', async () => {
    const second = aModule({ id: 2, slug: 'media-uses', title: 'Media Uses and Effects', estimatedMinutes: 60, learningObjectives: ['Name three uses of media'] });
    installClient({
      'modules:list': () => ({ modules: [aModule(), second] }),
      'progress:overview': () => {
        const o = anOverview({ continueModuleId: 2 }, [aModule(), second]);
        o.modules[1]!.progress = null;
        return o;
      },
    });
    signInAs(aUser());
    renderUi(<LibraryScreen />);
    const card = (await screen.findByRole('heading', { name: 'Your Four Worlds', level: 2 })).closest('li') as HTMLElement;
    expect(within(card).getByText('Explain the four worlds')).toBeTruthy();
    expect(within(card).getByText('About 45 min')).toBeTruthy();
    expect(within(card).getByRole('progressbar', { name: 'Progress in Your Four Worlds' }).getAttribute('aria-valuenow')).toBe('33');
    expect(within(card).getByText(/2 of 6 concepts mastered/)).toBeTruthy();
    const other = screen.getByRole('heading', { name: 'Media Uses and Effects', level: 2 }).closest('li') as HTMLElement;
    expect(within(other).getByText('Not started')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Continue “Media Uses and Effects”' }));
    expect(useAppStore.getState().view).toEqual({ name: 'tutor', moduleId: 2 });
  });

  it('has an empty state', async () => {
    installClient({ 'modules:list': () => ({ modules: [] }), 'progress:overview': () => anOverview({ continueModuleId: null }, []) });
    signInAs(aUser());
    renderUi(<LibraryScreen />);
    await screen.findByText(/No modules are available yet/);
  });
});
