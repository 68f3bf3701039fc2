/**
 * Importing and exporting content packs.
 *
 * An import is all or nothing: a malformed pack is rejected whole with field-level errors
 * before anything is written, and a valid one is applied in one transaction. A newer version
 * (semver) updates module and concept content and adds new ones without touching any
 * learner's conversations, memory, mastery or progress:
 *   - a concept or module that disappears from the pack is retired, never deleted;
 *   - a module a teacher edited locally is left as it is, and the report names it.
 */
import semver from 'semver';
import { contentPackSchema, type ContentPack, type PackConcept, type PackModule } from '../../../src/shared/content-pack.ts';
import type { Concept, Module } from '../../../src/shared/domain.ts';
import {
  findPackByKey,
  insertConcept,
  insertModule,
  listConcepts,
  listConceptsOfModules,
  listModules,
  updateConcept,
  updateModule,
  upsertPack,
  type ConceptContent,
  type ModuleContent,
} from '../../repositories/curriculum.ts';
import type { Db } from '../../repositories/row-mapping.ts';
import type { Knex } from 'knex';

export type PackParseResult = { ok: true; pack: ContentPack } | { ok: false; fields: Record<string, string[]> };

export function parseContentPack(raw: unknown): PackParseResult {
  const parsed = contentPackSchema.safeParse(raw);
  if (parsed.success) return { ok: true, pack: parsed.data };
  const fields: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(pack)';
    (fields[path] ??= []).push(issue.message);
  }
  return { ok: false, fields };
}

export interface ImportReport {
  packKey: string;
  status: 'installed' | 'updated' | 'unchanged';
  fromVersion: string | null;
  toVersion: string;
  modulesAdded: string[];
  modulesUpdated: string[];
  modulesRetired: string[];
  conceptsAdded: number;
  conceptsUpdated: number;
  conceptsRetired: number;
  /** Modules a teacher changed here: their content was kept, not overwritten. */
  skippedEditedModules: string[];
}

export class PackVersionError extends Error {
  override readonly name = 'PackVersionError';
  constructor(
    readonly installed: string,
    readonly offered: string,
  ) {
    super(`Version ${offered} is older than the installed ${installed}.`);
  }
}

function moduleContent(m: PackModule, sortOrder: number): ModuleContent {
  return {
    slug: m.slug,
    title: m.title,
    description: m.description,
    sortOrder,
    learningObjectives: m.learningObjectives,
    systemPrompt: m.tutorPrompts.system,
    modulePrompt: m.tutorPrompts.module,
    systemCorpus: m.corpora.system,
    moduleCorpus: m.corpora.module,
    dynamicCorpus: m.corpora.dynamic,
    resources: m.resources,
    masteryTriggers: m.masteryPhrases,
    confusionTriggers: m.confusionPhrases,
    memoryExtractionPrompt: m.memoryExtractionPrompt,
    difficultyLevel: m.difficulty,
    estimatedMinutes: m.estimatedMinutes,
    prerequisites: m.prerequisites,
  };
}

/** What a pack concept teaches with, under the names a stored concept (and a teacher's view of it) uses. */
export function teachingOf(c: PackConcept) {
  return {
    explanation: c.explanation,
    guidingQuestions: c.guidingQuestions,
    hints: [...c.hints],
    keyTerms: c.keyTerms,
    misconceptions: c.misconceptions,
    checkQuestion: c.checkQuestion,
    checkTerms: c.checkTerms,
    examplePrompt: c.exampleScenario,
  };
}

function conceptContent(c: PackConcept, sortOrder: number): ConceptContent {
  return { slug: c.slug, title: c.title, sortOrder, ...teachingOf(c) };
}

async function syncConcepts(
  db: Db,
  moduleId: number,
  concepts: readonly PackConcept[],
  now: string,
  report: ImportReport,
): Promise<void> {
  const existing = new Map((await listConcepts(db, moduleId, { includeRetired: true })).map((c) => [c.slug, c]));
  for (const [i, c] of concepts.entries()) {
    const found = existing.get(c.slug);
    if (found) {
      await updateConcept(db, found.id, { ...conceptContent(c, i), retiredAt: null });
      report.conceptsUpdated++;
      existing.delete(c.slug);
    } else {
      await insertConcept(db, moduleId, conceptContent(c, i));
      report.conceptsAdded++;
    }
  }
  // Concepts the pack no longer has keep their learners' history: retired, not deleted.
  for (const gone of existing.values()) {
    if (gone.retiredAt === null) {
      await updateConcept(db, gone.id, { retiredAt: now });
      report.conceptsRetired++;
    }
  }
}

/**
 * Applies a validated pack inside the given transaction. `mode` 'bundled' skips an equal or
 * older version silently (an app start); 'teacher' refuses an older one with PackVersionError.
 */
