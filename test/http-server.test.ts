/**
 * Browser (classroom) mode over real HTTP: the server from main/server/http-server.ts on an
 * ephemeral loopback port, the real dispatcher on a temp SQLite file, and a temp static folder
 * (with files planted next to it that must never be served). Requests are made with node:http
 * so paths and headers reach the server exactly as written.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { databasePath } from '../main/db/data-dir.ts';
import { createHttpServer, MAX_BODY_BYTES, SESSION_COOKIE } from '../main/server/http-server.ts';
import { PASSWORD, startHarness, type Harness } from './helpers/harness.ts';
import { makeTempDir } from './helpers/temp-db.ts';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Req {
  method?: string;
  path: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
}

let h: Harness;
let server: Server;
let port: number;
let staticDir: string;
let cleanupStatic: () => void;
/** Every response body this test saw, to prove the session token is never in one. */
let bodies: string[];

const SECRET = 'TOP-SECRET-OUTSIDE-STATIC-DIR';
const INDEX = '<!doctype html><title>Harv test page</title>';

beforeEach(async () => {
  h = await startHarness({ bundledPack: false });
  const tmp = makeTempDir('harv-http-');
  cleanupStatic = tmp.cleanup;
  staticDir = join(tmp.dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), INDEX);
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("harv")');
  // Planted next to the static folder: a traversal that escapes would serve these.
  writeFileSync(join(tmp.dir, 'package.json'), JSON.stringify({ secret: SECRET }));
  writeFileSync(join(tmp.dir, 'secret.txt'), SECRET);
  server = createHttpServer({ dispatcher: h.core.dispatcher, staticDir, appVersion: '9.9.9-test' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  bodies = [];
});

afterEach(async () => {
  vi.useRealTimers();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h.dispose();
  cleanupStatic();
});

function send(req: Req, toPort = port): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const r = httpRequest(
      { host: '127.0.0.1', port: toPort, method: req.method ?? 'GET', path: req.path, headers: req.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          bodies.push(body);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
        res.on('error', reject);
      },
    );
    // The server may answer (413) before reading a large body and close; that is fine.
    r.on('error', reject);
    if (req.body !== undefined) r.end(req.body);
    else r.end();
  });
}

