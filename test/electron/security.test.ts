/**
 * The desktop shell's security, without launching Electron (its binary cannot run here):
 * `electron` is mocked, and the window, session, preload and IPC registration are driven
 * through small fakes. These pin the checklist of STYLE.md "Security, tested": sandboxed
 * renderer, context isolation, no Node, one narrow preload, navigation/new windows/webviews
 * and permissions refused, a strict CSP, a path-traversal check on the app protocol, and a
 * session that stays in main per window.
 */
import { posix, win32 } from 'node:path';
import type { IpcMain, IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Dispatcher } from '../../main/ipc/dispatcher.ts';
import { INVOKE_CHANNEL } from '../../main/electron/ipc-channel.ts';
import { registerIpc } from '../../main/electron/register-ipc.ts';
import { APP_ORIGIN, hardenSession, hardenWebContents, isAppUrl, resolveAppFile, secureWebPreferences } from '../../main/electron/security.ts';
import { PASSWORD, startHarness, type Harness } from '../helpers/harness.ts';
import type { Envelope } from '../../src/shared/contract/errors.ts';

const electron = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  invoke: vi.fn(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: { invoke: electron.invoke },
}));

// ── window preferences and URLs ────────────────────────────────────────────────────────

describe('secureWebPreferences', () => {
  it('pins the sandbox, context isolation and no Node, with the given preload', () => {
    const prefs = secureWebPreferences('/app/out/preload/preload.mjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/preload.mjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('turns on nothing that loosens the renderer', () => {
    const prefs: Record<string, unknown> = { ...secureWebPreferences('/p.mjs') };
    for (const risky of ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'webviewTag', 'allowRunningInsecureContent', 'experimentalFeatures', 'enableBlinkFeatures', 'enableRemoteModule']) {
      expect(prefs[risky] === true || typeof prefs[risky] === 'string', risky).toBe(false);
    }
    expect(prefs.webSecurity).not.toBe(false);
    expect(prefs.sandbox).not.toBe(false);
    expect(prefs.contextIsolation).not.toBe(false);
  });
});

describe('isAppUrl', () => {
  it.each(['harv://app/index.html', 'harv://app/', 'harv://app/assets/main.js?v=1#top'])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'harv://evil/index.html',
    'harv://app.evil.test/index.html',
    'harv://app@evil.test/',
    'harv://app:8080/',
    'https://app/index.html',
    'http://localhost:5173/',
    'http://127.0.0.1:5174/',
    'file:///index.html',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('resolveAppFile', () => {
  const root = '/srv/harv/out/renderer';
  const resolvePosix = (url: string) => resolveAppFile(url, root, posix.join, posix.sep);

  it('maps app URLs to files inside the renderer folder', () => {
    expect(resolvePosix('harv://app/')).toBe(`${root}/index.html`);
    expect(resolvePosix('harv://app/index.html')).toBe(`${root}/index.html`);
    expect(resolvePosix('harv://app/assets/main.js')).toBe(`${root}/assets/main.js`);
    expect(resolvePosix('harv://app/assets/font%20file.woff2')).toBe(`${root}/assets/font file.woff2`);
  });

  it.each([
    'harv://app/../../etc/passwd',
    'harv://app/%2e%2e/%2e%2e/etc/passwd',
    'harv://app/..%2f..%2f..%2f..%2fetc%2fpasswd',
    'harv://app/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'harv://app/assets/..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    'harv://app/..%2frenderer-evil%2fsteal.js',
    'harv://app/%252e%252e/%252e%252e/etc/passwd',
    'harv://app/%E0%A4%A',
  ])('never resolves outside the renderer folder: %s', (url) => {
    const file = resolvePosix(url);
    if (file !== null) expect(file.startsWith(`${root}/`), file).toBe(true);
    expect(file).not.toBe('/etc/passwd');
  });

  it('refuses encoded traversal outright (null), not just clamps it', () => {
    expect(resolvePosix('harv://app/..%2f..%2f..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolvePosix('harv://app/..%2frenderer-evil%2fsteal.js')).toBeNull();
  });

  it('refuses backslash traversal on Windows paths', () => {
    const winRoot = 'C:\\Program Files\\Harv\\resources\\renderer';
    expect(resolveAppFile('harv://app/assets/main.js', winRoot, win32.join, win32.sep)).toBe(`${winRoot}\\assets\\main.js`);
    expect(resolveAppFile('harv://app/..%5c..%5c..%5c..%5cWindows%5cwin.ini', winRoot, win32.join, win32.sep)).toBeNull();
    expect(resolveAppFile('harv://app/..\\..\\..\\..\\Windows\\win.ini', winRoot, win32.join, win32.sep)).toBeNull();
  });

  it.each(['harv://evil/index.html', 'https://app/index.html', 'file:///srv/harv/out/renderer/index.html', 'not a url'])(
    'refuses other origins: %s',
    (url) => {
      expect(resolvePosix(url)).toBeNull();
    },
  );
});

// ── window contents and session ────────────────────────────────────────────────────────

type Listener = (...args: unknown[]) => void;

function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => unknown) | null = null;
  const contents = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      openHandler = handler;
    },
  };
  /** Emits like Electron does and reports whether a listener prevented the default. */
  const emit = (event: string, ...args: unknown[]): boolean => {
    const ev = { preventDefault: vi.fn() };
    for (const l of listeners.get(event) ?? []) l(ev, ...args);
    return ev.preventDefault.mock.calls.length > 0;
  };
  return { contents: contents as unknown as WebContents, emit, listeners, openHandler: () => openHandler };
}