export async function applyContentPack(
  trx: Knex.Transaction,
  pack: ContentPack,
  mode: 'bundled' | 'teacher',
  now: string = new Date().toISOString(),
): Promise<ImportReport> {
  const installed = await findPackByKey(trx, pack.id);
  const report: ImportReport = {
    packKey: pack.id,
    status: installed ? 'updated' : 'installed',
    fromVersion: installed?.version ?? null,
    toVersion: pack.version,
    modulesAdded: [],
    modulesUpdated: [],
    modulesRetired: [],
    conceptsAdded: 0,
    conceptsUpdated: 0,
    conceptsRetired: 0,
    skippedEditedModules: [],
  };
  if (installed) {
    const cmp = semver.compare(pack.version, installed.version);
    if (cmp < 0 && mode === 'teacher') throw new PackVersionError(installed.version, pack.version);
    if (cmp <= 0 && mode === 'bundled') return { ...report, status: 'unchanged' };
  }
  const packRow = await upsertPack(trx, {
    packKey: pack.id,
    title: pack.title,
    version: pack.version,
    language: pack.language,
    description: pack.description,
  });
  const existing = new Map((await listModules(trx, { includeRetired: true, packId: packRow.id })).map((m) => [m.slug, m]));
  // New packs sort after whatever is installed; modules keep their order within the pack.
  const base = installed
    ? Math.min(...[...existing.values()].map((m) => m.sortOrder), Number.MAX_SAFE_INTEGER)
    : (((await trx('modules').max({ m: 'sort_order' }).first()) as { m: number | null } | undefined)?.m ?? -1) + 1;
  const baseOrder = Number.isFinite(base) && base !== Number.MAX_SAFE_INTEGER ? base : 0;
  for (const [i, m] of pack.modules.entries()) {
    const found = existing.get(m.slug);
    existing.delete(m.slug);
    if (!found) {
      const created = await insertModule(trx, packRow.id, moduleContent(m, baseOrder + i));
      await syncConcepts(trx, created.id, m.concepts, now, report);
      report.modulesAdded.push(m.slug);
      continue;
    }
    if (found.editedLocally) {
      report.skippedEditedModules.push(m.slug);
      continue;
    }
    await updateModule(trx, found.id, { ...moduleContent(m, found.sortOrder), retiredAt: null });
    await syncConcepts(trx, found.id, m.concepts, now, report);
    report.modulesUpdated.push(m.slug);
  }
  for (const gone of existing.values()) {
    if (gone.retiredAt === null && !gone.editedLocally) {
      await updateModule(trx, gone.id, { retiredAt: now });
      report.modulesRetired.push(gone.slug);
    }
  }
  return report;
}

function toPackModule(m: Module, concepts: Concept[]): PackModule {
  return {
    slug: m.slug,
    title: m.title,
    description: m.description,
    learningObjectives: m.learningObjectives,
    estimatedMinutes: m.estimatedMinutes,
    difficulty: m.difficultyLevel,
    prerequisites: m.prerequisites,
    tutorPrompts: { system: m.systemPrompt, module: m.modulePrompt },
    corpora: { system: m.systemCorpus, module: m.moduleCorpus, dynamic: m.dynamicCorpus },
    resources: m.resources,
    masteryPhrases: m.masteryTriggers,
    confusionPhrases: m.confusionTriggers,
    memoryExtractionPrompt: m.memoryExtractionPrompt,
    concepts: concepts.map(toPackConcept),
  };
}

/** A stored concept in the pack's format: what an export writes and what the tutor engine reads. */
export function toPackConcept(c: Concept): PackConcept {
  return {
    slug: c.slug,
    title: c.title,
    explanation: c.explanation,
    guidingQuestions: c.guidingQuestions,
    hints: [c.hints[0] ?? '', c.hints[1] ?? '', c.hints[2] ?? ''],
    keyTerms: c.keyTerms,
    misconceptions: c.misconceptions,
    checkQuestion: c.checkQuestion,
    checkTerms: c.checkTerms,
    exampleScenario: c.examplePrompt,
  };
}

/**
 * The pack as it stands in this database (active modules and concepts, in teaching order).
 * Returned raw: a pack a teacher edited here may not satisfy the strict pack format, and
 * the export should still hand it over; importing it validates it.
 */
export async function exportContentPack(db: Db, packKey: string): Promise<ContentPack | null> {
  const packRow = await findPackByKey(db, packKey);
  if (!packRow) return null;
  const modules = await listModules(db, { packId: packRow.id });
  // All concepts of the pack in one query, grouped by module.
  const concepts = await listConceptsOfModules(db, modules.map((m) => m.id));
  const out: PackModule[] = modules.map((m) => toPackModule(m, concepts.filter((c) => c.moduleId === m.id)));
  return {
    format: 1,
    id: packRow.packKey,
    title: packRow.title,
    version: packRow.version,
    language: packRow.language,
    description: packRow.description,
    modules: out,
  };
}

/** Installs or updates the bundled pack on start-up (first run, or an app update). */
export async function ensureBundledPack(knex: Knex, pack: ContentPack): Promise<ImportReport> {
  return knex.transaction((trx) => applyContentPack(trx, pack, 'bundled'));
}
