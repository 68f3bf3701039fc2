/**
 * `npm run serve [-- --port 5174 --host 127.0.0.1 --data-dir DIR]`
 *
 * Runs Harv in the browser. By default it uses the desktop app's data folder, so the
 * desktop app and the browser mode see one database. `--host 0.0.0.0` opens it to the
 * classroom network (the traffic is not encrypted: say so).
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';
import { startHarvCore, appVersion } from '../app-core.ts';
import { databasePath, resolveDataDir } from '../db/data-dir.ts';
import { DatabaseOpenError } from '../db/errors.ts';
import { createHttpServer, isLoopbackHostname, rendererDir } from './http-server.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '5174' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    rebuild: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log('Usage: npm run serve -- [--port 5174] [--host 127.0.0.1] [--data-dir DIR] [--rebuild]');
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535 (got "${values.port}")`);
  process.exit(2);
}

const staticDir = rendererDir();
if (values.rebuild || !existsSync(join(staticDir, 'index.html'))) {
  console.log('Building the app for the browser…');
  const root = join(import.meta.dirname, '..', '..');
  const res = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (res.status !== 0) {
    console.error('The browser build failed.');
    process.exit(1);
  }
}

const dataDir = resolveDataDir(values['data-dir']);
let core;
try {
  core = await startHarvCore({ filename: databasePath(dataDir) });
} catch (err) {
  if (err instanceof DatabaseOpenError) {
    console.error(`Cannot open the database in ${dataDir}:\n  ${err.message}`);
    if (err.reason === 'DB_NEWER_VERSION') console.error('  Update Harv, or point --data-dir at another folder.');
    process.exit(3);
  }
  throw err;
}

/** This machine's IPv4 addresses on its networks (not loopback). */
function networkAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}

const server = createHttpServer({ dispatcher: core.dispatcher, staticDir, appVersion: appVersion() });
server.listen(port, values.host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const everywhere = values.host === '0.0.0.0' || values.host === '::';
  console.log(`Harv is running at http://${everywhere ? '127.0.0.1' : values.host}:${actualPort}`);
  // Listening on every interface: the address on this machine is not the one learners type.
  if (everywhere) {
    for (const ip of networkAddresses()) console.log(`On this network, browsers open http://${ip}:${actualPort}`);
  }
  console.log(`Data folder: ${dataDir}`);
  if (!isLoopbackHostname(values.host)) {
    console.warn(
      `\nWARNING: Harv is listening on ${values.host}: other machines on this network can reach it.\n` +
        'The traffic is not encrypted — use it only on a classroom network you trust.',
    );
  }
});

const shutdown = () => {
  server.close();
  void core.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
