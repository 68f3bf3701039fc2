// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aModuleProgress, anOverview, aUser } from '../../test/fixtures.ts';
import { installClient, renderUi, signInAs } from '../../test/harness.tsx';
import { ProgressScreen } from './progress-screen.tsx';

describe('the progress view', () => {
  it('shows overall figures, time, streak, an accessible activity chart and mastery per concept', async () => {
    const client = installClient({ 'progress:overview': () => anOverview(), 'progress:module': () => aModuleProgress() });
    signInAs(aUser());
    renderUi(<ProgressScreen />);
    await screen.findByRole('heading', { name: 'Overall' });
    expect(screen.getByText('3 days')).toBeTruthy();
    expect(screen.getByText('1 h 0 min')).toBeTruthy();
    expect(screen.getByText('2 of 10 concepts mastered')).toBeTruthy();
    // The learner's level is named as theirs, not mistaken for the module's difficulty.
    expect(screen.getByText(/Level reached: Beginner/)).toBeTruthy();

    const chart = screen.getByRole('img', { name: /Your messages per day/ });
    expect(chart.tagName.toLowerCase()).toBe('svg');
    expect(chart.querySelectorAll('rect')).toHaveLength(3);
    const table = screen.getByRole('table', { name: 'Your messages per day' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);

    fireEvent.click(screen.getByRole('button', { name: 'Show concepts' }));
    const concepts = await screen.findByRole('table', { name: 'Concepts in Your Four Worlds' });
    expect(within(concepts).getByText('The four worlds')).toBeTruthy();
    expect(within(concepts).getByText('Mastered')).toBeTruthy();
    expect(within(concepts).getByText('50%')).toBeTruthy();
    expect(client.callsTo('progress:module')).toEqual([{ moduleId: 1 }]);
  });
});
