/**
 * `npm run admin:reset-password -- --email E [--data-dir D]`
 *
 * At a terminal it asks for the new password twice, without echoing it. Piped, it reads the
 * password from the first line of standard input (`--password-stdin` says so explicitly).
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

const USAGE = `Usage: npm run admin:reset-password -- --email you@example.org [--data-dir DIR] [--password-stdin]

Sets a new password for the account, lifts any sign-in lock and signs it out everywhere.
At a terminal the password is asked for twice; piped, it is the first line of standard input.`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

function readOptions() {
  try {
    return parseArgs({
      options: {
        email: { type: 'string' },
        'data-dir': { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (err) {
    return fail(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`, 2);
  }
}

const values = readOptions();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.email) fail(USAGE, 2);

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
  // Without a terminal there is nobody to answer a prompt: take the first piped line.
  if (values['password-stdin'] || !process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
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
