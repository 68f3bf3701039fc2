/**
 * `npm run admin:reset-password -- --email E [--data-dir D] [--password-stdin]`
 *
 * There is no email offline, so a forgotten password is reset from the machine Harv runs
 * on: whoever can run this can already read the data folder. It sets the new password,
 * lifts any sign-in lock and ends the account's sessions.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { openDatabase } from '../main/db/open-database.ts';
import { databasePath, resolveDataDir } from '../main/db/data-dir.ts';
import { DatabaseOpenError } from '../main/db/errors.ts';
import { findUserByEmail, recordLoginAttempt, updateUser } from '../main/repositories/users.ts';
import { deleteSessionsOfUser } from '../main/repositories/sessions.ts';
import { createPasswordHasher, passwordProblems } from '../main/services/auth/passwords.ts';
import { existsSync } from 'node:fs';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    'data-dir': { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
  },
});

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

if (!values.email) fail('Usage: npm run admin:reset-password -- --email you@example.org [--data-dir DIR] [--password-stdin]', 2);

async function readLine(prompt: string, hidden: boolean): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: hidden && process.stdin.isTTY });
  if (hidden && process.stdin.isTTY) {
    // Echo nothing while the password is typed.
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.includes(prompt)) write.call(rl, prompt);
    };
  }
  return new Promise((resolve) => {
    rl.question(prompt, (answer) => {
      rl.close();
      if (hidden && process.stdin.isTTY) process.stdout.write('\n');
      resolve(answer);
    });
  });
}

async function readPassword(): Promise<string> {
  if (values['password-stdin']) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  const first = await readLine('New password: ', true);
  const second = await readLine('Repeat it: ', true);
  if (first !== second) fail('The two passwords differ. Nothing was changed.');
  return first;
}

const dataDir = resolveDataDir(values['data-dir']);
const file = databasePath(dataDir);
if (!existsSync(file)) fail(`No Harv database in ${dataDir}. Use --data-dir to point at it.`);

let db;
try {
  db = await openDatabase({ filename: file });
} catch (err) {
  if (err instanceof DatabaseOpenError) fail(`Cannot open the database: ${err.message}`);
  throw err;
}
try {
  const user = await findUserByEmail(db.knex, values.email);
  if (!user) fail(`No account with the email ${values.email}. Nothing was changed.`);
  const password = await readPassword();
  const problems = passwordProblems(password);
  if (problems.length > 0) fail(`${problems.join(' ')} Nothing was changed.`);
  const hashed = await createPasswordHasher().hash(password);
  await db.knex.transaction(async (trx) => {
    await updateUser(trx, user.id, { hashedPassword: hashed });
    await recordLoginAttempt(trx, user.id, { failedLoginCount: 0, lockedUntil: null });
    await deleteSessionsOfUser(trx, user.id);
  });
  console.log(`The password of ${user.email} (${user.role}) is reset. Sign in with the new password.`);
  if (!user.isActive) console.log('Note: this account is deactivated; an administrator can reactivate it.');
} finally {
  await db.close();
}
