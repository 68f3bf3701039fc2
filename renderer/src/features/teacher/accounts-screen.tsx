/**
 * Accounts: teachers create and manage learner accounts; admins any account. Deactivate,
 * unlock after too many failed sign-ins, and set a new password (there is no email offline).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { mayManageRole } from '../../../../src/shared/contract/access.ts';
import type { Role, User } from '../../../../src/shared/domain.ts';
import { t } from '../../i18n/index.ts';
import { useAppStore } from '../../store/store.ts';
import { FormActions, HiddenUsername, SaveOrLeave, SelectField, TextField } from '../../ui/fields.tsx';
import { EmptyState, Loading, ScreenHeading, formatDateTime } from '../../ui/status.tsx';
import { ScrollTable } from '../../ui/scroll-table.tsx';

const ROLES: Role[] = ['learner', 'teacher', 'admin'];

function CreateAccountForm({ actor }: { actor: Role }) {
  const createUser = useAppStore((s) => s.createUser);
  const roles = ROLES.filter((r) => mayManageRole(actor, r));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('learner');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await createUser({ name, email, password, role })) {
      setName('');
      setEmail('');
      setPassword('');
    }
  }

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby="create-account-title">
      <h2 id="create-account-title">{t.teacher.createAccount}</h2>
      <div className="form-grid">
        <TextField label={t.teacher.name} value={name} onChange={setName} required autoComplete="off" />
        <TextField label={t.teacher.email} type="email" value={email} onChange={setEmail} required autoComplete="off" />
        <TextField label={t.teacher.password} type="password" value={password} onChange={setPassword} required autoComplete="new-password" hint={t.setup.passwordHint} />
        <SelectField<Role> label={t.teacher.role} value={role} onChange={setRole} options={roles.map((r) => ({ value: r, label: t.nav.roleLabel[r] }))} />
      </div>
      <FormActions>
        <button type="submit" className="button button--primary">
          {t.teacher.create}
        </button>
      </FormActions>
    </form>
  );
}

function ResetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const reset = useAppStore((s) => s.resetUserPassword);
  const [password, setPassword] = useState('');
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await reset(user.id, password)) onDone();
  }
  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)}>
      <HiddenUsername value={user.email} />
      <TextField label={`${t.teacher.newPassword} (${user.name})`} type="password" value={password} onChange={setPassword} required autoComplete="new-password" />
      <SaveOrLeave onLeave={onDone} />
    </form>
  );
}

function isLocked(u: User): boolean {
  return u.lockedUntil !== null && Date.parse(u.lockedUntil) > Date.now();
}

function UserRow({ user, actor, selfId }: { user: User; actor: Role; selfId: number }) {
  const { setActive, unlock } = useAppStore(useShallow((s) => ({ setActive: s.setUserActive, unlock: s.unlockUser })));
  const [resetting, setResetting] = useState(false);
  const manageable = mayManageRole(actor, user.role) && user.id !== selfId;
  return (
    <tr data-user-email={user.email}>
      <th scope="row">{user.name}</th>
      <td>{user.email}</td>
      <td>{t.nav.roleLabel[user.role]}</td>
      <td>
        {user.isActive ? t.teacher.active : t.teacher.deactivated}
        {isLocked(user) ? ` · ${t.teacher.locked}` : ''}
      </td>
      <td>{formatDateTime(user.lastLoginAt)}</td>
      <td>
        {manageable ? (
          resetting ? (
            <ResetPasswordForm user={user} onDone={() => setResetting(false)} />
          ) : (
            <span className="toolbar">
              <button type="button" className="button" onClick={() => void setActive(user.id, !user.isActive)} aria-label={`${user.isActive ? t.teacher.deactivate : t.teacher.activate}: ${user.name}`}>
                {user.isActive ? t.teacher.deactivate : t.teacher.activate}
              </button>
              {isLocked(user) || user.failedLoginCount > 0 ? (
                <button type="button" className="button" onClick={() => void unlock(user.id)} aria-label={`${t.teacher.unlock}: ${user.name}`}>
                  {t.teacher.unlock}
                </button>
              ) : null}
              <button type="button" className="button" onClick={() => setResetting(true)} aria-label={`${t.teacher.resetPassword}: ${user.name}`}>
                {t.teacher.resetPassword}
              </button>
            </span>
          )
        ) : null}
      </td>
    </tr>
  );
}

export function AccountsScreen() {
  const { users, status, filter, actor, selfId } = useAppStore(
    useShallow((s) => ({ users: s.users, status: s.usersStatus, filter: s.usersRoleFilter, actor: s.user?.role ?? 'learner', selfId: s.user?.id ?? 0 })),
  );
  const loadUsers = useAppStore((s) => s.loadUsers);
  useEffect(() => {
    void loadUsers();
  }, [loadUsers]);

  return (
    <div className="page page--wide">
      <ScreenHeading>{t.teacher.accountsTitle}</ScreenHeading>
      <p className="lead">{t.teacher.accountsIntro}</p>
      <CreateAccountForm actor={actor} />
      <SelectField<'all' | Role>
        label={t.teacher.filterRole}
        value={filter ?? 'all'}
        onChange={(v) => void loadUsers(v === 'all' ? null : v)}
        // A teacher's list holds learners and themselves: no admin to filter for.
        options={[{ value: 'all', label: t.teacher.allRoles }, ...ROLES.filter((r) => actor === 'admin' || r !== 'admin').map((r) => ({ value: r, label: t.nav.roleLabel[r] }))]}
      />
      {status === 'loading' ? <Loading /> : null}
      {status === 'ready' && users.length === 0 ? <EmptyState>{t.teacher.noUsers}</EmptyState> : null}
      {users.length > 0 ? (
        <ScrollTable caption={t.teacher.accountsTitle}>
          <thead>
            <tr>
              <th scope="col">{t.teacher.name}</th>
              <th scope="col">{t.teacher.email}</th>
              <th scope="col">{t.teacher.role}</th>
              <th scope="col">{t.teacher.status}</th>
              <th scope="col">{t.teacher.lastLogin}</th>
              <th scope="col">{t.teacher.actions}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <UserRow key={u.id} user={u} actor={actor} selfId={selfId} />
            ))}
          </tbody>
        </ScrollTable>
      ) : null}
    </div>
  );
}
