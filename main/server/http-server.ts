/**
 * Browser (classroom) mode: the built renderer plus `POST /api/<channel>` through the same
 * dispatcher the desktop app uses. Same validation, same authorization; the session rides
 * in an HttpOnly, SameSite=Strict cookie that page scripts cannot read.
 *
 * Hardening: requests from other origins are refused (a page elsewhere cannot drive the
 * API with the learner's cookie), only JSON bodies are accepted and their size is capped,
 * static files are served only from inside the renderer folder, and every response carries
 * a strict CSP.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { hostname as machineHostname } from 'node:os';
import { isIP } from 'node:net';
import type { Dispatcher, TransportContext } from '../ipc/dispatcher.ts';
import type { Envelope } from '../../src/shared/contract/errors.ts';

export const SESSION_COOKIE = 'harv_session';
/** Large enough for a whole content pack; anything bigger is refused before it is parsed. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface HttpServerOptions {
  dispatcher: Dispatcher;
  /** The built renderer (out/renderer). */
  staticDir: string;
  appVersion: string;
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function envelopeError(code: 'VALIDATION' | 'FORBIDDEN' | 'UNKNOWN_CHANNEL' | 'INTERNAL', message: string): Envelope<never> {
  return { ok: false, error: { code, message } };
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const key = part.slice(0, i).trim();
    const value = part.slice(i + 1).trim();
    try {
      out[key] = decodeURIComponent(value);
    } catch {
      // A malformed cookie is ignored, not fatal.
    }
  }
  return out;
}

/** The host name a request was addressed to, without the port ("[::1]:5174" → "::1"). */
export function requestHostname(hostHeader: string | undefined): string | null {
  if (!hostHeader) return null;
  try {
    return new URL(`http://${hostHeader}`).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return null;
  }
}

/**
 * DNS rebinding guard: a hostile site can point its own name at 127.0.0.1 and make a
 * learner's browser talk to this server "same-origin". Only names that really mean this
 * machine are served: IP addresses, localhost, and the machine's own host name.
 */
export function isServedHostname(name: string | null): boolean {
  if (!name) return false;
  if (isIP(name) !== 0 || name === 'localhost') return true;
  const own = machineHostname().toLowerCase();
  return name === own || name === `${own}.local`;
}

/** A host name that can only mean this machine. */
export function isLoopbackHostname(name: string | null): boolean {
  return name === 'localhost' || (name !== null && isLoopback(name));
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** The request comes from a page this server served (or from no page at all, like curl). */
function sameOrigin(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://${req.headers.host ?? ''}`;
}

async function readBody(req: IncomingMessage): Promise<{ ok: true; text: string } | { ok: false; tooLarge: boolean }> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) return { ok: false, tooLarge: true };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) return { ok: false, tooLarge: true };
    chunks.push(buf);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

async function handleApi(req: IncomingMessage, res: ServerResponse, dispatcher: Dispatcher, channel: string): Promise<void> {
  const host = requestHostname(req.headers.host);
  if (!isServedHostname(host)) {
    return sendJson(res, 421, envelopeError('FORBIDDEN', 'This server answers only to its own address.'));
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return sendJson(res, 405, envelopeError('VALIDATION', 'Use POST.'));
  }
  if (!sameOrigin(req)) return sendJson(res, 403, envelopeError('FORBIDDEN', 'Requests from other sites are refused.'));
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    return sendJson(res, 415, envelopeError('VALIDATION', 'Send JSON (Content-Type: application/json).'));
  }
  const body = await readBody(req);
  if (!body.ok) {
    return sendJson(res, 413, envelopeError('VALIDATION', `The request is too large (limit ${MAX_BODY_BYTES / 1024 / 1024} MB).`));
  }
  let input: unknown = {};
  if (body.text.trim() !== '') {
    try {
      input = JSON.parse(body.text);
    } catch {
      return sendJson(res, 400, envelopeError('VALIDATION', 'The request body is not valid JSON.'));
    }
  }
  const cookies = parseCookies(req.headers.cookie);
  const setCookies: string[] = [];
  const transport: TransportContext = {
    sessionToken: cookies[SESSION_COOKIE] ?? null,
    clientKey: `ip:${req.socket.remoteAddress ?? 'unknown'}`,
    // Local means the machine itself, reached by a loopback name (not a name rebound to it).
    isLocal: isLoopback(req.socket.remoteAddress) && isLoopbackHostname(host),
    setSession(token, expiresAt) {
      if (token && expiresAt) {
        const maxAge = Math.max(0, Math.floor((Date.parse(expiresAt) - dispatcher.services.now()) / 1000));
        setCookies.push(`${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}`);
      } else {
        setCookies.push(`${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
      }
    },
  };
  const envelope = await dispatcher.dispatch(channel, input, transport);
  if (setCookies.length > 0) res.setHeader('Set-Cookie', setCookies[setCookies.length - 1] ?? '');
  sendJson(res, 200, envelope);
}

async function serveStatic(req: IncomingMessage, res: ServerResponse, staticDir: string, pathname: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' });
    return void res.end();
  }
  const root = resolve(staticDir);
  let relative: string;
  try {
    relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
  } catch {
    res.writeHead(400);
    return void res.end();
  }
  const file = resolve(root, normalize(relative));
  // Path-traversal guard: never serve a file outside the renderer folder.
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(404);
    return void res.end();
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    const data = await readFile(file);
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': extname(file) === '.html' ? 'no-cache' : 'public, max-age=3600',
    });
    res.end(req.method === 'HEAD' ? undefined : data);
  } catch {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  }
}

export function createHttpServer(options: HttpServerOptions): Server {
  return createServer((req, res) => {
    securityHeaders(res);
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      res.writeHead(400);
      return void res.end();
    }
    const done = (p: Promise<void>) =>
      p.catch((err: unknown) => {
        console.error('[harv] request failed:', err);
        if (!res.headersSent) sendJson(res, 500, envelopeError('INTERNAL', 'Something went wrong.'));
        else res.end();
      });
    if (pathname === '/health') {
      return sendJson(res, 200, { ok: true, name: 'Harv', version: options.appVersion });
    }
    if (pathname.startsWith('/api/')) {
      let channel: string;
      try {
        channel = decodeURIComponent(pathname.slice('/api/'.length));
      } catch {
        return sendJson(res, 400, envelopeError('UNKNOWN_CHANNEL', 'That action does not exist.'));
      }
      return void done(handleApi(req, res, options.dispatcher, channel));
    }
    return void done(serveStatic(req, res, options.staticDir, pathname));
  });
}

export function rendererDir(): string {
  return join(import.meta.dirname, '..', '..', 'out', 'renderer');
}
