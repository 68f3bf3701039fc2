// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, toEnvelope } from './client.ts';
import { createTestClient, testError } from './test-client.ts';
import { en } from '../i18n/en.ts';

afterEach(() => {
  vi.unstubAllGlobals();
  delete window.harv;
});

describe('the IPC client', () => {
  it('posts to /api/<channel> with JSON and same-origin credentials when there is no preload', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: true, data: { user: null, expiresAt: null } })));
    vi.stubGlobal('fetch', fetchMock);
    const out = await createClient().invoke('auth:session', {});
    expect(out).toEqual({ ok: true, data: { user: null, expiresAt: null } });
    expect(fetchMock).toHaveBeenCalledWith('/api/auth:session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body: '{}',
    });
  });

  it('turns a network failure into an INTERNAL envelope with a friendly message', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const out = await createClient().invoke('app:info', {});
    expect(out).toEqual({ ok: false, error: { code: 'INTERNAL', message: en.errors.unreachable } });
  });

  it('passes error envelopes through with their code and fields', async () => {
    const error = { code: 'VALIDATION', message: 'Some values are not valid.', fields: { email: ['Enter a valid email address'] } };
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ ok: false, error }), { status: 400 })));
    expect(await createClient().invoke('auth:login', { email: 'x', password: 'y' })).toEqual({ ok: false, error });
  });

  it('rejects a body that is not an envelope', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>proxy error</html>')));
    const out = await createClient().invoke('app:info', {});
    expect(out).toEqual({ ok: false, error: { code: 'INTERNAL', message: en.errors.badResponse } });
    expect(toEnvelope({ hello: 1 })).toEqual({ ok: false, error: { code: 'INTERNAL', message: en.errors.badResponse } });
  });

  it('uses window.harv.invoke when the preload provides it, and never fetch', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const bridge = vi.fn(async () => ({ ok: true, data: { signedOut: true } }));
    window.harv = { invoke: bridge };
    const out = await createClient().invoke('auth:logout', {});
    expect(out).toEqual({ ok: true, data: { signedOut: true } });
    expect(bridge).toHaveBeenCalledWith('auth:logout', {});
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('turns a rejected bridge call into an INTERNAL envelope', async () => {
    window.harv = { invoke: vi.fn(async () => Promise.reject(new Error('An object could not be cloned'))) };
    const out = await createClient().invoke('app:info', {});
    expect(out).toEqual({ ok: false, error: { code: 'INTERNAL', message: en.errors.unreachable } });
  });
});

describe('the test double', () => {
  it('answers from handlers, records calls, maps testError and missing handlers', async () => {
    const client = createTestClient({
      'auth:logout': () => ({ signedOut: true as const }),
      'auth:login': () => {
        throw testError('UNAUTHENTICATED', 'The email or password is not right.');
      },
    });
    expect(await client.invoke('auth:logout', {})).toEqual({ ok: true, data: { signedOut: true } });
    expect(await client.invoke('auth:login', { email: 'a@b.c', password: 'x' })).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: 'The email or password is not right.' },
    });
    expect((await client.invoke('app:info', {})).ok).toBe(false);
    expect(client.callsTo('auth:login')).toEqual([{ email: 'a@b.c', password: 'x' }]);
  });
});
