/**
 * Password policy and hashing.
 *
 * bcrypt reads only the first 72 bytes of a password; two passwords that differ after byte
 * 72 would hash alike. Rather than silently truncate, Harv refuses passwords longer than
 * 72 UTF-8 bytes and says so. bcryptjs's async API hashes in small slices between event-loop
 * turns, so a slow cost never freezes the app's main process.
 */
import bcrypt from 'bcryptjs';
import { invalid } from '../../ipc/handler-error.ts';

export const PASSWORD_MIN_CHARS = 8;
export const PASSWORD_MAX_BYTES = 72;
/** ~0.2–0.3 s per hash on a classroom laptop: slow for guessing, quick enough for a person. */
export const APP_BCRYPT_COST = 11;

export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if ([...password].length < PASSWORD_MIN_CHARS) problems.push(`Use at least ${PASSWORD_MIN_CHARS} characters.`);
  if (new TextEncoder().encode(password).length > PASSWORD_MAX_BYTES) {
    problems.push(`Use at most ${PASSWORD_MAX_BYTES} bytes (72 plain letters; fewer with accents or emoji).`);
  }
  if (password.trim().length === 0) problems.push('A password cannot be only spaces.');
  return problems;
}

/** Throws VALIDATION naming `field` when the password breaks the policy. */
export function assertPasswordPolicy(password: string, field = 'password'): void {
  const problems = passwordProblems(password);
  if (problems.length > 0) throw invalid(field, problems.join(' '));
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

export function createPasswordHasher(cost: number = APP_BCRYPT_COST): PasswordHasher {
  return {
    hash: (password) => bcrypt.hash(password, cost),
    verify: async (password, hash) => {
      try {
        const same = await bcrypt.compare(password, hash);
        // bcrypt compares only the first 72 bytes; a longer password can never be the one set
        // (the policy refuses them), so it never matches — compared anyway, so timing is alike.
        return same && new TextEncoder().encode(password).length <= PASSWORD_MAX_BYTES;
      } catch {
        return false;
      }
    },
  };
}
