/**
 * A running Harv core on a real SQLite file in a temp folder, and clients that hold a
 * session the way the transports do (the token stays in the client, never in an input).
 */
import { startHarvCore, type HarvCore } from '../../main/app-core.ts';
import type { TransportContext } from '../../main/ipc/dispatcher.ts';
import type { Channel, ChannelInput, ChannelOutput } from '../../src/shared/contract/channels.ts';
import type { Envelope } from '../../src/shared/contract/errors.ts';
import type { Role } from '../../src/shared/domain.ts';
import { makeTempDir } from './temp-db.ts';
import { join } from 'node:path';

export interface Harness {
  core: HarvCore;
  dir: string;
  clock: { now: number };
  client(opts?: { clientKey?: string; isLocal?: boolean }): Client;
  dispose(): Promise<void>;
}

export class Client {
  token: string | null = null;
  constructor(
    private readonly core: HarvCore,
    readonly clientKey: string,
    readonly isLocal: boolean,
  ) {}

  transport(): TransportContext {
    return {
      sessionToken: this.token,
      clientKey: this.clientKey,
      isLocal: this.isLocal,
      setSession: (token) => {
        this.token = token;
      },
    };
  }

  /** Any channel name and input, for hostile and malformed calls. */
  raw(channel: string, input: unknown): Promise<Envelope<unknown>> {
    return this.core.dispatcher.dispatch(channel, input, this.transport());
  }

  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>> {
    return this.raw(channel, input) as Promise<Envelope<ChannelOutput<C>>>;
  }

  /** Calls and returns the data, failing the test with the error when the call fails. */
  async ok<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
    const res = await this.call(channel, input);
    if (!res.ok) throw new Error(`${channel} failed: ${JSON.stringify(res.error)}`);
    return res.data;
  }
}

export async function startHarness(options: { bundledPack?: boolean } = {}): Promise<Harness> {
  const { dir, cleanup } = makeTempDir('harv-harness-');
  const clock = { now: HARNESS_START };
  const core = await startHarvCore({
    filename: join(dir, 'harv.sqlite'),
    passwordCost: 4,
    validateOutput: true,
    now: () => clock.now,
    skipBundledPack: options.bundledPack === false,
  });
  let n = 0;
  return {
    core,
    dir,
    clock,
    client: (opts = {}) => new Client(core, opts.clientKey ?? `test-client-${++n}`, opts.isLocal ?? true),
    async dispose() {
      await core.close();
      cleanup();
    },
  };
}

export const PASSWORD = 'correct horse battery';
/** The fake clock's starting time: fixed, so sessions and streaks are reproducible. */
export const HARNESS_START = Date.parse('2026-11-02T09:00:00.000Z');

/** First-run setup as an admin, plus signed-in clients for each role. */
export async function classroom(h: Harness, mode: 'personal' | 'classroom' = 'classroom') {
  const admin = h.client();
  await admin.ok('app:setup', { mode, admin: { email: 'admin@school.test', password: PASSWORD, name: 'Ada Admin' } });
  const make = async (email: string, name: string, role: Role) => {
    const { user } = await admin.ok('users:create', { email, password: PASSWORD, name, role });
    const c = h.client();
    await c.ok('auth:login', { email, password: PASSWORD });
    return { client: c, user };
  };
  const teacher = await make('teacher@school.test', 'Tess Teacher', 'teacher');
  const learner = await make('lee@school.test', 'Lee Learner', 'learner');
  const other = await make('olu@school.test', 'Olu Other', 'learner');
  return { admin, teacher, learner, other };
}
