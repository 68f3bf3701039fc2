/** Repository: app_settings, one JSON value per key, validated against AppSettings on the way out. */
import { appSettingsSchema, type AppSettings } from '../../src/shared/domain.ts';
import { nowIso, str, toJson, type Db, type Row, CorruptColumnError } from './row-mapping.ts';

export const DEFAULT_SETTINGS: AppSettings = {
  usageMode: 'personal',
  selfSignUp: false,
  tutorEngine: 'socratic-builtin',
  backupSchedule: 'off',
};

type SettingKey = keyof AppSettings;
const KEYS = Object.keys(appSettingsSchema.shape) as SettingKey[];

export async function readSettings(db: Db): Promise<AppSettings> {
  const rows = (await db('app_settings').select('key', 'value')) as Row[];
  const stored: Record<string, unknown> = {};
  for (const row of rows) {
    const key = str(row, 'key');
    if (!(KEYS as string[]).includes(key)) continue;
    try {
      stored[key] = JSON.parse(str(row, 'value'));
    } catch {
      throw new CorruptColumnError(`app_settings.${key}`);
    }
  }
  const parsed = appSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...stored });
  if (!parsed.success) throw new CorruptColumnError('app_settings');
  return parsed.data;
}

/** Whether first-run setup has happened: the usage mode is recorded by it and by nothing else. */
export async function isSetupDone(db: Db): Promise<boolean> {
  return (await db('app_settings').where({ key: 'usageMode' }).first()) !== undefined;
}

/** One statement for every key in the patch, so a patch is stored whole or not at all. */
export async function writeSettings(db: Db, patch: Partial<AppSettings>): Promise<AppSettings> {
  const now = nowIso();
  const rows = KEYS.filter((key) => patch[key] !== undefined).map((key) => ({ key, value: toJson(patch[key]), updated_at: now }));
  if (rows.length > 0) await db('app_settings').insert(rows).onConflict('key').merge(['value', 'updated_at']);
  return readSettings(db);
}
