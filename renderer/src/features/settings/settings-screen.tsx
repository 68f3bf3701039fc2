/** Settings: profile, password, theme (this machine only), learning profile, app settings (admins). */
import { useEffect, useState, type FormEvent } from 'react';
import type { AppSettings, User } from '../../../../src/shared/domain.ts';
import { t } from '../../i18n/index.ts';
import { useAppStore } from '../../store/store.ts';
import { Checkbox, FormActions, HiddenUsername, RadioGroup, SelectField, TextField } from '../../ui/fields.tsx';
import { Loading, ScreenHeading } from '../../ui/status.tsx';
import type { ThemePreference } from '../../ui/theme.ts';
import { OnboardingSummary } from '../onboarding/onboarding-wizard.tsx';

function ProfileForm({ user }: { user: User }) {
  const update = useAppStore((s) => s.updateProfile);
  const [name, setName] = useState(user.name);
  const [email, setEmail] = useState(user.email);
  function submit(e: FormEvent) {
    e.preventDefault();
    const patch: { name?: string; email?: string } = {};
    if (name !== user.name) patch.name = name;
    if (email !== user.email) patch.email = email;
    if (Object.keys(patch).length > 0) void update(patch);
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby="profile-title">
      <h2 id="profile-title">{t.settings.profile}</h2>
      <TextField label={t.settings.name} value={name} onChange={setName} required autoComplete="name" />
      <TextField label={t.settings.email} type="email" value={email} onChange={setEmail} required autoComplete="email" />
      <FormActions>
        <button type="submit" className="button button--primary">
          {t.settings.saveProfile}
        </button>
      </FormActions>
    </form>
  );
}

function PasswordForm() {
  const change = useAppStore((s) => s.changePassword);
  const email = useAppStore((s) => s.user?.email ?? '');
  const notify = useAppStore((s) => s.notify);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (next !== confirm) {
      notify('error', t.settings.passwordsDiffer);
      return;
    }
    if (await change(current, next)) {
      setCurrent('');
      setNext('');
      setConfirm('');
    }
  }
  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="password-title">
      <h2 id="password-title">{t.settings.password}</h2>
      <HiddenUsername value={email} />
      <TextField label={t.settings.currentPassword} type="password" value={current} onChange={setCurrent} required autoComplete="current-password" />
      <TextField label={t.settings.newPassword} type="password" value={next} onChange={setNext} required autoComplete="new-password" hint={t.setup.passwordHint} />
      <TextField label={t.settings.confirmPassword} type="password" value={confirm} onChange={setConfirm} required autoComplete="new-password" />
      <FormActions>
        <button type="submit" className="button button--primary">
          {t.settings.changePassword}
        </button>
      </FormActions>
    </form>
  );
}

function ThemeChooser() {
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  return (
    <section className="card" aria-labelledby="theme-title">
      <h2 id="theme-title" className="visually-hidden">
        {t.settings.theme}
      </h2>
      <RadioGroup<ThemePreference>
        legend={t.settings.theme}
        value={theme}
        onChange={(v) => setTheme(v ?? 'system')}
        options={[
          { value: 'light', label: t.settings.themeLight },
          { value: 'dark', label: t.settings.themeDark },
          { value: 'system', label: t.settings.themeSystem },
        ]}
      />
    </section>
  );
}

function AppSettingsForm({ settings }: { settings: AppSettings }) {
  const update = useAppStore((s) => s.updateAppSettings);
  const [form, setForm] = useState<AppSettings>(settings);
  function submit(e: FormEvent) {
    e.preventDefault();
    const patch: Partial<AppSettings> = {};
    for (const key of Object.keys(form) as (keyof AppSettings)[]) {
      if (form[key] !== settings[key]) (patch as Record<string, unknown>)[key] = form[key];
    }
    if (Object.keys(patch).length > 0) void update(patch);
  }
  const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));
  return (
    <form className="card" onSubmit={submit} aria-labelledby="app-settings-title">
      <h2 id="app-settings-title">{t.settings.appSettings}</h2>
      <SelectField label={t.settings.usageMode} value={form.usageMode} onChange={(v) => setForm({ ...form, usageMode: v as AppSettings['usageMode'] })} options={options(t.settings.usageModes)} />
      <Checkbox label={t.settings.selfSignUp} checked={form.selfSignUp} onChange={(v) => setForm({ ...form, selfSignUp: v })} />
      <SelectField
        label={t.settings.backupSchedule}
        value={form.backupSchedule}
        onChange={(v) => setForm({ ...form, backupSchedule: v as AppSettings['backupSchedule'] })}
        options={options(t.settings.backupSchedules)}
      />
      <SelectField label={t.settings.tutorEngine} value={form.tutorEngine} onChange={(v) => setForm({ ...form, tutorEngine: v as AppSettings['tutorEngine'] })} options={options(t.settings.tutorEngines)} />
      <FormActions>
        <button type="submit" className="button button--primary">
          {t.settings.saveSettings}
        </button>
      </FormActions>
    </form>
  );
}

export function SettingsScreen() {
  const user = useAppStore((s) => s.user);
  const settings = useAppStore((s) => s.appSettings);
  const settingsStatus = useAppStore((s) => s.appSettingsStatus);
  const loadAppSettings = useAppStore((s) => s.loadAppSettings);
  const navigate = useAppStore((s) => s.navigate);
  const exportMyData = useAppStore((s) => s.exportMyData);
  const isAdmin = user?.role === 'admin';
  useEffect(() => {
    if (isAdmin) void loadAppSettings();
  }, [isAdmin, loadAppSettings]);
  if (!user) return null;

  return (
    <div className="page">
      <ScreenHeading>{t.settings.title}</ScreenHeading>
      <div className="settings-grid">
        <ProfileForm key={user.updatedAt} user={user} />
        <PasswordForm />
        <ThemeChooser />
        <section className="card" aria-labelledby="learning-profile-title">
          <h2 id="learning-profile-title">{t.settings.learningProfile}</h2>
          <p className="muted">{t.settings.learningProfileIntro}</p>
          <OnboardingSummary />
          <button type="button" className="button" onClick={() => navigate({ name: 'onboarding-edit' })}>
            {t.onboarding.edit}
          </button>
        </section>
        <section className="card" aria-labelledby="your-data-title">
          <h2 id="your-data-title">{t.settings.yourData}</h2>
          <p className="muted">{t.settings.yourDataIntro}</p>
          <button type="button" className="button" onClick={() => void exportMyData()}>
            {t.settings.exportMyData}
          </button>
        </section>
        {isAdmin ? (
          settings ? (
            <AppSettingsForm key={JSON.stringify(settings)} settings={settings} />
          ) : settingsStatus === 'loading' ? (
            <Loading />
          ) : null
        ) : null}
        {isAdmin ? (
          <section className="card">
            <button type="button" className="button" onClick={() => navigate({ name: 'teacher-accounts' })}>
              {t.settings.manageAccounts}
            </button>
          </section>
        ) : null}
      </div>
    </div>
  );
}
