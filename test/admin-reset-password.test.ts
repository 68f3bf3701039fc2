/** The machine-side password reset: run as a developer or an admin would, on a real data folder. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startHarvCore } from '../main/app-core.ts';
import { makeTempDir } from './helpers/temp-db.ts';

const { dir, cleanup } = makeTempDir('harv-reset-');
afterAll(cleanup);
const root = join(import.meta.dirname, '..');

function reset(args: string[], stdin: string) {
  return spawnSync('npm', ['run', '-s', 'admin:reset-password', '--', ...args], { cwd: root, input: stdin, encoding: 'utf8' });
}

async function login(password: string) {
  const core = await startHarvCore({ filename: join(dir, 'harv.sqlite'), passwordCost: 4, skipBundledPack: true });
  try {
    return await core.dispatcher.dispatch('auth:login', { email: 'boss@school.test', password }, {
      sessionToken: null,
      clientKey: 't',
      isLocal: true,
      setSession: () => undefined,
    });
  } finally {
    await core.close();
  }
}

beforeAll(async () => {
  const core = await startHarvCore({ filename: join(dir, 'harv.sqlite'), passwordCost: 4, skipBundledPack: true });
  const res = await core.dispatcher.dispatch(
    'app:setup',
    { mode: 'classroom', admin: { email: 'boss@school.test', password: 'forgotten password', name: 'Boss' } },
    { sessionToken: null, clientKey: 't', isLocal: true, setSession: () => undefined },
  );
  expect(res.ok).toBe(true);
  await core.close();
}, 60_000);

describe('npm run admin:reset-password', () => {
  it('resets the password of an account so it can sign in again', async () => {
    const run = reset(['--email', 'BOSS@school.test', '--data-dir', dir, '--password-stdin'], 'a fresh start 2026\n');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/reset/);
    expect((await login('a fresh start 2026')).ok).toBe(true);
    expect((await login('forgotten password')).ok).toBe(false);
  }, 60_000);

  it('refuses a weak password and an unknown email, changing nothing', async () => {
    const weak = reset(['--email', 'boss@school.test', '--data-dir', dir, '--password-stdin'], 'short\n');
    expect(weak.status).not.toBe(0);
    expect(weak.stderr).toMatch(/at least 8 characters/);
    const unknown = reset(['--email', 'nobody@school.test', '--data-dir', dir, '--password-stdin'], 'whatever password\n');
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/No account/);
    expect((await login('a fresh start 2026')).ok).toBe(true);
  }, 60_000);

  it('takes a piped password without the flag, as typed twice at the prompts, instead of waiting for a terminal', async () => {
    const piped = reset(['--email', 'boss@school.test', '--data-dir', dir], 'piped in password\npiped in password\n');
    expect(piped.status, piped.stderr).toBe(0);
    expect((await login('piped in password')).ok).toBe(true);
  }, 60_000);

  it('answers --help and an unknown option with the usage, not a stack trace', () => {
    const help = reset(['--help'], '');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run admin:reset-password/);
    const unknown = reset(['--emial', 'boss@school.test'], '');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--emial'[\s\S]*Usage:/);
    expect(unknown.stderr).not.toMatch(/at .*\.ts:\d+/);
  }, 60_000);
});
