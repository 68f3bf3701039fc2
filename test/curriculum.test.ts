/**
 * The curriculum: the bundled pack, import and export, updates that never touch learner
 * history, rejection of a malformed pack whole, and the authors' pack:check.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBundledPack } from '../main/services/curriculum/bundled-pack.ts';
import { analysePack } from '../main/services/curriculum/pack-report.ts';
import { contentPackSchema, type ContentPack } from '../src/shared/content-pack.ts';
import { classroom, startHarness, type Harness } from './helpers/harness.ts';
import { snapshotRows } from './contract/fixture.ts';
import { countRows } from './helpers/classroom-fixture.ts';
import { makeTempDir } from './helpers/temp-db.ts';

const COURSE = [
  'Your Four Worlds',
  'Media Uses and Effects',
  'Shared Characteristics of Media',
  'Communication Infrastructure',
  'Books',
  'News and Newspapers',
  'Magazines',
  'Comic Books',
  'Photography',
  'Recordings',
  'Motion Pictures',
  'Radio',
  'Television',
  'Video Games',
  'Advertising, Public Relations and Ownership',
];

let h: Harness | null = null;
afterEach(async () => {
  await h?.dispose();
  h = null;
});

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('the bundled course', () => {
  const pack = loadBundledPack();

  it('passes its schema and has the fifteen modules in order', () => {
    expect(contentPackSchema.safeParse(pack).success).toBe(true);
    expect(pack.modules).toHaveLength(15);
    pack.modules.forEach((m, i) => expect(m.title.startsWith(COURSE[i]!), `${m.title} is module ${i + 1}`).toBe(true));
  });

  it('gives every module 4–7 concepts and every concept every teaching field', () => {
    for (const m of pack.modules) {
      expect(m.concepts.length).toBeGreaterThanOrEqual(4);
      expect(m.concepts.length).toBeLessThanOrEqual(7);
      expect(m.learningObjectives.length).toBeGreaterThanOrEqual(3);
      for (const c of m.concepts) {
        expect(c.explanation.length).toBeGreaterThan(80);
        expect(c.guidingQuestions.length).toBeGreaterThanOrEqual(2);
        expect(c.hints).toHaveLength(3);
        expect(c.misconceptions.length).toBeGreaterThanOrEqual(1);
        expect(c.checkTerms.length).toBeGreaterThanOrEqual(1);
        expect(c.exampleScenario.length).toBeGreaterThan(40);
        for (const g of c.keyTerms) expect(g.phrasings.length).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('has no weak spot: no hint or question gives the check terms away', () => {
    expect(analysePack(pack).weakSpots).toEqual([]);
  });

  it('names only earlier modules as prerequisites', () => {
    const order = new Map(pack.modules.map((m, i) => [m.slug, i]));
    pack.modules.forEach((m, i) => {
      for (const p of m.prerequisites) expect(order.get(p)!).toBeLessThan(i);
    });
  });
});

describe('importing and exporting packs', () => {
  it('first run installs the bundled pack, and exporting it gives the same pack back', async () => {
    h = await startHarness();
    expect(h.core.packReport?.status).toBe('installed');
    const { admin } = await classroom(h);
    const exported = await admin.ok('modules:exportPack', { packKey: 'harv.communication-media-society' });
    expect(exported.pack).toEqual(loadBundledPack());
  });

  it('export → import into a fresh database → export again gives the same pack', async () => {
    h = await startHarness();
    const { admin } = await classroom(h);
    const first = (await admin.ok('modules:exportPack', { packKey: 'harv.communication-media-society' })).pack;
    await h.dispose();
    h = await startHarness({ bundledPack: false });
    const { admin: admin2 } = await classroom(h);
    const { report } = await admin2.ok('modules:importPack', { pack: first });
    expect(report.status).toBe('installed');
    expect(report.modulesAdded).toHaveLength(15);
    const second = (await admin2.ok('modules:exportPack', { packKey: 'harv.communication-media-society' })).pack;
    expect(second).toEqual(first);
  });

  it('rejects a pack with one broken field whole, naming the field, and changes nothing', async () => {
    h = await startHarness({ bundledPack: false });
    const { teacher } = await classroom(h);
    const broken = clone(loadBundledPack()) as ContentPack & { modules: { concepts: { hints: string[] }[] }[] };
    (broken.modules[3]!.concepts[2] as unknown as { hints: string[] }).hints = ['only one hint'];
    const before = await snapshotRows(h.core);
    const res = await teacher.client.call('modules:importPack', { pack: broken });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('VALIDATION');
      expect(Object.keys(res.error.fields ?? {})).toContain('pack.modules.3.concepts.2.hints');
    }
    expect(await snapshotRows(h.core)).toBe(before);
  });

  it('a newer version updates content, retires what disappeared, reports local edits and keeps every learner row', async () => {
    h = await startHarness();
    const c = await classroom(h);
    // Learner history in the first two modules.
    const { modules } = await c.learner.client.ok('modules:list', {});
    for (const m of modules.slice(0, 2)) {
      const { conversation } = await c.learner.client.ok('conversations:start', { moduleId: m.id });
      for (const text of ['We notice different things', 'Our background shapes it', 'Media shows us places we never visit']) {
        await c.learner.client.ok('messages:send', { conversationId: conversation.id, content: text });
      }
    }
    // A teacher edits module 3 locally.
    await c.teacher.client.ok('modules:update', { id: modules[2]!.id, patch: { title: 'Shared Characteristics (our version)' } });
    const learnerTables = ['users', 'conversations', 'messages', 'memory_summaries', 'user_progress', 'concept_mastery', 'onboarding_surveys'];
    const pick = async () => {
      const all = await countRows(h!.core.db.knex);
      return Object.fromEntries(learnerTables.map((t) => [t, all[t]]));
    };
    const before = await pick();
    const learnerRows = JSON.stringify(await h.core.db.knex('messages').orderBy('id'));

    const next = clone(loadBundledPack());
    next.version = '1.1.0';
    next.modules[0]!.title = 'Your Four Worlds (revised)';
    const removed = next.modules[0]!.concepts.pop()!; // a concept disappears
    next.modules[1]!.concepts[0]!.hints[0] = 'A new gentler first hint.';
    next.modules[2]!.title = 'Shared Characteristics of Media (pack 1.1)';
    const { report } = await c.teacher.client.ok('modules:importPack', { pack: next });

    expect(report.status).toBe('updated');
    expect(report.fromVersion).toBe('1.0.0');
    expect(report.toVersion).toBe('1.1.0');
    expect(report.conceptsRetired).toBe(1);
    expect(report.skippedEditedModules).toEqual([modules[2]!.slug]);
    expect(await pick()).toEqual(before);
    expect(JSON.stringify(await h.core.db.knex('messages').orderBy('id'))).toBe(learnerRows);
    const retired = await h.core.db.knex('module_concepts').where({ slug: removed.slug }).first();
    expect(retired.retired_at).not.toBeNull();
    const m1 = await c.learner.client.ok('modules:get', { id: modules[0]!.id });
    expect(m1.module.title).toBe('Your Four Worlds (revised)');
    expect(m1.concepts.map((x) => x.slug)).not.toContain(removed.slug);
    const m3 = await c.learner.client.ok('modules:get', { id: modules[2]!.id });
    expect(m3.module.title).toBe('Shared Characteristics (our version)');

    // Going back to an older version is refused: it would silently undo the update.
    const older = clone(loadBundledPack());
    const refused = await c.teacher.client.call('modules:importPack', { pack: older });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('CONFLICT');
  }, 60_000);

  it('an app update re-imports its bundled pack only when the version is newer', async () => {
    h = await startHarness();
    const dir = h.dir;
    await h.core.close();
    const { startHarvCore } = await import('../main/app-core.ts');
    const again = await startHarvCore({ filename: join(dir, 'harv.sqlite'), passwordCost: 4 });
    expect(again.packReport?.status).toBe('unchanged');
    await again.close();
    h = null;
  });
});

describe('npm run pack:check', () => {
  const root = join(import.meta.dirname, '..');
  it('prints per-module counts for the bundled pack', () => {
    const out = execFileSync('npm', ['run', '-s', 'pack:check'], { cwd: root, encoding: 'utf8' });
    expect(out).toMatch(/15 modules/);
    expect(out).toMatch(/your-four-worlds\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+/);
    expect(out).toMatch(/No weak spots found/);
  }, 60_000);

  it('rejects a broken pack with the field path and flags a hint that gives the answer away', () => {
    const { dir, cleanup } = makeTempDir('harv-pack-');
    try {
      const broken = clone(loadBundledPack()) as unknown as { modules: { estimatedMinutes: unknown }[] };
      broken.modules[0]!.estimatedMinutes = 'an hour';
      writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
      const bad = spawnSync('npm', ['run', '-s', 'pack:check', '--', join(dir, 'broken.json')], { cwd: root, encoding: 'utf8' });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/modules\.0\.estimatedMinutes/);

      const leaky = clone(loadBundledPack());
      const concept = leaky.modules[0]!.concepts[0]!;
      concept.hints[2] = concept.checkTerms
        .map((id) => concept.keyTerms.find((g) => g.id === id)!.phrasings[0])
        .join(' and ');
      writeFileSync(join(dir, 'leaky.json'), JSON.stringify(leaky));
      const weak = spawnSync('npm', ['run', '-s', 'pack:check', '--', join(dir, 'leaky.json')], { cwd: root, encoding: 'utf8' });
      expect(weak.status).toBe(0);
      expect(weak.stdout).toMatch(/modules\.0\.concepts\.0\.hints\.2: this hint already states every check term/);
    } finally {
      cleanup();
    }
  }, 60_000);
});
