/**
 * The renderer's one door to main. Components never call this; store actions call small
 * services that do. It uses the preload's `window.harv.invoke` on the desktop and
 * `POST /api/<channel>` in browser mode. Either way the answer is an envelope — nothing
 * throws across the boundary, and the session is never seen here (main or an HttpOnly
 * cookie keeps it).
 */
import type { AppError, Channel, ChannelInput, ChannelOutput, Envelope } from '../../../src/shared/contract/index.ts';
import { en } from '../i18n/en.ts';

/** What the preload exposes (main/electron/preload): one function, nothing else. */
export interface HarvBridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
}

declare global {
  interface Window {
    harv?: HarvBridge;
  }
}

/** Every call goes through an IpcClient; tests swap in `createTestClient`. */
export interface IpcClient {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>>;
}

function internalError(message: string): Envelope<never> {
  return { ok: false, error: { code: 'INTERNAL', message } };
}

function isAppError(value: unknown): value is AppError {
  return typeof value === 'object' && value !== null && typeof (value as AppError).code === 'string' && typeof (value as AppError).message === 'string';
}

/** Accepts only a well-formed envelope; anything else becomes a friendly INTERNAL error. */
export function toEnvelope(raw: unknown): Envelope<unknown> {
  if (typeof raw === 'object' && raw !== null && 'ok' in raw) {
    const r = raw as { ok: unknown; data?: unknown; error?: unknown };
    if (r.ok === true) return { ok: true, data: r.data };
    if (r.ok === false && isAppError(r.error)) return { ok: false, error: r.error };
  }
  return internalError(en.errors.badResponse);
}

async function callBridge(bridge: HarvBridge, channel: string, input: unknown): Promise<Envelope<unknown>> {
  try {
    return toEnvelope(await bridge.invoke(channel, input));
  } catch {
    return internalError(en.errors.unreachable);
  }
}

async function callHttp(channel: string, input: unknown): Promise<Envelope<unknown>> {
  let response: Response;
  try {
    // Channel names are `domain:verb` from the contract; they go into the path as they are.
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(input),
    });
  } catch {
    return internalError(en.errors.unreachable);
  }
  try {
    return toEnvelope(await response.json());
  } catch {
    return internalError(en.errors.badResponse);
  }
}

/** The real client: the preload bridge when present (desktop), HTTP otherwise (browser mode). */
export function createClient(): IpcClient {
  const send = (channel: string, input: unknown): Promise<Envelope<unknown>> => {
    const bridge = typeof window !== 'undefined' ? window.harv : undefined;
    return bridge && typeof bridge.invoke === 'function' ? callBridge(bridge, channel, input) : callHttp(channel, input);
  };
  // The envelope's data is main's, checked against this same contract in main's tests.
  return { invoke: (channel, input) => send(channel, input) as never };
}

let current: IpcClient = createClient();

/** Tests swap in a double (`createTestClient`); the app keeps the real one. */
export function setClient(client: IpcClient): void {
  current = client;
}

export function getClient(): IpcClient {
  return current;
}

export function invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>> {
  return current.invoke(channel, input);
}
