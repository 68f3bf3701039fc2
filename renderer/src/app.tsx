/**
 * The root: boot (app info and session), then first-run setup, sign-in or sign-up, the
 * onboarding wizard, or the signed-in app with the current view. The alert region is always
 * on the page, whatever screen shows.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SignInScreen, RegisterScreen } from './features/auth/sign-in-screen.tsx';
import { LibraryScreen } from './features/library/library-screen.tsx';
import { MemoryScreen } from './features/memory/memory-screen.tsx';
import { needsOnboarding } from './features/onboarding/onboarding-slice.ts';
import { OnboardingWizard } from './features/onboarding/onboarding-wizard.tsx';
import { ProgressScreen } from './features/progress/progress-screen.tsx';
import { SettingsScreen } from './features/settings/settings-screen.tsx';
import { SetupScreen } from './features/setup/setup-screen.tsx';
import { AccountsScreen } from './features/teacher/accounts-screen.tsx';
import { ClassGridScreen } from './features/teacher/class-grid-screen.tsx';
import { LearnerScreen } from './features/teacher/learner-screen.tsx';
import { ModuleEditorScreen } from './features/teacher/module-editor-screen.tsx';
import { PacksScreen } from './features/teacher/packs-screen.tsx';
import { TutorScreen } from './features/tutor/tutor-screen.tsx';
import { t } from './i18n/index.ts';
import { useAppStore } from './store/store.ts';
import { AlertRegion } from './ui/alert-region.tsx';
import { AppShell } from './ui/app-shell.tsx';
import { Loading } from './ui/status.tsx';
import type { View } from './ui/ui-slice.ts';

function CurrentView({ view, teacher }: { view: View; teacher: boolean }) {
  switch (view.name) {
    case 'tutor':
      return <TutorScreen key={view.moduleId} moduleId={view.moduleId} />;
    case 'memory':
      return <MemoryScreen />;
    case 'progress':
      return <ProgressScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'onboarding-edit':
      return <OnboardingWizard mode="edit" />;
    case 'teacher-grid':
      return teacher ? <ClassGridScreen /> : <LibraryScreen />;
    case 'teacher-learner':
      return teacher ? <LearnerScreen key={view.userId} /> : <LibraryScreen />;
    case 'teacher-accounts':
      return teacher ? <AccountsScreen /> : <LibraryScreen />;
    case 'teacher-modules':
      return teacher ? <ModuleEditorScreen /> : <LibraryScreen />;
    case 'teacher-packs':
      return teacher ? <PacksScreen /> : <LibraryScreen />;
    case 'library':
      return <LibraryScreen />;
  }
}

function Screen() {
  const s = useAppStore(
    useShallow((st) => ({
      bootStatus: st.bootStatus,
      setupDone: st.appInfo?.setupDone ?? false,
      signedIn: st.user !== null,
      role: st.user?.role ?? null,
      authScreen: st.authScreen,
      selfSignUp: st.appInfo?.selfSignUp ?? false,
      onboardingStatus: st.onboardingStatus,
      needsOnboarding: needsOnboarding(st),
      view: st.view,
    })),
  );
  const boot = useAppStore((st) => st.boot);

  if (s.bootStatus === 'idle' || s.bootStatus === 'loading') {
    return (
      <main id="main" className="auth-page">
        <Loading label={t.app.loading} />
      </main>
    );
  }
  if (s.bootStatus === 'error') {
    return (
      <main id="main" className="auth-page">
        <div className="card auth-card">
          <h1>{t.app.bootFailed}</h1>
          <button type="button" className="button button--primary" onClick={() => void boot()}>
            {t.app.retry}
          </button>
        </div>
      </main>
    );
  }
  if (!s.setupDone) return <SetupScreen />;
  if (!s.signedIn) return s.authScreen === 'register' && s.selfSignUp ? <RegisterScreen /> : <SignInScreen />;
  if (s.onboardingStatus === 'idle' || s.onboardingStatus === 'loading') {
    return (
      <main id="main" className="auth-page">
        <Loading />
      </main>
    );
  }
  if (s.needsOnboarding) return <OnboardingWizard mode="first" />;
  const teacher = s.role === 'teacher' || s.role === 'admin';
  return (
    <AppShell>
      <CurrentView view={s.view} teacher={teacher} />
    </AppShell>
  );
}

export function App() {
  const boot = useAppStore((s) => s.boot);
  useEffect(() => {
    void boot();
  }, [boot]);
  return (
    <>
      <Screen />
      <AlertRegion />
    </>
  );
}
