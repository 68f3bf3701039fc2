/** Repository: users. The password hash stays in main; `User` (src/shared) never carries it. */
import { onboardingAnswersSchema, roleSchema, type OnboardingAnswers, type Role, type User } from '../../src/shared/domain.ts';
import {
  fromBool,
  guardConstraints,
  nowIso,
  num,
  oneOf,
  parseNullableJsonColumn,
  str,
  strOrNull,
  toBool,
  toJson,
  type Db,
  type Row,
} from './row-mapping.ts';

export interface UserWithSecret extends User {
  hashedPassword: string;
}

const ROLES = roleSchema.options;

export function mapUser(row: Row): UserWithSecret {
  return {
    id: num(row, 'id'),
    email: str(row, 'email'),
    name: str(row, 'name'),
    role: oneOf(row, 'role', ROLES),
    isActive: toBool(row.is_active),
    onboardingData: parseNullableJsonColumn(onboardingAnswersSchema, row.onboarding_data, 'users.onboarding_data'),
    failedLoginCount: num(row, 'failed_login_count'),
    lockedUntil: strOrNull(row, 'locked_until'),
    lastLoginAt: strOrNull(row, 'last_login_at'),
    createdAt: str(row, 'created_at'),
    updatedAt: str(row, 'updated_at'),
    hashedPassword: str(row, 'hashed_password'),
  };
}

/** Strips the hash: the only form of a user that leaves main. */
export function publicUser(user: UserWithSecret): User {
  const { hashedPassword: _hash, ...rest } = user;
  return rest;
}

/** Emails are stored trimmed and lowercased; the column's NOCASE collation guards the rest. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface NewUser {
  email: string;
  hashedPassword: string;
  name: string;
  role: Role;
  isActive?: boolean;
}

export async function insertUser(db: Db, user: NewUser): Promise<UserWithSecret> {
  const now = nowIso();
  const [row] = await guardConstraints(() =>
    db('users')
      .insert({
        email: normaliseEmail(user.email),
        hashed_password: user.hashedPassword,
        name: user.name.trim(),
        role: user.role,
        is_active: fromBool(user.isActive ?? true),
        created_at: now,
        updated_at: now,
      })
      .returning('*'),
  );
  return mapUser(row as Row);
}

export async function findUserById(db: Db, id: number): Promise<UserWithSecret | null> {
  const row = (await db('users').where({ id }).first()) as Row | undefined;
  return row ? mapUser(row) : null;
}

export async function findUserByEmail(db: Db, email: string): Promise<UserWithSecret | null> {
  const row = (await db('users').where({ email: normaliseEmail(email) }).first()) as Row | undefined;
  return row ? mapUser(row) : null;
}

export async function listUsers(db: Db, filter: { role?: Role } = {}): Promise<UserWithSecret[]> {
  const q = db('users').orderBy('name').orderBy('id');
  if (filter.role) q.where({ role: filter.role });
  return ((await q) as Row[]).map(mapUser);
}

export async function countUsers(db: Db): Promise<number> {
  const row = (await db('users').count<{ n: number }[]>({ n: '*' }))[0];
  return row?.n ?? 0;
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const row = (await db('users').where({ role: 'admin', is_active: 1 }).count<{ n: number }[]>({ n: '*' }))[0];
  return row?.n ?? 0;
}

export interface UserPatch {
  email?: string;
  name?: string;
  role?: Role;
  isActive?: boolean;
  hashedPassword?: string;
  onboardingData?: OnboardingAnswers | null;
}

export async function updateUser(db: Db, id: number, patch: UserPatch): Promise<UserWithSecret | null> {
  const values: Row = { updated_at: nowIso() };
  if (patch.email !== undefined) values.email = normaliseEmail(patch.email);
  if (patch.name !== undefined) values.name = patch.name.trim();
  if (patch.role !== undefined) values.role = patch.role;
  if (patch.isActive !== undefined) values.is_active = fromBool(patch.isActive);
  if (patch.hashedPassword !== undefined) values.hashed_password = patch.hashedPassword;
  if (patch.onboardingData !== undefined) {
    values.onboarding_data = patch.onboardingData === null ? null : toJson(patch.onboardingData);
  }
  const rows = await guardConstraints(() => db('users').where({ id }).update(values).returning('*'));
  const row = rows[0] as Row | undefined;
  return row ? mapUser(row) : null;
}

/** Security bookkeeping after a failed or successful sign-in. */
export async function recordLoginAttempt(
  db: Db,
  id: number,
  outcome: { failedLoginCount: number; lockedUntil: string | null; lastLoginAt?: string },
): Promise<void> {
  const values: Row = { failed_login_count: outcome.failedLoginCount, locked_until: outcome.lockedUntil };
  if (outcome.lastLoginAt) values.last_login_at = outcome.lastLoginAt;
  await db('users').where({ id }).update(values);
}

export async function deleteUser(db: Db, id: number): Promise<boolean> {
  return (await db('users').where({ id }).delete()) > 0;
}