function api(channel: string, input: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send({
    method: 'POST',
    path: `/api/${channel}`,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

interface EnvelopeJson {
  ok: boolean;
  data?: Record<string, unknown>;
  error?: { code: string; message: string; fields?: Record<string, string[]> };
}

function json(reply: Reply): EnvelopeJson {
  return JSON.parse(reply.body) as EnvelopeJson;
}

function setCookie(reply: Reply): string {
  const list = reply.headers['set-cookie'] ?? [];
  expect(list).toHaveLength(1);
  return list[0] ?? '';
}

function tokenFrom(cookie: string): string {
  const m = new RegExp(`^${SESSION_COOKIE}=([^;]*)`).exec(cookie);
  if (!m) throw new Error(`Not a session cookie: ${cookie}`);
  return m[1] ?? '';
}

const admin = { email: 'admin@school.test', password: PASSWORD, name: 'Ada Admin' };

async function setUp(mode: 'classroom' | 'personal' = 'classroom'): Promise<string> {
  const reply = await api('app:setup', { mode, admin });
  expect(reply.status).toBe(200);
  expect(json(reply).ok).toBe(true);
  return tokenFrom(setCookie(reply));
}

async function userCount(): Promise<number> {
  const row = (await h.core.db.knex('users').count<{ n: number }[]>({ n: '*' }))[0];
  return row?.n ?? 0;
}

describe('health and the envelope', () => {
  it('GET /health answers ok with the version', async () => {
    const reply = await send({ path: '/health' });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, name: 'Harv', version: '9.9.9-test' });
  });

  it('POST /api/app:info returns the dispatcher’s envelope', async () => {
    const reply = await api('app:info', {});
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    const body = json(reply);
    expect(body.ok).toBe(true);
    expect(body.data).toMatchObject({ name: 'Harv', setupDone: false, usageMode: null, selfSignUp: false });
  });

  it('an empty body is read as {}', async () => {
    const reply = await send({ method: 'POST', path: '/api/app:info', headers: { 'Content-Type': 'application/json' } });
    expect(json(reply).ok).toBe(true);
  });

  it('an unknown channel answers UNKNOWN_CHANNEL', async () => {
    const body = json(await api('nope:nothing', {}));
    expect(body.ok).toBe(false);
    expect(body.error?.code).toBe('UNKNOWN_CHANNEL');
  });

  it('GET on an API path is 405 and allows only POST', async () => {
    const reply = await send({ path: '/api/app:info' });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('POST');
    expect(json(reply).ok).toBe(false);
  });
});

describe('the session cookie', () => {
  it('app:setup sets an HttpOnly, SameSite=Strict, Path=/ cookie and the token is in no response body', async () => {
    const reply = await api('app:setup', { mode: 'classroom', admin });
    const cookie = setCookie(reply);
    const attributes = cookie.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=strict');
    expect(attributes).toContain('path=/');
    const token = tokenFrom(cookie);
    expect(token.length).toBeGreaterThanOrEqual(20);

    // A few more calls that could leak it: login, session probe, me.
    const login = await api('auth:login', { email: admin.email, password: PASSWORD });
    const token2 = tokenFrom(setCookie(login));
    await api('auth:session', {}, { Cookie: `${SESSION_COOKIE}=${token2}` });
    await api('users:me', {}, { Cookie: `${SESSION_COOKIE}=${token2}` });
    expect(bodies.length).toBeGreaterThanOrEqual(4);
    for (const body of bodies) {
      expect(body).not.toContain(token);
      expect(body).not.toContain(token2);
    }
  });

  it('the cookie carries the session to users:me; without it the caller is UNAUTHENTICATED', async () => {
    const token = await setUp();
    const me = json(await api('users:me', {}, { Cookie: `other=1; ${SESSION_COOKIE}=${token}` }));
    expect(me.ok).toBe(true);
    expect((me.data?.user as { email: string }).email).toBe(admin.email);
    expect(json(await api('users:me', {})).error?.code).toBe('UNAUTHENTICATED');
    expect(json(await api('users:me', {}, { Cookie: `${SESSION_COOKIE}=not-a-real-session-token-at-all` })).error?.code).toBe('UNAUTHENTICATED');
  });

  it('logout clears the cookie and ends the session', async () => {
    const token = await setUp();
    const cookieHeader = { Cookie: `${SESSION_COOKIE}=${token}` };
    const reply = await api('auth:logout', {}, cookieHeader);
    const cleared = setCookie(reply);
    expect(tokenFrom(cleared)).toBe('');
    expect(cleared.toLowerCase()).toContain('max-age=0');
    expect(json(await api('users:me', {}, cookieHeader)).error?.code).toBe('UNAUTHENTICATED');
  });

  it('a classroom browser that keeps using Harv stays signed in past 30 minutes', async () => {
    // Keep Date on the harness clock too, whichever clock the server reads for the cookie's lifetime.
    vi.useFakeTimers({ toFake: ['Date'] });
    const advance = (ms: number) => {
      h.clock.now += ms;
      vi.setSystemTime(h.clock.now);
    };
    advance(0);

    // A minimal browser cookie jar: Max-Age counts from when the cookie was received.
    let jar: { token: string; expiresAt: number } | null = null;
    const remember = (reply: Reply) => {
      for (const cookie of reply.headers['set-cookie'] ?? []) {
        const maxAge = /max-age=(\d+)/i.exec(cookie)?.[1];
        const token = tokenFrom(cookie);
        const expiresAt = maxAge === undefined ? Number.POSITIVE_INFINITY : h.clock.now + Number(maxAge) * 1000;
        jar = token && expiresAt > h.clock.now ? { token, expiresAt } : null;
      }
    };
    const browserCall = async (channel: string, input: unknown) => {
      const current: { token: string; expiresAt: number } | null = jar;
      const live = current !== null && current.expiresAt > h.clock.now ? current : null;
      const reply = await api(channel, input, live ? { Cookie: `${SESSION_COOKIE}=${live.token}` } : {});
      remember(reply);
      return json(reply);
    };

    expect((await browserCall('app:setup', { mode: 'classroom', admin })).ok).toBe(true);
    advance(20 * 60_000);
    expect((await browserCall('users:me', {})).ok).toBe(true);
    advance(20 * 60_000); // 40 minutes after sign-in, 20 since the last request
    const me = await browserCall('users:me', {});
    expect(me.error?.code).toBeUndefined();
    expect(me.ok).toBe(true);
  });
});

describe('cross-site requests', () => {
  const refused: [string, Record<string, string>][] = [
    ['Origin: http://evil.test', { Origin: 'http://evil.test' }],
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'Sec-Fetch-Site': 'same-site' }],
    ['Origin: null', { Origin: 'null' }],
  ];

  it.each(refused)('a request with %s is refused (403) and writes nothing', async (_label, headers) => {
    const reply = await api('app:setup', { mode: 'classroom', admin }, headers);
    expect(reply.status).toBe(403);
    expect(json(reply).error?.code).toBe('FORBIDDEN');
    expect(reply.headers['set-cookie']).toBeUndefined();
    expect(await userCount()).toBe(0);
    expect(json(await api('app:info', {})).data?.setupDone).toBe(false);
  });

  it('a cross-site request cannot ride an existing session cookie', async () => {
    const token = await setUp();
    const reply = await api('settings:update', { patch: { selfSignUp: true } }, { Origin: 'http://evil.test', Cookie: `${SESSION_COOKIE}=${token}` });
    expect(reply.status).toBe(403);
    expect(json(await api('settings:get', {}, { Cookie: `${SESSION_COOKIE}=${token}` })).data?.settings).toMatchObject({ selfSignUp: false });
  });

  it('the page’s own origin is accepted', async () => {
    const reply = await api('app:info', {}, { Origin: `http://127.0.0.1:${port}`, 'Sec-Fetch-Site': 'same-origin' });
    expect(reply.status).toBe(200);
    expect(json(reply).ok).toBe(true);
  });

  it('a DNS-rebinding page (Host and Origin both evil.test, connecting to loopback) cannot run first-run setup', async () => {
    // A site the learner visits rebinds evil.test to 127.0.0.1: the browser then sends
    // Host: evil.test and Origin: http://evil.test — "same origin" by the header comparison.
    const evil = `evil.test:${port}`;
    const reply = await api('app:setup', { mode: 'classroom', admin: { ...admin, email: 'mallory@evil.test' } }, { Host: evil, Origin: `http://${evil}` });
    expect(json(reply).ok).toBe(false);
    expect(await userCount()).toBe(0);
  });
});