describe('hardenWebContents', () => {
  const external = ['https://evil.test/', 'http://127.0.0.1:5174/', 'file:///etc/passwd', 'harv://evil/', 'javascript:alert(1)'];

  it.each(external)('blocks navigation and redirects to %s', (url) => {
    const fake = fakeContents();
    hardenWebContents(fake.contents);
    expect(fake.emit('will-navigate', url, false, true)).toBe(true);
    expect(fake.emit('will-redirect', url, false, true)).toBe(true);
  });

  it('lets the app navigate within itself', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents);
    expect(fake.emit('will-navigate', `${APP_ORIGIN}/index.html#/progress`, false, true)).toBe(false);
    expect(fake.emit('will-redirect', `${APP_ORIGIN}/index.html`, false, true)).toBe(false);
  });

  it('denies every window.open, even to the app itself', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents);
    const handler = fake.openHandler();
    expect(handler).not.toBeNull();
    for (const url of ['https://evil.test/', `${APP_ORIGIN}/index.html`, 'about:blank']) {
      expect(handler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('prevents attaching a <webview>', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents);
    expect(fake.emit('will-attach-webview', { src: 'https://evil.test/' }, { src: 'https://evil.test/' })).toBe(true);
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null = null;
    let check: ((contents: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null;
    let headers: ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void) | null = null;
    const session = {
      setPermissionRequestHandler(h: typeof request) {
        request = h;
      },
      setPermissionCheckHandler(h: typeof check) {
        check = h;
      },
      webRequest: {
        onHeadersReceived(h: typeof headers) {
          headers = h;
        },
      },
    };
    return { session: session as unknown as Session, request: () => request, check: () => check, headers: () => headers };
  }

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'usb'])('denies the %s permission, requested or checked', (permission) => {
    const fake = fakeSession();
    hardenSession(fake.session);
    const callback = vi.fn();
    fake.request()?.({}, permission, callback, { requestingUrl: `${APP_ORIGIN}/index.html` });
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    expect(fake.check()?.({}, permission, APP_ORIGIN, {})).toBe(false);
  });

  it('adds the CSP and nosniff to every response, keeping the other headers', () => {
    const fake = fakeSession();
    hardenSession(fake.session);
    const callback = vi.fn();
    fake.headers()?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledOnce();
    const response = callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> };
    expect(response.responseHeaders['Content-Type']).toEqual(['text/html']);
    const csp = (response.responseHeaders['Content-Security-Policy'] ?? []).join(';').split(';').map((d) => d.trim());
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp.some((d) => d.startsWith('script-src') && /unsafe|\*|https?:/.test(d))).toBe(false);
    expect(response.responseHeaders['X-Content-Type-Options']).toEqual(['nosniff']);
  });

  it('adds the CSP to a response that had no headers at all', () => {
    const fake = fakeSession();
    hardenSession(fake.session);
    const callback = vi.fn();
    fake.headers()?.({}, callback);
    const response = callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> };
    expect(response.responseHeaders['Content-Security-Policy']?.[0]).toContain("default-src 'self'");
  });
});

