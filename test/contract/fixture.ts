/**
 * A classroom fixture built once per test file and copied for each case: an admin, a
 * teacher, two learners with conversations, messages and memory, on the bundled pack.
 * Copying a closed SQLite file is far faster than rebuilding it, so every case starts from
 * identical, realistic data.
 */
import { afterAll, beforeAll } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startHarvCore, type HarvCore } from '../../main/app-core.ts';
import { createHttpServer, SESSION_COOKIE } from '../../main/server/http-server.ts';
import type { TransportContext } from '../../main/ipc/dispatcher.ts';
import type { Envelope } from '../../src/shared/contract/errors.ts';
import { classroom, HARNESS_START, startHarness } from '../helpers/harness.ts';
import { makeTempDir } from '../helpers/temp-db.ts';

export type Who = 'anon' | 'learner' | 'other' | 'teacher' | 'admin';

export interface FixtureIds {
  tokens: Record<Exclude<Who, 'anon'>, string>;
  users: Record<Exclude<Who, 'anon'>, number>;
  moduleId: number;
  secondModuleId: number;
  conceptId: number;
  /** A concept nobody has worked on (second module). */
  freeConceptId: number;
  learnerConversationId: number;
  otherConversationId: number;
  learnerMessageId: number;
  otherMessageId: number;
  learnerMemoryId: number;
  otherMemoryId: number;
}

export async function buildFixture(): Promise<{ file: string; ids: FixtureIds; cleanup: () => void }> {
  const h = await startHarness();
  const c = await classroom(h);
  const { modules } = await c.learner.client.ok('modules:list', {});
  const moduleId = modules[0]!.id;
  const secondModuleId = modules[1]!.id;
  const detail = await c.teacher.client.ok('modules:get', { id: moduleId });
  const conceptId = detail.concepts[0]!.id;
  const freeConceptId = (await c.teacher.client.ok('modules:get', { id: secondModuleId })).concepts[0]!.id;
  const talk = async (client: typeof c.learner.client) => {
    const { conversation } = await client.ok('conversations:start', { moduleId });
    let last = 0;
    for (const text of ['I think people see things differently', 'Maybe because of their background?', 'We notice different details']) {
      const sent = await client.ok('messages:send', { conversationId: conversation.id, content: text });
      last = sent.reply!.id;
    }
    const { summaries } = await client.ok('memory:list', {});
    return { conversationId: conversation.id, messageId: last, memoryId: summaries[0]!.id };
  };
  const mine = await talk(c.learner.client);
  const theirs = await talk(c.other.client);
  const ids: FixtureIds = {
    tokens: {
      learner: c.learner.client.token!,
      other: c.other.client.token!,
      teacher: c.teacher.client.token!,
      admin: c.admin.token!,
    },
    users: { learner: c.learner.user.id, other: c.other.user.id, teacher: c.teacher.user.id, admin: (await c.admin.ok('users:me', {})).user.id },
    moduleId,
    secondModuleId,
    conceptId,
    freeConceptId,
    learnerConversationId: mine.conversationId,
    otherConversationId: theirs.conversationId,
    learnerMessageId: mine.messageId,
    otherMessageId: theirs.messageId,
    learnerMemoryId: mine.memoryId,
    otherMemoryId: theirs.memoryId,
  };
  await h.core.close();
  return { file: join(h.dir, 'harv.sqlite'), ids, cleanup: () => void h.dispose() };
}

/** A caller with one identity over one transport. */
export interface Caller {
  call(channel: string, input: unknown): Promise<Envelope<unknown>>;
}

export interface CaseWorld {
  core: HarvCore;
  as(who: Who): Caller;
  close(): Promise<void>;
}

/** A fresh copy of the fixture with in-process callers (the dispatcher, as the desktop shell uses it). */
export async function inProcessWorld(template: string, ids: FixtureIds): Promise<CaseWorld> {
  const { dir, cleanup } = makeTempDir('harv-case-');
  const file = join(dir, 'harv.sqlite');
  copyFileSync(template, file);
  // The fixture's sessions were made on the harness clock; the copy runs a minute later.
  const core = await startHarvCore({ filename: file, passwordCost: 4, validateOutput: true, now: () => HARNESS_START + 60_000 });
  return {
    core,
    as(who) {
      let token: string | null = who === 'anon' ? null : ids.tokens[who];
      return {
        call: (channel, input) => {
          const transport: TransportContext = {
            sessionToken: token,
            clientKey: `case-${who}`,
            isLocal: true,
            setSession: (t) => {
              token = t;
            },
          };
          return core.dispatcher.dispatch(channel, input, transport);
        },
      };
    },
    async close() {
      await core.close();
      cleanup();
    },
  };
}

/**
 * One in-process world on a fresh fixture for a whole test file: built before its first test,
 * closed and deleted after its last. Read `world` and `ids` inside tests, not while collecting.
 */
export function inProcessWorldForFile(): { readonly world: CaseWorld; readonly ids: FixtureIds } {
  let built: { world: CaseWorld; ids: FixtureIds; cleanup: () => void } | null = null;
  beforeAll(async () => {
    const { file, ids, cleanup } = await buildFixture();
    built = { world: await inProcessWorld(file, ids), ids, cleanup };
  }, 120_000);
  afterAll(async () => {
    await built?.world.close();
    built?.cleanup();
  });
  const ready = () => {
    if (!built) throw new Error('The fixture world is built in beforeAll; use it inside a test or a later hook.');
    return built;
  };
  return {
    get world() {
      return ready().world;
    },
    get ids() {
      return ready().ids;
    },
  };
}

/** The same, over HTTP against the real server (the browser mode). */
export async function httpWorld(template: string, ids: FixtureIds): Promise<CaseWorld> {
  const inner = await inProcessWorld(template, ids);
  const { dir, cleanup } = makeTempDir('harv-static-');
  const server: Server = createHttpServer({ dispatcher: inner.core.dispatcher, staticDir: dir, appVersion: 'test' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    core: inner.core,
    as(who) {
      let cookie: string | null = who === 'anon' ? null : `${SESSION_COOKIE}=${ids.tokens[who]}`;
      return {
        async call(channel, input) {
          const res = await fetch(`http://127.0.0.1:${port}/api/${encodeURIComponent(channel)}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
            body: JSON.stringify(input ?? {}),
          });
          const set = res.headers.get('set-cookie');
          if (set) cookie = set.split(';')[0] ?? null;
          return (await res.json()) as Envelope<unknown>;
        },
      };
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await inner.close();
      cleanup();
    },
  };
}

/**
 * Every app table's rows, for "nothing was written". Security bookkeeping — the one write a
 * rejected call may make (sessions' last-seen time, failed-login counters) — is left out.
 */
export async function snapshotRows(core: HarvCore): Promise<string> {
  const knex = core.db.knex;
  const tables = [
    'users', 'onboarding_surveys', 'content_packs', 'modules', 'module_concepts', 'conversations',
    'messages', 'memory_summaries', 'user_progress', 'concept_mastery', 'app_settings',
  ];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    const rows = (await knex(t).select('*').orderBy(t === 'app_settings' ? 'key' : 'id')) as Record<string, unknown>[];
    out[t] = rows.map((r) => {
      const { failed_login_count: _f, locked_until: _l, last_login_at: _ll, ...rest } = r;
      return t === 'users' ? rest : r;
    });
  }
  const sessions = (await knex('sessions').select('id', 'user_id', 'token_hash').orderBy('id')) as unknown[];
  return JSON.stringify({ ...out, sessions });
}

