/**
 * `npm run pack:check [-- FILE]` — validates a content pack and shows authors where it is thin.
 * FILE is a pack JSON file or a split pack folder (pack.json + modules/); without it, the
 * bundled pack. Exit 1 when the pack is invalid; weak spots are warnings.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_PACK_DIR_NAME, defaultPacksDir, readSplitPack } from '../main/services/curriculum/bundled-pack.ts';
import { parseContentPack } from '../main/services/curriculum/pack-import.ts';
import { analysePack } from '../main/services/curriculum/pack-report.ts';

const target = process.argv[2] ?? join(defaultPacksDir(), BUNDLED_PACK_DIR_NAME);
let raw: unknown;
try {
  raw = statSync(target).isDirectory() ? readSplitPack(target) : (JSON.parse(readFileSync(target, 'utf8')) as unknown);
} catch (err) {
  console.error(`Cannot read ${target}: ${(err as Error).message}`);
  process.exit(1);
}

const parsed = parseContentPack(raw);
if (!parsed.ok) {
  console.error(`${target}: not a valid content pack`);
  for (const [path, messages] of Object.entries(parsed.fields)) console.error(`  ${path}: ${messages.join('; ')}`);
  process.exit(1);
}

const { pack } = parsed;
const { counts, weakSpots } = analysePack(pack);
console.log(`${pack.title} (${pack.id} ${pack.version}, ${pack.language}): ${pack.modules.length} modules\n`);
const header = ['module', 'objectives', 'concepts', 'questions', 'hints', 'key-term groups', 'phrasings'];
const rows = counts.map((c) => [c.slug, c.objectives, c.concepts, c.questions, c.hints, c.keyTermGroups, c.phrasings].map(String));
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(line(header));
for (const r of rows) console.log(line(r));
if (weakSpots.length === 0) {
  console.log('\nNo weak spots found.');
} else {
  console.log(`\n${weakSpots.length} weak spot(s):`);
  for (const w of weakSpots) console.log(`  ${w.path}: ${w.problem}`);
}
