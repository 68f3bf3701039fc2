/**
 * `npm run eval:tutor [-- --json FILE]`: scripted personas across every module; prints the
 * measures and exits non-zero when a target is missed (CI runs it).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeTempDir } from '../test/helpers/temp-db.ts';
import { runTutorEval, TARGETS } from './eval/tutor-eval.ts';

const { values } = parseArgs({ options: { json: { type: 'string' } } });
const { dir, cleanup } = makeTempDir('harv-eval-');
try {
  const started = Date.now();
  const r = await runTutorEval({
    dataFile: join(dir, 'harv.sqlite'),
    personasDir: join(import.meta.dirname, '..', 'test', 'fixtures', 'personas'),
    heldOutFile: join(import.meta.dirname, '..', 'test', 'fixtures', 'heldout', 'answers.json'),
  });
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log('module                                      mastered  turns  paraphrase  near-miss  ladder  prior-memory');
  for (const m of r.modules) {
    console.log(
      [
        m.slug.padEnd(42),
        (m.mastered ? 'yes' : 'NO').padStart(8),
        String(m.turnsToMaster ?? '—').padStart(6),
        `${m.paraphrase.recognised}/${m.paraphrase.total}`.padStart(11),
        `${m.nearMiss.rejected}/${m.nearMiss.total}`.padStart(10),
        (m.ladderInOrder ? 'ok' : 'NO').padStart(7),
        (m.openingUsedPriorMemory === null ? '—' : m.openingUsedPriorMemory ? 'yes' : 'no').padStart(13),
      ].join(' '),
    );
  }
  console.log('');
  console.log(`replies                        ${r.replies}`);
  console.log(`non-closing ending in "?"      ${pct(r.questionEndingShare)} (target ${pct(TARGETS.questionEndingShare)})`);
  console.log(`answer leaks                   ${r.answerLeaks.length} (target 0)`);
  console.log(`paraphrases recognised         ${pct(r.paraphraseRecognition)} (target ≥ 90%)`);
  console.log(`near-misses rejected           ${pct(r.nearMissRejection)} (target ≥ 90%)`);
  console.log(`every module masterable        ${r.everyModuleMasterable ? 'yes' : 'no'}`);
  console.log(`openings using prior modules   ${pct(r.crossModuleMemoryShare)} (target ≥ 90%)`);
  console.log(`replies repeated word for word ${pct(r.verbatimRepeatShare)}`);
  if (r.heldOut) {
    console.log(
      `held-out answers (reported, not a target): ${pct(r.heldOut.recognised / r.heldOut.total)} recognised, ` +
        `${pct(r.heldOut.nearMissRejected / r.heldOut.nearMissTotal)} of near-misses rejected`,
    );
  }
  console.log(`time                           ${((Date.now() - started) / 1000).toFixed(1)} s`);
  for (const leak of r.answerLeaks.slice(0, 10)) console.log(`  leak: ${leak.module}/${leak.concept} (${leak.persona}): ${leak.reply}`);
  if (values.json) writeFileSync(values.json, JSON.stringify(r, null, 2));
  if (r.failures.length > 0 || !r.everyModuleMasterable) {
    console.error(`\nTargets missed:\n  ${r.failures.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log('\nAll targets met.');
  }
} finally {
  cleanup();
}