// ── the preload ────────────────────────────────────────────────────────────────────────

describe('preload', () => {
  beforeEach(() => {
    vi.resetModules();
    electron.exposeInMainWorld.mockReset();
    electron.invoke.mockReset();
  });

  async function loadPreload(): Promise<{ invoke: (channel: unknown, input: unknown) => Promise<unknown> }> {
    await import('../../main/electron/preload.ts');
    expect(electron.exposeInMainWorld).toHaveBeenCalledOnce();
    return electron.exposeInMainWorld.mock.calls[0]?.[1] as { invoke: (channel: unknown, input: unknown) => Promise<unknown> };
  }

  it('exposes exactly one key, harv, holding exactly ["invoke"], frozen', async () => {
    const api = await loadPreload();
    expect(electron.exposeInMainWorld.mock.calls.map((c) => c[0])).toEqual(['harv']);
    expect(Object.keys(api)).toEqual(['invoke']);
    expect(Object.getOwnPropertyNames(api)).toEqual(['invoke']);
    expect(Object.getPrototypeOf(api)).toBe(Object.prototype);
    expect(typeof api.invoke).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    // Nothing of ipcRenderer leaks through the bridge.
    expect(Object.values(api)).not.toContain(electron.invoke);
  });

  it('invoke forwards (INVOKE_CHANNEL, channel, input) to ipcRenderer.invoke and returns its answer', async () => {
    const api = await loadPreload();
    const envelope = { ok: true, data: { name: 'Harv' } };
    electron.invoke.mockResolvedValueOnce(envelope);
    const input = { email: 'lee@school.test' };
    await expect(api.invoke('users:me', input)).resolves.toBe(envelope);
    expect(electron.invoke).toHaveBeenCalledExactlyOnceWith(INVOKE_CHANNEL, 'users:me', input);
  });

  it('refuses a channel that is not a string without calling main', async () => {
    const api = await loadPreload();
    await expect(api.invoke({ toString: () => 'users:me' }, {})).rejects.toThrow(TypeError);
    expect(electron.invoke).not.toHaveBeenCalled();
  });
});

// ── IPC registration ───────────────────────────────────────────────────────────────────

type IpcHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

