/** Real SQLite files in a fresh temp folder per test: never mocked SQL (STYLE.md). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type HarvDatabase } from '../../main/db/open-database.ts';

export function makeTempDir(prefix = 'harv-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TempDatabase extends HarvDatabase {
  dir: string;
  /** Closes the database and removes its folder. */
  dispose(): Promise<void>;
}

export async function openTempDatabase(options: { migrate?: boolean } = {}): Promise<TempDatabase> {
  const { dir, cleanup } = makeTempDir();
  const db = await openDatabase({ filename: join(dir, 'harv.sqlite'), migrate: options.migrate ?? true });
  return {
    ...db,
    dir,
    async dispose() {
      await db.close();
      cleanup();
    },
  };
}
