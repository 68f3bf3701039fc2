// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AppSettings } from '../../../../src/shared/domain.ts';
import { useAppStore } from '../../store/store.ts';
import { aConversation, aMemory, aMessage, aSurvey, aUser, appInfo } from '../../test/fixtures.ts';
import { captureDownloads, installClient, renderUi, signInAs } from '../../test/harness.tsx';
import { AlertRegion } from '../../ui/alert-region.tsx';
import { SettingsScreen } from './settings-screen.tsx';

const settings: AppSettings = { usageMode: 'classroom', selfSignUp: false, tutorEngine: 'socratic-builtin', backupSchedule: 'off' };

describe('settings', () => {
  it('theme: light, dark or follow the system — stored in localStorage, applied to the document', () => {
    installClient();
    signInAs(aUser());
    renderUi(<SettingsScreen />);
    expect((screen.getByLabelText('Follow the system') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByLabelText('Dark'));
    expect(localStorage.getItem('harv.theme')).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.click(screen.getByLabelText('Light'));
    expect(localStorage.getItem('harv.theme')).toBe('light');
    expect(document.documentElement.dataset.theme).toBe('light');
    fireEvent.click(screen.getByLabelText('Follow the system'));
    expect(localStorage.getItem('harv.theme')).toBe('system');
    expect(document.documentElement.dataset.theme).toBe('system');
  });

  it('profile and password changes go to users:update and auth:changePassword', async () => {
    const client = installClient({
      'users:update': (input) => ({ user: aUser({ ...input, updatedAt: '2026-02-01T00:00:00.000Z' }) }),
      'auth:changePassword': () => ({ changed: true as const }),
    });
    signInAs(aUser());
    renderUi(
      <>
        <SettingsScreen />
        <AlertRegion />
      </>,
    );
    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'Ada L.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save profile' }));
    await screen.findByText('Profile saved.');
    expect(client.callsTo('users:update')).toEqual([{ name: 'Ada L.' }]);

    fireEvent.change(screen.getByLabelText(/^Current password/), { target: { value: 'old password' } });
    fireEvent.change(screen.getByLabelText(/^New password/), { target: { value: 'new password!' } });
    fireEvent.change(screen.getByLabelText(/^Confirm new password/), { target: { value: 'new password!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change password' }));
    await screen.findByText('Password changed.');
    expect(client.callsTo('auth:changePassword')).toEqual([{ currentPassword: 'old password', newPassword: 'new password!' }]);
  });

  it('shows the learning profile and opens it for editing', () => {
    installClient();
    signInAs(aUser());
    useAppStore.setState({ survey: aSurvey({ goals: 'Read critically' }) });
    renderUi(<SettingsScreen />);
    expect(screen.getByText('Read critically')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Edit learning profile' }));
    expect(useAppStore.getState().view).toEqual({ name: 'onboarding-edit' });
  });

  it('admins change app settings (self sign-up) through settings:update; others do not see them', async () => {
    const client = installClient({
      'settings:get': () => ({ settings }),
      'settings:update': (input) => ({ settings: { ...settings, ...input.patch } }),
      'app:info': () => appInfo({ usageMode: 'classroom', selfSignUp: true }),
    });
    signInAs(aUser({ role: 'admin' }));
    renderUi(<SettingsScreen />);
    fireEvent.click(await screen.findByLabelText(/Let people create their own learner accounts/));
    fireEvent.click(screen.getByRole('button', { name: 'Save app settings' }));
    await waitFor(() => expect(client.callsTo('settings:update')).toEqual([{ patch: { selfSignUp: true } }]));
    await waitFor(() => expect(useAppStore.getState().appInfo?.selfSignUp).toBe(true));
  });

  it('downloads all of the learner’s own data (users:exportMyData) as JSON', async () => {
    const files = captureDownloads();
    const everything = {
      format: 'harv-user-export' as const,
      version: 1 as const,
      exportedAt: '2026-03-04T10:00:00.000Z',
      user: aUser(),
      onboarding: null,
      conversations: [{ ...aConversation(), messages: [aMessage(1)] }],
      memory: [aMemory()],
      progress: [],
      mastery: [],
    };
    installClient({ 'users:exportMyData': () => everything });
    signInAs(aUser());
    renderUi(<SettingsScreen />);
    fireEvent.click(screen.getByRole('button', { name: 'Download my data' }));
    await waitFor(() => expect(files.map((f) => f.name)).toEqual(['harv-my-data-2026-03-04.json']));
    expect(files[0]!.type).toBe('application/json');
    expect(JSON.parse(await files[0]!.text())).toEqual(everything);
  });

  it('learners see no app settings', () => {
    const client = installClient();
    signInAs(aUser());
    renderUi(<SettingsScreen />);
    expect(screen.queryByRole('button', { name: 'Save app settings' })).toBeNull();
    expect(client.callsTo('settings:get')).toEqual([]);
  });
});
