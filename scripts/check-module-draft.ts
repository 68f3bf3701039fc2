/**
 * Checks one module file of a pack while it is being written, with its persona fixture:
 *   tsx scripts/check-module-draft.ts content/packs/<pack>/modules/NN-slug.json
 * The module must pass the pack's module schema; every strong persona answer must show
 * every check-term group of its concept; every near-miss must miss at least one; no hint
 * may already state every check term.
 */
import { readFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { packModuleSchema } from '../src/shared/content-pack.ts';
import { matchKeyTermGroups } from '../main/services/tutor/text-match.ts';
import { personaFixtureSchema } from '../test/fixtures/personas/persona-schema.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: tsx scripts/check-module-draft.ts <module.json>');
  process.exit(2);
}
const parsed = packModuleSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}
const mod = parsed.data;
let problems = 0;
const say = (m: string) => {
  problems++;
  console.error(m);
};
for (const c of mod.concepts) {
  const ids = new Set(c.keyTerms.map((g) => g.id));
  for (const id of c.checkTerms) if (!ids.has(id)) say(`${c.slug}: check term ${id} is not a key-term group`);
  c.hints.forEach((h, i) => {
    const shown = matchKeyTermGroups(h, c.keyTerms);
    if (c.checkTerms.every((t) => shown.includes(t))) say(`${c.slug}: hint ${i + 1} already states every check term`);
  });
  for (const q of [c.checkQuestion, ...c.guidingQuestions]) {
    const shown = matchKeyTermGroups(q, c.keyTerms);
    if (c.checkTerms.every((t) => shown.includes(t))) say(`${c.slug}: question "${q}" already states every check term`);
  }
}
const personaFile = join('test/fixtures/personas', basename(file));
if (!existsSync(personaFile)) {
  say(`no persona fixture at ${personaFile}`);
} else {
  const persona = personaFixtureSchema.parse(JSON.parse(readFileSync(personaFile, 'utf8')));
  if (persona.module !== mod.slug) say(`persona module ${persona.module} != ${mod.slug}`);
  for (const c of mod.concepts) {
    const p = persona.concepts[c.slug];
    if (!p) {
      say(`persona: no answers for concept ${c.slug}`);
      continue;
    }
    for (const a of p.strong) {
      const shown = matchKeyTermGroups(a, c.keyTerms);
      const missing = c.checkTerms.filter((t) => !shown.includes(t));
      if (missing.length > 0) say(`${c.slug}: strong answer not recognised (missing ${missing.join(', ')}): "${a}"`);
    }
    for (const a of p.nearMiss) {
      const shown = matchKeyTermGroups(a, c.keyTerms);
      if (c.checkTerms.every((t) => shown.includes(t))) say(`${c.slug}: near-miss wrongly accepted: "${a}"`);
    }
  }
}
console.log(problems === 0 ? `${mod.slug}: ok (${mod.concepts.length} concepts)` : `${mod.slug}: ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
