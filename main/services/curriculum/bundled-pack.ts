/**
 * The curriculum that ships with the app, kept on disk as a manifest (pack.json) plus one
 * file per module so authors can review and diff a module on its own. Loading joins them
 * into one ContentPack and validates it whole.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { ContentPack } from '../../../src/shared/content-pack.ts';
import { parseContentPack } from './pack-import.ts';

export const BUNDLED_PACK_DIR_NAME = 'communication-media-society';

const manifestSchema = z.object({ modules: z.array(z.string().regex(/^modules\/[a-z0-9-]+\.json$/)) }).passthrough();

/** content/packs in a source checkout; the shells pass their own location when packaged. */
export function defaultPacksDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '../../../content/packs');
}

/** Reads a split pack folder (pack.json + modules/*.json) into one raw pack object. */
export function readSplitPack(dir: string): unknown {
  const manifest = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8')) as unknown;
  const { modules, ...rest } = manifestSchema.parse(manifest);
  return { ...rest, modules: modules.map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown) };
}

const loaded = new Map<string, ContentPack>();

/** The bundled pack, read and validated once per process. */
export function loadBundledPack(packsDir: string = defaultPacksDir()): ContentPack {
  const cached = loaded.get(packsDir);
  if (cached) return cached;
  const result = parseContentPack(readSplitPack(join(packsDir, BUNDLED_PACK_DIR_NAME)));
  if (!result.ok) {
    throw new Error(`The bundled content pack is invalid: ${JSON.stringify(result.fields).slice(0, 2000)}`);
  }
  loaded.set(packsDir, result.pack);
  return result.pack;
}
