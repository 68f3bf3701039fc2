/**
 * The dispatcher: the one door into main. Both transports (Electron IPC and HTTP) call
 * `dispatch(channel, input, transport)` and get an envelope back.
 *
 *   unknown channel → UNKNOWN_CHANNEL
 *   session resolved from the transport (never from the input)
 *   role checked against the role-by-channel table → UNAUTHENTICATED / FORBIDDEN
 *   input parsed by the channel's zod schema → VALIDATION with field paths
 *   handler run — writes inside one transaction; ownership checked per row
 *   any failure mapped to a code; no exception, SQL, stack trace or path crosses
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import { channelAccess, roleMayCall } from '../../src/shared/contract/access.ts';
import { channels, isChannel, type Channel, type ChannelOutput, type ParsedInput } from '../../src/shared/contract/channels.ts';
import type { AppError, Envelope } from '../../src/shared/contract/errors.ts';
import type { AppSettings, Role } from '../../src/shared/domain.ts';
import { ConstraintError } from '../db/errors.ts';
import { readSettings } from '../repositories/app-settings.ts';
import { CorruptColumnError, type Db } from '../repositories/row-mapping.ts';
import { forgetCurriculum, type SessionUser } from '../repositories/hot-reads.ts';
import { ClientThrottle } from '../services/auth/login-throttle.ts';
import { createPasswordHasher, type PasswordHasher } from '../services/auth/passwords.ts';
import { resolveSession, SessionCache } from '../services/auth/sessions.ts';
import type { SessionRecord } from '../repositories/sessions.ts';
import { HandlerError } from './handler-error.ts';
import type { TutorEngine } from '../services/tutor/engine-types.ts';
import { LearnerMemoryCache } from '../services/tutor/learner-memory-cache.ts';
import type { Reader } from '../db/reader.ts';

/** What a transport tells the dispatcher about one call, and how it keeps the session. */
export interface TransportContext {
  /** The session token the transport holds for this caller (cookie, or the window's), if any. */
  sessionToken: string | null;
  /** Who is calling, for throttling: an IP address in browser mode, a window on the desktop. */
  clientKey: string;
  /** The call comes from this machine itself (first-run setup is accepted only then). */
  isLocal: boolean;
  /** Store (or with null, forget) the session token for this caller. */
  setSession(token: string | null, expiresAt: string | null): void;
}

export interface SignedInUser {
  id: number;
  role: Role;
  name: string;
  email: string;
}

export interface AppServices {
  passwords: PasswordHasher;
  clientThrottle: ClientThrottle;
  /** Milliseconds since the epoch; tests pass a fake clock. */
  now(): number;
  appVersion: string;
  tutor: TutorEngine | null;
  /** The slow-changing layers of learners' tutor memory, kept between replies. */
  learnerMemory: LearnerMemoryCache;
}

export interface HandlerContext {
  /** The handle to use: a transaction for write handlers, the root handle otherwise. */
  db: Db;
  /** The root Knex handle, for handlers that manage their own transactions. */
  knex: Knex;
  /** The read-only connection for hot reads; only outside transactions (it sees committed data). */
  reader: Reader;
  /** The handler runs inside the dispatcher's write transaction: read through `db`, not `reader`. */
  inTransaction: boolean;
  user: SignedInUser | null;
  session: SessionRecord | null;
  settings: AppSettings;
  transport: TransportContext;
  services: AppServices;
  /** Forget cached settings after a handler changed them. */
  invalidateSettings(): void;
}

/** A handler whose context is known to be signed in (the dispatcher guarantees it for non-public channels). */
export function requireUser(ctx: HandlerContext): SignedInUser {
  if (!ctx.user) throw new HandlerError('UNAUTHENTICATED', 'Please sign in.');
  return ctx.user;
}

export type TxMode =
  /** Reads only; no transaction. */
  | 'read'
  /** All writes in one transaction: all or nothing. */
  | 'write'
  /** The handler manages its own transactions (sign-in bookkeeping, the tutor's two-phase send). */
  | 'manual';

export interface HandlerSpec<C extends Channel> {
  tx: TxMode;
  /**
   * This write never ends a session or changes an account (learning records only), so the
   * sessions confirmed before it stay confirmed. Every other write makes the dispatcher
   * confirm each session afresh on the next call. Leave unset when in doubt.
   */
  leavesAccountsAlone?: true;
  /**
   * This write keeps the learner-memory cache current itself (a tutor reply: see
   * LearnerMemoryCache.afterReply). After every other write the cache is forgotten.
   */
  maintainsLearnerMemory?: true;
  handle(ctx: HandlerContext, input: ParsedInput<C>): Promise<ChannelOutput<C>>;
}

export type HandlerMap = { [C in Channel]: HandlerSpec<C> };
export type PartialHandlerMap = { [C in Channel]?: HandlerSpec<C> };

/** Joins per-domain handler maps; a channel registered twice is a programming error. */
export function combineHandlers(...maps: PartialHandlerMap[]): HandlerMap {
  const out: PartialHandlerMap = {};
  for (const map of maps) {
    for (const key of Object.keys(map) as Channel[]) {
      if (out[key]) throw new Error(`Channel ${key} is registered twice`);
      (out as Record<string, unknown>)[key] = map[key];
    }
  }
  const missing = (Object.keys(channels) as Channel[]).filter((c) => !out[c]);
  if (missing.length > 0) throw new Error(`Channels without a handler: ${missing.join(', ')}`);
  return out as HandlerMap;
}

export interface DispatcherOptions {
  knex: Knex;
  reader: Reader;
  handlers: HandlerMap;
  services: Partial<AppServices> & Pick<AppServices, 'appVersion'>;
  /** Check every output against its schema (tests and development). */
  validateOutput?: boolean;
  /** Where unexpected errors are logged (main's log; never the caller). */
  logError?: (channel: string, err: unknown) => void;
}

