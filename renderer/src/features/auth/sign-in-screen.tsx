/** Sign in — also where people switch user on a shared machine — and self sign-up. */
import { useState, type FormEvent } from 'react';
import { t } from '../../i18n/index.ts';
import { useAppStore } from '../../store/store.ts';
import { FormActions, TextField } from '../../ui/fields.tsx';
import { ScreenHeading } from '../../ui/status.tsx';

export function SignInScreen() {
  const signIn = useAppStore((s) => s.signIn);
  const pending = useAppStore((s) => s.authPending);
  const selfSignUp = useAppStore((s) => s.appInfo?.selfSignUp ?? false);
  const showAuthScreen = useAppStore((s) => s.showAuthScreen);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    void signIn(email, password).then((ok) => {
      if (!ok) setPassword('');
    });
  }

  return (
    <main id="main" className="auth-page">
      <form className="card auth-card" onSubmit={submit} aria-labelledby="signin-title">
        <ScreenHeading id="signin-title">{t.auth.signInTitle}</ScreenHeading>
        <p>{t.auth.signInIntro}</p>
        <p className="muted">{t.auth.sharedMachineHint}</p>
        <TextField label={t.auth.email} type="email" value={email} onChange={setEmail} required autoComplete="username" />
        <TextField label={t.auth.password} type="password" value={password} onChange={setPassword} required autoComplete="current-password" />
        <FormActions>
          <button type="submit" className="button button--primary" disabled={pending}>
            {pending ? t.auth.signingIn : t.auth.signIn}
          </button>
        </FormActions>
        {selfSignUp ? (
          <p className="auth-switch">
            {t.auth.noAccount}{' '}
            <button type="button" className="link-button" onClick={() => showAuthScreen('register')}>
              {t.auth.toRegister}
            </button>
          </p>
        ) : null}
      </form>
    </main>
  );
}

export function RegisterScreen() {
  const register = useAppStore((s) => s.register);
  const pending = useAppStore((s) => s.authPending);
  const showAuthScreen = useAppStore((s) => s.showAuthScreen);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  function submit(e: FormEvent) {
    e.preventDefault();
    void register({ name, email, password });
  }

  return (
    <main id="main" className="auth-page">
      <form className="card auth-card" onSubmit={submit} aria-labelledby="register-title">
        <ScreenHeading id="register-title">{t.auth.registerTitle}</ScreenHeading>
        <TextField label={t.auth.name} value={name} onChange={setName} required autoComplete="name" />
        <TextField label={t.auth.email} type="email" value={email} onChange={setEmail} required autoComplete="email" />
        <TextField label={t.auth.password} type="password" value={password} onChange={setPassword} required autoComplete="new-password" hint={t.setup.passwordHint} />
        <FormActions>
          <button type="submit" className="button button--primary" disabled={pending}>
            {pending ? t.auth.registering : t.auth.register}
          </button>
        </FormActions>
        <p className="auth-switch">
          {t.auth.haveAccount}{' '}
          <button type="button" className="link-button" onClick={() => showAuthScreen('signIn')}>
            {t.auth.toSignIn}
          </button>
        </p>
      </form>
    </main>
  );
}