describe('registerIpc', () => {
  let h: Harness;
  let handler: IpcHandler;
  let forget: (contents: WebContents) => void;
  /** Tokens the dispatcher handed to the transport, and the token each call arrived with. */
  let tokensSet: string[];
  let tokensSeen: { channel: string; token: string | null; clientKey: string; isLocal: boolean }[];
  let handled: string[];

  beforeEach(async () => {
    h = await startHarness({ bundledPack: false });
    tokensSet = [];
    tokensSeen = [];
    handled = [];
    const real = h.core.dispatcher;
    const spy: Dispatcher = {
      services: real.services,
      dispatch(channel, input, transport) {
        tokensSeen.push({ channel, token: transport.sessionToken, clientKey: transport.clientKey, isLocal: transport.isLocal });
        return real.dispatch(channel, input, {
          ...transport,
          setSession(token, expiresAt) {
            if (token) tokensSet.push(token);
            transport.setSession(token, expiresAt);
          },
        });
      },
    };
    const ipcMain = {
      handle: vi.fn((channel: string, fn: IpcHandler) => {
        handled.push(channel);
        handler = fn;
      }),
    };
    forget = registerIpc(ipcMain as unknown as IpcMain, spy).forget;
  });
  afterEach(async () => h.dispose());

  function call(sender: { id: number; url: string | null }, channel: unknown, input: unknown): Promise<Envelope<unknown>> {
    const event = {
      sender: { id: sender.id },
      senderFrame: sender.url === null ? null : { url: sender.url },
    } as unknown as IpcMainInvokeEvent;
    return handler(event, channel, input) as Promise<Envelope<unknown>>;
  }

  const win1 = { id: 1, url: `${APP_ORIGIN}/index.html` };
  const win2 = { id: 2, url: `${APP_ORIGIN}/index.html#/progress` };
  const setupInput = { mode: 'classroom', admin: { email: 'admin@school.test', password: PASSWORD, name: 'Ada Admin' } };

  it('registers one handler, on the invoke channel', () => {
    expect(handled).toEqual([INVOKE_CHANNEL]);
  });

  it.each([
    ['a page navigated elsewhere', 'https://evil.test/'],
    ['a file:// page', 'file:///tmp/evil.html'],
    ['another harv host', 'harv://evil/index.html'],
    ['a dev server URL', 'http://localhost:5173/'],
    ['a destroyed frame', null],
  ])('calls from %s are FORBIDDEN and never reach the dispatcher', async (_label, url) => {
    const res = await call({ id: 7, url }, 'app:setup', setupInput);
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(tokensSeen).toEqual([]);
    expect((await h.core.db.knex('users').count<{ n: number }[]>({ n: '*' }))[0]?.n).toBe(0);
  });

  it('calls from harv://app reach the dispatcher, as a local caller keyed by window', async () => {
    const res = await call(win1, 'app:info', {});
    expect(res).toMatchObject({ ok: true, data: { name: 'Harv', setupDone: false } });
    expect(tokensSeen).toEqual([{ channel: 'app:info', token: null, clientKey: 'window:1', isLocal: true }]);
  });

  it('a non-string channel is UNKNOWN_CHANNEL, not a crash', async () => {
    expect(await call(win1, { channel: 'users:me' }, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await call(win1, 'no:such', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('keeps the session per webContents and never returns the token', async () => {
    const setup = await call(win1, 'app:setup', setupInput);
    expect(setup.ok).toBe(true);
    expect(tokensSet).toHaveLength(1);
    const adminToken = tokensSet[0] ?? '';
    expect(JSON.stringify(setup)).not.toContain(adminToken);

    // Window 1 is signed in; window 2 is not.
    expect(await call(win1, 'users:me', {})).toMatchObject({ ok: true, data: { user: { role: 'admin' } } });
    expect(await call(win2, 'users:me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(tokensSeen.filter((s) => s.channel === 'users:me').map((s) => s.token)).toEqual([adminToken, null]);

    // Window 2 signs in as someone else; each window keeps its own account.
    const created = await call(win1, 'users:create', { email: 'lee@school.test', password: PASSWORD, name: 'Lee Learner', role: 'learner' });
    expect(created.ok).toBe(true);
    const login = await call(win2, 'auth:login', { email: 'lee@school.test', password: PASSWORD });
    expect(login.ok).toBe(true);
    const learnerToken = tokensSet[1] ?? '';
    expect(learnerToken).not.toBe('');
    expect(learnerToken).not.toBe(adminToken);
    expect(JSON.stringify(login)).not.toContain(learnerToken);
    expect(await call(win1, 'users:me', {})).toMatchObject({ ok: true, data: { user: { email: 'admin@school.test' } } });
    expect(await call(win2, 'users:me', {})).toMatchObject({ ok: true, data: { user: { email: 'lee@school.test' } } });

    // Signing out in window 1 leaves window 2 signed in.
    expect(await call(win1, 'auth:logout', {})).toMatchObject({ ok: true });
    expect(await call(win1, 'users:me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await call(win2, 'users:me', {})).toMatchObject({ ok: true, data: { user: { email: 'lee@school.test' } } });
  });

  it('forgets a closed window’s session', async () => {
    expect((await call(win1, 'app:setup', setupInput)).ok).toBe(true);
    forget({ id: win1.id } as unknown as WebContents);
    expect(await call(win1, 'users:me', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(tokensSeen.at(-1)?.token).toBeNull();
  });

  it('a session token cannot be smuggled in through the input', async () => {
    expect((await call(win1, 'app:setup', setupInput)).ok).toBe(true);
    const adminToken = tokensSet[0] ?? '';
    const res = await call(win2, 'users:me', { sessionToken: adminToken, token: adminToken });
    expect(res.ok).toBe(false);
    expect(tokensSeen.at(-1)?.token).toBeNull();
  });
});
