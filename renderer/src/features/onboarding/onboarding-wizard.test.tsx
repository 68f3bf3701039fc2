// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../app.tsx';
import { useAppStore } from '../../store/store.ts';
import { aModule, anOverview, aSurvey, aUser, appInfo } from '../../test/fixtures.ts';
import { installClient, renderUi, signInAs } from '../../test/harness.tsx';
import { OnboardingWizard } from './onboarding-wizard.tsx';

const ALL_NULL = {
  learningStyle: null,
  priorExperience: [],
  goals: null,
  preferredPace: null,
  interactionPreference: null,
  backgroundInfo: null,
  motivationLevel: null,
  timeAvailability: null,
  reason: null,
  familiarity: null,
  ageOrGrade: null,
  learningNotes: null,
};

function firstRunClient() {
  return installClient({
    'app:info': () => appInfo({ usageMode: 'classroom' }),
    'auth:session': () => ({ user: aUser(), expiresAt: null }),
    'onboarding:get': () => ({ survey: null }),
    'onboarding:save': (input) => ({ survey: aSurvey({ ...input, completedAt: input.completed ? '2026-01-05T10:00:00.000Z' : null }) }),
    'modules:list': () => ({ modules: [aModule()] }),
    'progress:overview': () => anOverview(),
  });
}

describe('onboarding', () => {
  it('skip saves sensible defaults — every answer empty, completed — and opens the library', async () => {
    const client = firstRunClient();
    renderUi(<App />);
    await screen.findByRole('heading', { name: 'Tell Harv how you like to learn' });
    fireEvent.click(screen.getByRole('button', { name: 'Skip for now' }));
    await screen.findByRole('heading', { name: 'Modules', level: 1 });
    expect(client.callsTo('onboarding:save')).toEqual([{ ...ALL_NULL, completed: true }]);
  });

  it('tells a classroom learner, once, that teachers can read their conversations and memory', async () => {
    firstRunClient();
    renderUi(<App />);
    await screen.findByRole('heading', { name: 'Tell Harv how you like to learn' });
    expect(screen.getByRole('note').textContent).toContain('teacher can read your conversations');
  });

  it('walks every step with a progress indicator, back and next, and saves every field', async () => {
    const client = firstRunClient();
    renderUi(<App />);
    await screen.findByText('Step 1 of 5');
    expect(screen.getByRole('progressbar')).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Why are you learning/), { target: { value: 'For my degree' } });
    fireEvent.change(screen.getByLabelText(/What would you like to be able/), { target: { value: 'Read the news critically' } });
    fireEvent.click(screen.getByLabelText('High'));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    await screen.findByText('Step 2 of 5');
    fireEvent.click(screen.getByLabelText(/Reading and writing/));
    fireEvent.click(screen.getByLabelText('Working through examples'));
    // Back keeps what was entered.
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    await screen.findByText('Step 1 of 5');
    expect((screen.getByLabelText(/Why are you learning/) as HTMLTextAreaElement).value).toBe('For my degree');
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('Step 2 of 5');
    expect((screen.getByLabelText(/Reading and writing/) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    await screen.findByText('Step 3 of 5');
    fireEvent.click(screen.getByLabelText('A little'));
    fireEvent.change(screen.getByLabelText(/Related experience/), { target: { value: 'School paper\n\n  Video club ' } });
    fireEvent.change(screen.getByLabelText(/Anything about your background/), { target: { value: 'Second-year student' } });
    fireEvent.change(screen.getByLabelText('Age or grade'), { target: { value: '19' } });
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    await screen.findByText('Step 4 of 5');
    fireEvent.click(screen.getByLabelText('Steady'));
    fireEvent.click(screen.getByLabelText('1–3 hours'));
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));

    await screen.findByText('Step 5 of 5');
    fireEvent.change(screen.getByLabelText(/Notes for the tutor/), { target: { value: 'Short replies please' } });
    fireEvent.click(screen.getByRole('button', { name: 'Finish' }));
    await screen.findByRole('heading', { name: 'Modules', level: 1 });

    const saves = client.callsTo('onboarding:save') as { completed: boolean }[];
    expect(saves.slice(0, -1).every((s) => s.completed === false)).toBe(true);
    expect(saves.at(-1)).toEqual({
      reason: 'For my degree',
      goals: 'Read the news critically',
      motivationLevel: 'high',
      learningStyle: 'reading',
      interactionPreference: 'examples',
      familiarity: 'beginner',
      priorExperience: ['School paper', 'Video club'],
      backgroundInfo: 'Second-year student',
      ageOrGrade: '19',
      preferredPace: 'medium',
      timeAvailability: '1_3h',
      learningNotes: 'Short replies please',
      completed: true,
    });
  });

  it('is editable later from the profile, starting from the saved answers', async () => {
    const client = installClient({
      'onboarding:save': (input) => ({ survey: aSurvey({ ...input }) }),
    });
    signInAs(aUser());
    useAppStore.setState({ survey: aSurvey({ goals: 'Old goal', preferredPace: 'fast' }), view: { name: 'onboarding-edit' } });
    renderUi(<OnboardingWizard mode="edit" />);
    expect((screen.getByLabelText(/What would you like to be able/) as HTMLTextAreaElement).value).toBe('Old goal');
    expect(screen.queryByRole('button', { name: 'Skip for now' })).toBeNull();
    fireEvent.change(screen.getByLabelText(/What would you like to be able/), { target: { value: 'New goal' } });
    for (let i = 0; i < 4; i++) fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Finish' }));
    await waitFor(() => expect(useAppStore.getState().view.name).toBe('settings'));
    // Editing saves once, at the end, with the untouched answers kept.
    expect(client.callsTo('onboarding:save')).toEqual([{ ...ALL_NULL, goals: 'New goal', preferredPace: 'fast', completed: true }]);
  });
});
