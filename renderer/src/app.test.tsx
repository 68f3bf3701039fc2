// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from './app.tsx';
import { testError } from './ipc/test-client.ts';
import { useAppStore } from './store/store.ts';
import { aMemory, aModule, anOverview, aSurvey, aUser, appInfo } from './test/fixtures.ts';
import { installClient, renderUi } from './test/harness.tsx';

const fill = (label: RegExp | string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('first run, sign-in and sign-out', () => {
  it.each([
    ['personal use', /Personal use/, 'personal', { name: 'Tell Harv how you like to learn' }],
    ['a classroom', /Classroom/, 'classroom', { name: 'Modules', level: 1 }],
  ] as const)('first run for %s: the setup form calls app:setup, then the admin sees %j', async (_label, choice, mode, next) => {
    const client = installClient({
      'app:info': () => appInfo({ setupDone: false, usageMode: null }),
      'app:setup': (input) => ({ user: aUser({ role: 'admin', name: input.admin.name, email: input.admin.email }) }),
      'onboarding:get': () => ({ survey: null }),
      'modules:list': () => ({ modules: [aModule()] }),
      'progress:overview': () => anOverview(),
    });
    renderUi(<App />);
    await screen.findByRole('heading', { name: 'Welcome to Harv' });
    fireEvent.click(screen.getByLabelText(choice));
    fill('Your name (required)', 'Grace Admin');
    fill('Email (required)', 'grace@example.org');
    fill(/^Password/, 'a long password');
    fill(/^Confirm password/, 'a long password');
    fireEvent.click(screen.getByRole('button', { name: 'Set up Harv' }));
    // The admin of a personal install is its learner and is asked how they learn; a classroom's admin is not.
    await screen.findByRole('heading', next);
    expect(screen.queryByRole('heading', { name: 'Tell Harv how you like to learn' }) === null).toBe(mode === 'classroom');
    expect(client.callsTo('app:setup')).toEqual([{ mode, admin: { name: 'Grace Admin', email: 'grace@example.org', password: 'a long password' } }]);
  });

  it('setup refuses mismatched passwords before calling main, in the alert region', async () => {
    const client = installClient({ 'app:info': () => appInfo({ setupDone: false, usageMode: null }) });
    renderUi(<App />);
    await screen.findByRole('heading', { name: 'Welcome to Harv' });
    fill('Your name (required)', 'G');
    fill('Email (required)', 'g@example.org');
    fill(/^Password/, 'one password');
    fill(/^Confirm password/, 'another one');
    fireEvent.click(screen.getByRole('button', { name: 'Set up Harv' }));
    expect(await within(screen.getByTestId('alert-region')).findByText('The passwords do not match.')).toBeTruthy();
    expect(client.callsTo('app:setup')).toEqual([]);
  });

  it('an error envelope from main shows in the alert region with its field messages', async () => {
    installClient({
      'app:info': () => appInfo(),
      'auth:session': () => ({ user: null, expiresAt: null }),
      'auth:login': () => {
        throw testError('RATE_LIMITED', 'Too many sign-in attempts.', { retryAfterSeconds: 30, fields: { email: ['Slow down'] } });
      },
    });
    renderUi(<App />);
    await screen.findByRole('heading', { name: 'Sign in' });
    fill(/^Email/, 'ada@example.org');
    fill(/^Password/, 'wrong');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = screen.getByRole('alert');
    await within(alert).findByText('Too many sign-in attempts.');
    expect(alert.textContent).toContain('Email: Slow down');
    expect(alert.textContent).toContain('Try again in 30 s.');
  });

  it('offers registration only when self sign-up is on, and registers', async () => {
    const client = installClient({
      'app:info': () => appInfo({ selfSignUp: true }),
      'auth:session': () => ({ user: null, expiresAt: null }),
      'auth:register': (input) => ({ user: aUser({ name: input.name }) }),
      'onboarding:get': () => ({ survey: null }),
    });
    renderUi(<App />);
    await screen.findByRole('heading', { name: 'Sign in' });
    fireEvent.click(screen.getByRole('button', { name: 'Create an account' }));
    fill(/^Your name/, 'New Learner');
    fill(/^Email/, 'new@example.org');
    fill(/^Password/, 'a long password');
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByRole('heading', { name: 'Tell Harv how you like to learn' });
    expect(client.callsTo('auth:register')).toEqual([{ name: 'New Learner', email: 'new@example.org', password: 'a long password' }]);
  });

  it('no registration link when self sign-up is off', async () => {
    installClient({ 'app:info': () => appInfo({ selfSignUp: false }), 'auth:session': () => ({ user: null, expiresAt: null }) });
    renderUi(<App />);
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(screen.queryByRole('button', { name: 'Create an account' })).toBeNull();
  });

  it('sign out, then a different user: no trace of the first user on screen or in the store', async () => {
    let signedIn = true;
    installClient({
      'app:info': () => appInfo(),
      'auth:session': () => ({ user: signedIn ? aUser({ name: 'Ada Learner' }) : null, expiresAt: null }),
      'onboarding:get': () => ({ survey: aSurvey() }),
      'modules:list': () => ({ modules: [aModule()] }),
      'progress:overview': () => anOverview(),
      'memory:list': () => ({ summaries: [aMemory({ whatLearned: 'Ada secret insight' })] }),
      'auth:logout': () => {
        signedIn = false;
        return { signedOut: true as const };
      },
      'auth:login': () => ({ user: aUser({ id: 2, name: 'Bo Other', email: 'bo@example.org' }) }),
    });
    renderUi(<App />);
    await screen.findByText(/Signed in as Ada Learner/);
    fireEvent.click(screen.getByRole('button', { name: 'Memory' }));
    await screen.findByText('Ada secret insight');

    fireEvent.click(screen.getByRole('button', { name: 'Switch user' }));
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(document.body.textContent).not.toContain('Ada');
    expect(useAppStore.getState().summaries).toEqual([]);

    fill(/^Email/, 'bo@example.org');
    fill(/^Password/, 'pw');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByText(/Signed in as Bo Other/);
    // Bo lands on the library, not on Ada's last screen, and sees nothing of hers.
    expect(screen.getByRole('heading', { name: 'Modules', level: 1 })).toBeTruthy();
    expect(document.body.textContent).not.toContain('Ada');
  });

  it('shows a retry when main cannot be reached at start', async () => {
    let up = false;
    installClient({
      'app:info': () => {
        if (!up) throw testError('INTERNAL', 'Harv could not reach its engine.');
        return appInfo();
      },
      'auth:session': () => ({ user: null, expiresAt: null }),
    });
    renderUi(<App />);
    await screen.findByText('Harv could not start.');
    up = true;
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    });
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Sign in' })).toBeTruthy());
  });
});
