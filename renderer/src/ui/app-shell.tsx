/** The signed-in frame: skip link, header with navigation and the account, and the screen. */
import { useEffect, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { t } from '../i18n/index.ts';
import { useAppStore } from '../store/store.ts';
import type { View } from './ui-slice.ts';

type NavName = View['name'];
interface NavItem {
  name: NavName;
  label: string;
  /** Other views that count as being in this section. */
  also?: NavName[];
}

const LEARNER_NAV: NavItem[] = [
  { name: 'library', label: t.nav.library, also: ['tutor'] },
  { name: 'progress', label: t.nav.progress },
  { name: 'memory', label: t.nav.memory },
];
const TEACHER_NAV: NavItem[] = [
  { name: 'teacher-grid', label: t.nav.teacher, also: ['teacher-learner'] },
  { name: 'teacher-accounts', label: t.nav.accounts },
  { name: 'teacher-modules', label: t.nav.authoring },
  { name: 'teacher-packs', label: t.nav.packs },
];
const SETTINGS_NAV: NavItem = { name: 'settings', label: t.nav.settings, also: ['onboarding-edit'] };

/** Teacher views: teachers always; admins in a classroom, or once there is another account. */
export function useShowTeacherViews(): boolean {
  return useAppStore((s) => {
    const role = s.user?.role;
    if (role === 'teacher') return true;
    if (role !== 'admin') return false;
    return s.appInfo?.usageMode === 'classroom' || (s.accountCount ?? 0) > 1;
  });
}

export function AppShell({ children }: { children: ReactNode }) {
  const { user, viewName } = useAppStore(useShallow((s) => ({ user: s.user, viewName: s.view.name })));
  const { navigate, signOut, countAccounts } = useAppStore(useShallow((s) => ({ navigate: s.navigate, signOut: s.signOut, countAccounts: s.countAccounts })));
  const showTeacher = useShowTeacherViews();
  const role = user?.role;

  useEffect(() => {
    if (role === 'admin') void countAccounts();
  }, [role, countAccounts]);

  if (!user) return null;
  const items = [...LEARNER_NAV, ...(showTeacher ? TEACHER_NAV : []), SETTINGS_NAV];
  const isCurrent = (item: NavItem) => item.name === viewName || (item.also ?? []).includes(viewName);

  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t.app.skipToContent}
      </a>
      <header className="shell__header">
        <span className="shell__brand">{t.app.name}</span>
        <nav aria-label={t.nav.label} className="shell__nav">
          <ul>
            {items.map((item) => (
              <li key={item.name}>
                <button
                  type="button"
                  className={`nav-button ${isCurrent(item) ? 'is-current' : ''}`}
                  aria-current={isCurrent(item) ? 'page' : undefined}
                  onClick={() => navigate({ name: item.name } as View)}
                >
                  {item.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="shell__account">
          <span className="shell__user">
            {t.nav.signedInAs(user.name)} <span className="badge">{t.nav.roleLabel[user.role]}</span>
          </span>
          <button type="button" className="button button--quiet" onClick={() => void signOut()}>
            {t.nav.switchUser}
          </button>
          <button type="button" className="button" onClick={() => void signOut()}>
            {t.nav.signOut}
          </button>
        </div>
      </header>
      <main id="main" className="shell__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