describe('request bodies', () => {
  it('a non-JSON content type is 415', async () => {
    const reply = await send({ method: 'POST', path: '/api/app:setup', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ mode: 'classroom', admin }) });
    expect(reply.status).toBe(415);
    expect(json(reply).error?.code).toBe('VALIDATION');
    expect(await userCount()).toBe(0);
  });

  it('a form post (the classic CSRF shape) is 415', async () => {
    const reply = await send({ method: 'POST', path: '/api/app:info', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    expect(reply.status).toBe(415);
  });

  it('a body over the limit is 413 (declared length)', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    const reply = await send({ method: 'POST', path: '/api/app:info', headers: { 'Content-Type': 'application/json', 'Content-Length': big.length }, body: big });
    expect(reply.status).toBe(413);
    expect(json(reply).ok).toBe(false);
  });

  it('a body over the limit is 413 (chunked, no declared length)', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1024, 0x20);
    const reply = await send({ method: 'POST', path: '/api/app:info', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }, body: big });
    expect(reply.status).toBe(413);
  });

  it('malformed JSON is VALIDATION and writes nothing', async () => {
    const reply = await send({ method: 'POST', path: '/api/app:setup', headers: { 'Content-Type': 'application/json' }, body: '{"mode": "classroom", "admin": ' });
    expect(reply.status).toBe(400);
    expect(json(reply).error?.code).toBe('VALIDATION');
    expect(await userCount()).toBe(0);
  });

  it('input the schema refuses is VALIDATION with field paths', async () => {
    const body = json(await api('app:setup', { mode: 'classroom', admin: { ...admin, email: 'not an email' } }));
    expect(body.error?.code).toBe('VALIDATION');
    expect(Object.keys(body.error?.fields ?? {})).toContain('admin.email');
  });
});

