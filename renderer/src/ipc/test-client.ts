/**
 * The IPC client's test double (Actual's `initServer(handlers)`): give it handlers for the
 * channels a test needs, get a client that answers with envelopes and records every call.
 * A handler returns the channel's data, or throws `testError(code, message)` to answer with
 * an error envelope. A channel without a handler answers UNKNOWN_CHANNEL.
 */
import type { AppError, Channel, ChannelInput, ChannelOutput, Envelope } from '../../../src/shared/contract/index.ts';
import type { IpcClient } from './client.ts';

export type TestHandler<C extends Channel> = (input: ChannelInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
export type TestHandlerMap = { [C in Channel]?: TestHandler<C> };

export class TestError extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
  }
}

export function testError(code: AppError['code'], message: string, extra: Partial<AppError> = {}): TestError {
  return new TestError({ code, message, ...extra });
}

export interface TestClient extends IpcClient {
  calls: { channel: string; input: unknown }[];
  callsTo(channel: string): unknown[];
  /** Replace or add handlers mid-test. */
  use(handlers: TestHandlerMap): void;
}

export function createTestClient(handlers: TestHandlerMap = {}): TestClient {
  const map: Record<string, ((input: unknown) => unknown) | undefined> = { ...(handlers as Record<string, (input: unknown) => unknown>) };
  const calls: { channel: string; input: unknown }[] = [];

  async function run(channel: string, input: unknown): Promise<Envelope<unknown>> {
    calls.push({ channel, input });
    const handler = map[channel];
    if (!handler) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `No handler for ${channel}` } };
    try {
      return { ok: true, data: await handler(input) };
    } catch (err) {
      if (err instanceof TestError) return { ok: false, error: err.appError };
      return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong.' } };
    }
  }

  return {
    calls,
    callsTo: (channel) => calls.filter((c) => c.channel === channel).map((c) => c.input),
    use(more) {
      Object.assign(map, more);
    },
    invoke: (channel, input) => run(channel, input) as never,
  };
}