export interface Dispatcher {
  dispatch(channel: string, input: unknown, transport: TransportContext): Promise<Envelope<unknown>>;
  readonly services: AppServices;
}

function zodFields(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(input)';
    (fields[path] ??= []).push(issue.message);
  }
  return fields;
}

function fail(code: AppError['code'], message: string, extra: Partial<AppError> = {}): Envelope<never> {
  return { ok: false, error: { code, message, ...extra } };
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const { knex, reader, handlers } = options;
  const services: AppServices = {
    passwords: options.services.passwords ?? createPasswordHasher(),
    clientThrottle: options.services.clientThrottle ?? new ClientThrottle(),
    now: options.services.now ?? (() => Date.now()),
    appVersion: options.services.appVersion,
    tutor: options.services.tutor ?? null,
    learnerMemory: options.services.learnerMemory ?? new LearnerMemoryCache(),
  };
  const logError = options.logError ?? ((channel, err) => console.error(`[harv] ${channel} failed:`, err));
  // App settings are read on every call; kept for a few seconds (a change made here clears them
  // at once; one made by another Harv process on the same data shows within SETTINGS_TRUST_MS).
  const SETTINGS_TRUST_MS = 5000;
  let settingsCache: { value: AppSettings; at: number } | null = null;
  const sessionCache = new SessionCache();
  const settings = async () => {
    if (!settingsCache || performance.now() - settingsCache.at > SETTINGS_TRUST_MS) {
      settingsCache = { value: await readSettings(knex), at: performance.now() };
    }
    return settingsCache.value;
  };

  function mapError(channel: string, err: unknown): Envelope<never> {
    if (err instanceof HandlerError) return fail(err.code, err.message, err.extra);
    if (err instanceof z.ZodError) return fail('VALIDATION', 'Some values are not valid.', { fields: zodFields(err) });
    if (err instanceof ConstraintError) {
      if (err.kind === 'duplicate') return fail('CONFLICT', 'That already exists.');
      if (err.kind === 'invalid_reference') return fail('NOT_FOUND', 'Something it refers to was not found.');
      return fail('VALIDATION', 'A value is not allowed.');
    }
    if (err instanceof CorruptColumnError) {
      logError(channel, err);
      return fail('INTERNAL', 'Stored data could not be read. Restore a backup or ask your administrator.');
    }
    logError(channel, err);
    return fail('INTERNAL', 'Something went wrong. Please try again.');
  }

  async function dispatch(channel: string, rawInput: unknown, transport: TransportContext): Promise<Envelope<unknown>> {
    if (typeof channel !== 'string' || !isChannel(channel)) {
      return fail('UNKNOWN_CHANNEL', 'That action does not exist.');
    }
    try {
      const current = await settings();
      let user: SessionUser | null = null;
      let session: SessionRecord | null = null;
      if (transport.sessionToken) {
        const resolved = await resolveSession(knex, transport.sessionToken, current.usageMode, services.now(), reader, sessionCache);
        if (resolved) {
          user = resolved.user;
          session = resolved.session;
          // A sliding session: the browser's cookie must slide with it, or an active learner
          // in a classroom would be signed out 30 minutes after signing in.
          if (resolved.extended) transport.setSession(transport.sessionToken, resolved.session.expiresAt);
        } else {
          // The transport's token is stale (expired, signed out elsewhere): forget it.
          transport.setSession(null, null);
        }
      }
      const access = channelAccess[channel];
      if (!roleMayCall(user?.role ?? null, access)) {
        return user
          ? fail('FORBIDDEN', 'Your account cannot do that.')
          : fail('UNAUTHENTICATED', 'Please sign in.');
      }
      const parsed = channels[channel].input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        return fail('VALIDATION', 'Some values are not valid.', { fields: zodFields(parsed.error) });
      }
      const spec = handlers[channel] as HandlerSpec<Channel>;
      const base = {
        knex,
        reader,
        user: user ? { id: user.id, role: user.role, name: user.name, email: user.email } : null,
        session,
        settings: current,
        transport,
        services,
        invalidateSettings: () => {
          settingsCache = null;
        },
      };
      const input = parsed.data as ParsedInput<Channel>;
      let data: unknown;
      try {
        data =
          spec.tx === 'write'
            ? await knex.transaction((trx) => spec.handle({ ...base, db: trx, inTransaction: true }, input))
            : await spec.handle({ ...base, db: knex, inTransaction: false }, input);
      } finally {
        // Any call that may write may have ended or changed sessions (sign-out, password,
        // deactivation, role): confirm every session afresh from the next call on — unless
        // the channel only writes learning records (a tutor reply is the hottest write).
        if (spec.tx !== 'read' && !spec.leavesAccountsAlone) sessionCache.clear();
        // Whatever it wrote, the tutor reads afresh on the next reply.
        if (spec.tx !== 'read' && !spec.maintainsLearnerMemory) services.learnerMemory.clear();
        // Curriculum edits show on the very next tutor reply.
        if (spec.tx !== 'read' && (channel.startsWith('modules:') || channel.startsWith('concepts:'))) forgetCurriculum();
      }
      if (options.validateOutput) {
        const checked = channels[channel].output.safeParse(data);
        if (!checked.success) {
          logError(channel, new Error(`Output failed its schema: ${JSON.stringify(zodFields(checked.error))}`));
          return fail('INTERNAL', 'Something went wrong. Please try again.');
        }
      }
      return { ok: true, data };
    } catch (err) {
      return mapError(channel, err);
    }
  }

  return { dispatch, services };
}
