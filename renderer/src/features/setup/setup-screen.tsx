/** First run: choose personal or classroom use and create the first (admin) account. */
import { useState, type FormEvent } from 'react';
import type { UsageMode } from '../../../../src/shared/domain.ts';
import { t } from '../../i18n/index.ts';
import { useAppStore } from '../../store/store.ts';
import { FormActions, RadioGroup, TextField } from '../../ui/fields.tsx';
import { ScreenHeading } from '../../ui/status.tsx';

export function SetupScreen() {
  const setup = useAppStore((s) => s.setup);
  const pending = useAppStore((s) => s.authPending);
  const notify = useAppStore((s) => s.notify);
  const [mode, setMode] = useState<UsageMode>('personal');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== confirm) {
      notify('error', t.setup.passwordsDiffer);
      return;
    }
    void setup({ mode, admin: { name, email, password } });
  }

  return (
    <main id="main" className="auth-page">
      <form className="card auth-card" onSubmit={submit} aria-labelledby="setup-title">
        <ScreenHeading id="setup-title">{t.setup.title}</ScreenHeading>
        <p>{t.setup.intro}</p>
        <RadioGroup<UsageMode>
          legend={t.setup.modeLegend}
          value={mode}
          onChange={(v) => setMode(v ?? 'personal')}
          options={[
            { value: 'personal', label: t.setup.modePersonal, hint: t.setup.modePersonalHint },
            { value: 'classroom', label: t.setup.modeClassroom, hint: t.setup.modeClassroomHint },
          ]}
        />
        <fieldset>
          <legend>{t.setup.accountLegend}</legend>
          <TextField label={t.setup.name} value={name} onChange={setName} required autoComplete="name" />
          <TextField label={t.setup.email} type="email" value={email} onChange={setEmail} required autoComplete="email" />
          <TextField label={t.setup.password} type="password" value={password} onChange={setPassword} required autoComplete="new-password" hint={t.setup.passwordHint} />
          <TextField label={t.setup.confirmPassword} type="password" value={confirm} onChange={setConfirm} required autoComplete="new-password" />
        </fieldset>
        <FormActions>
          <button type="submit" className="button button--primary" disabled={pending}>
            {pending ? t.setup.submitting : t.setup.submit}
          </button>
        </FormActions>
      </form>
    </main>
  );
}