describe('static files', () => {
  it('serves index.html at / and files inside the folder', async () => {
    const root = await send({ path: '/' });
    expect(root.status).toBe(200);
    expect(root.headers['content-type']).toMatch(/^text\/html/);
    expect(root.body).toBe(INDEX);
    const js = await send({ path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect((await send({ path: '/missing.js' })).status).toBe(404);
  });

  const traversals = [
    '/../package.json',
    '/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/assets/../../package.json',
    '/assets/..%2f..%2fpackage.json',
    '/..%2f..%2f..%2f..%2fetc%2fpasswd',
    '/../secret.txt',
    '/..%2fsecret.txt',
    '/%2e%2e%5csecret.txt',
    '//..%2fsecret.txt',
  ];

  it.each(traversals)('does not serve files outside the static folder: %s', async (path) => {
    const reply = await send({ path });
    expect(reply.status).not.toBe(200);
    expect(reply.body).not.toContain(SECRET);
    expect(reply.body).not.toContain('root:');
  });

  it('refuses other methods on static paths', async () => {
    const reply = await send({ method: 'DELETE', path: '/index.html' });
    expect(reply.status).toBe(405);
    expect(existsSync(join(staticDir, 'index.html'))).toBe(true);
  });
});

describe('security headers', () => {
  it('every response carries the CSP (default-src self, frame-ancestors none) and nosniff', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    const replies = [
      await send({ path: '/health' }),
      await send({ path: '/' }),
      await send({ path: '/assets/app.js' }),
      await send({ path: '/nothing-here' }),
      await send({ path: '/../package.json' }),
      await send({ path: '/api/app:info' }),
      await api('app:info', {}),
      await api('nope:nothing', {}),
      await api('app:info', {}, { Origin: 'http://evil.test' }),
      await send({ method: 'POST', path: '/api/app:info', headers: { 'Content-Type': 'text/plain' }, body: '{}' }),
      await send({ method: 'POST', path: '/api/app:info', headers: { 'Content-Type': 'application/json', 'Content-Length': big.length }, body: big }),
      await send({ method: 'POST', path: '/api/app:info', headers: { 'Content-Type': 'application/json' }, body: '{' }),
    ];
    for (const reply of replies) {
      const csp = String(reply.headers['content-security-policy'] ?? '');
      const directives = csp.split(';').map((d) => d.trim());
      expect(directives).toContain("default-src 'self'");
      expect(directives).toContain("frame-ancestors 'none'");
      expect(directives.some((d) => d.startsWith('script-src') && d.includes('unsafe'))).toBe(false);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
    }
  });
});

describe('the real CLI (npm run serve)', () => {
  let child: ChildProcess | null = null;
  afterEach(() => {
    // Detached: the npm → tsx → node chain is its own process group; end exactly that group.
    if (child?.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    child = null;
  });

  // On a fresh clone the CLI first builds the renderer (it does so whenever out/renderer is missing).
  it('starts on --port 0 with --data-dir and answers /health and app:info', async () => {
    const { dir, cleanup } = makeTempDir('harv-cli-');
    try {
      const proc = spawn('npm', ['run', 'serve', '--', '--port', '0', '--data-dir', dir], {
        cwd: join(import.meta.dirname, '..'),
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      const listening = await new Promise<number>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`The server did not start:\n${out}`)), 150_000);
        const onData = (chunk: Buffer) => {
          out += chunk.toString('utf8');
          const m = /running at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        };
        proc.stdout?.on('data', onData);
        proc.stderr?.on('data', onData);
        proc.on('exit', (code) => reject(new Error(`The server exited (${code}):\n${out}`)));
      });
      const health = await send({ path: '/health' }, listening);
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toMatchObject({ ok: true, name: 'Harv' });
      const info = await send({ method: 'POST', path: '/api/app:info', headers: { 'Content-Type': 'application/json' }, body: '{}' }, listening);
      expect(JSON.parse(info.body)).toMatchObject({ ok: true, data: { setupDone: false } });
      // It used the folder it was given, not the desktop app's.
      expect(existsSync(databasePath(dir))).toBe(true);
    } finally {
      if (child?.pid !== undefined && child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child?.once('exit', () => resolve()));
        process.kill(-child.pid, 'SIGTERM');
        await exited;
        child = null;
      }
      cleanup();
    }
  }, 180_000);
});
