/** Repository: content_packs, modules and module_concepts. */
import { z } from 'zod';
import { difficultySchema, keyTermGroupSchema, misconceptionSchema, resourceSchema } from '../../src/shared/content-pack.ts';
import type { Concept, ContentPackRecord, Module } from '../../src/shared/domain.ts';
import {
  fromBool,
  guardConstraints,
  nowIso,
  num,
  oneOf,
  parseJsonColumn,
  str,
  strOrNull,
  toBool,
  toJson,
  type Db,
  type Row,
} from './row-mapping.ts';

// Schemas built once: constructing a zod schema per row costs more than parsing the row.
const strings = z.array(z.string());
const resources = z.array(resourceSchema);
const keyTermGroups = z.array(keyTermGroupSchema);
const misconceptionList = z.array(misconceptionSchema);

// ── content packs ──────────────────────────────────────────────────────────────────────
function mapPack(row: Row): ContentPackRecord {
  return {
    id: num(row, 'id'),
    packKey: str(row, 'pack_key'),
    title: str(row, 'title'),
    version: str(row, 'version'),
    language: str(row, 'language'),
    description: str(row, 'description'),
    importedAt: str(row, 'imported_at'),
  };
}

export async function findPackByKey(db: Db, packKey: string): Promise<ContentPackRecord | null> {
  const row = (await db('content_packs').where({ pack_key: packKey }).first()) as Row | undefined;
  return row ? mapPack(row) : null;
}

export async function listPacks(db: Db): Promise<ContentPackRecord[]> {
  return ((await db('content_packs').orderBy('id')) as Row[]).map(mapPack);
}

export async function upsertPack(
  db: Db,
  pack: { packKey: string; title: string; version: string; language: string; description?: string },
): Promise<ContentPackRecord> {
  const now = nowIso();
  const values = {
    title: pack.title,
    version: pack.version,
    language: pack.language,
    ...(pack.description !== undefined ? { description: pack.description } : {}),
    imported_at: now,
  };
  const [row] = await guardConstraints(() =>
    db('content_packs')
      .insert({ pack_key: pack.packKey, ...values })
      .onConflict('pack_key')
      .merge(values)
      .returning('*'),
  );
  return mapPack(row as Row);
}

// ── modules ────────────────────────────────────────────────────────────────────────────
export function mapModule(row: Row): Module {
  return {
    id: num(row, 'id'),
    packId: num(row, 'pack_id'),
    slug: str(row, 'slug'),
    title: str(row, 'title'),
    description: str(row, 'description'),
    sortOrder: num(row, 'sort_order'),
    learningObjectives: parseJsonColumn(strings, row.learning_objectives, 'modules.learning_objectives'),
    systemPrompt: str(row, 'system_prompt'),
    modulePrompt: str(row, 'module_prompt'),
    systemCorpus: str(row, 'system_corpus'),
    moduleCorpus: str(row, 'module_corpus'),
    dynamicCorpus: str(row, 'dynamic_corpus'),
    resources: parseJsonColumn(resources, row.resources, 'modules.resources'),
    masteryTriggers: parseJsonColumn(strings, row.mastery_triggers, 'modules.mastery_triggers'),
    confusionTriggers: parseJsonColumn(strings, row.confusion_triggers, 'modules.confusion_triggers'),
    memoryExtractionPrompt: str(row, 'memory_extraction_prompt'),
    difficultyLevel: oneOf(row, 'difficulty_level', difficultySchema.options),
    estimatedMinutes: num(row, 'estimated_minutes'),
    prerequisites: parseJsonColumn(strings, row.prerequisites, 'modules.prerequisites'),
    isActive: toBool(row.is_active),
    editedLocally: toBool(row.edited_locally),
    retiredAt: strOrNull(row, 'retired_at'),
    createdAt: str(row, 'created_at'),
    updatedAt: str(row, 'updated_at'),
  };
}

export type ModuleContent = Omit<Module, 'id' | 'packId' | 'createdAt' | 'updatedAt' | 'retiredAt' | 'isActive' | 'editedLocally'>;

function moduleColumns(m: Partial<ModuleContent>): Row {
  const out: Row = {};
  if (m.slug !== undefined) out.slug = m.slug;
  if (m.title !== undefined) out.title = m.title;
  if (m.description !== undefined) out.description = m.description;
  if (m.sortOrder !== undefined) out.sort_order = m.sortOrder;
  if (m.learningObjectives !== undefined) out.learning_objectives = toJson(m.learningObjectives);
  if (m.systemPrompt !== undefined) out.system_prompt = m.systemPrompt;
  if (m.modulePrompt !== undefined) out.module_prompt = m.modulePrompt;
  if (m.systemCorpus !== undefined) out.system_corpus = m.systemCorpus;
  if (m.moduleCorpus !== undefined) out.module_corpus = m.moduleCorpus;
  if (m.dynamicCorpus !== undefined) out.dynamic_corpus = m.dynamicCorpus;
  if (m.resources !== undefined) out.resources = toJson(m.resources);
  if (m.masteryTriggers !== undefined) out.mastery_triggers = toJson(m.masteryTriggers);
  if (m.confusionTriggers !== undefined) out.confusion_triggers = toJson(m.confusionTriggers);
  if (m.memoryExtractionPrompt !== undefined) out.memory_extraction_prompt = m.memoryExtractionPrompt;
  if (m.difficultyLevel !== undefined) out.difficulty_level = m.difficultyLevel;
  if (m.estimatedMinutes !== undefined) out.estimated_minutes = m.estimatedMinutes;
  if (m.prerequisites !== undefined) out.prerequisites = toJson(m.prerequisites);
  return out;
}

export async function insertModule(db: Db, packId: number, m: ModuleContent): Promise<Module> {
  const now = nowIso();
  const [row] = await guardConstraints(() =>
    db('modules')
      .insert({ pack_id: packId, ...moduleColumns(m), created_at: now, updated_at: now })
      .returning('*'),
  );
  return mapModule(row as Row);
}

export interface ModuleFlags {
  isActive?: boolean;
  editedLocally?: boolean;
  retiredAt?: string | null;
}

export async function updateModule(
  db: Db,
  id: number,
  patch: Partial<ModuleContent> & ModuleFlags,
): Promise<Module | null> {
  const values: Row = { ...moduleColumns(patch), updated_at: nowIso() };
  if (patch.isActive !== undefined) values.is_active = fromBool(patch.isActive);
  if (patch.editedLocally !== undefined) values.edited_locally = fromBool(patch.editedLocally);
  if (patch.retiredAt !== undefined) values.retired_at = patch.retiredAt;
  const rows = await guardConstraints(() => db('modules').where({ id }).update(values).returning('*'));
  const row = rows[0] as Row | undefined;
  return row ? mapModule(row) : null;
}

export async function findModuleById(db: Db, id: number): Promise<Module | null> {
  const row = (await db('modules').where({ id }).first()) as Row | undefined;
  return row ? mapModule(row) : null;
}

export async function findModuleBySlug(db: Db, packId: number, slug: string): Promise<Module | null> {
  const row = (await db('modules').where({ pack_id: packId, slug }).first()) as Row | undefined;
  return row ? mapModule(row) : null;
}

/** Modules in teaching order; retired ones only when asked for (a teacher's editor). */
export async function listModules(db: Db, opts: { includeRetired?: boolean; packId?: number } = {}): Promise<Module[]> {
  const q = db('modules').orderBy('sort_order').orderBy('id');
  if (!opts.includeRetired) q.whereNull('retired_at');
  if (opts.packId !== undefined) q.where({ pack_id: opts.packId });
  return ((await q) as Row[]).map(mapModule);
}

export async function deleteModule(db: Db, id: number): Promise<boolean> {
  return (await db('modules').where({ id }).delete()) > 0;
}

// ── concepts ───────────────────────────────────────────────────────────────────────────
export function mapConcept(row: Row): Concept {
  return {
    id: num(row, 'id'),
    moduleId: num(row, 'module_id'),
    slug: str(row, 'slug'),
    title: str(row, 'title'),
    sortOrder: num(row, 'sort_order'),
    explanation: str(row, 'explanation'),
    guidingQuestions: parseJsonColumn(strings, row.guiding_questions, 'module_concepts.guiding_questions'),
    hints: parseJsonColumn(strings, row.hints, 'module_concepts.hints'),
    keyTerms: parseJsonColumn(keyTermGroups, row.key_terms, 'module_concepts.key_terms'),
    misconceptions: parseJsonColumn(misconceptionList, row.misconceptions, 'module_concepts.misconceptions'),
    checkQuestion: str(row, 'check_question'),
    checkTerms: parseJsonColumn(strings, row.check_terms, 'module_concepts.check_terms'),
    examplePrompt: str(row, 'example_prompt'),
    retiredAt: strOrNull(row, 'retired_at'),
    createdAt: str(row, 'created_at'),
    updatedAt: str(row, 'updated_at'),
  };
}

export type ConceptContent = Omit<Concept, 'id' | 'moduleId' | 'createdAt' | 'updatedAt' | 'retiredAt'>;

function conceptColumns(c: Partial<ConceptContent>): Row {
  const out: Row = {};
  if (c.slug !== undefined) out.slug = c.slug;
  if (c.title !== undefined) out.title = c.title;
  if (c.sortOrder !== undefined) out.sort_order = c.sortOrder;
  if (c.explanation !== undefined) out.explanation = c.explanation;
  if (c.guidingQuestions !== undefined) out.guiding_questions = toJson(c.guidingQuestions);
  if (c.hints !== undefined) out.hints = toJson(c.hints);
  if (c.keyTerms !== undefined) out.key_terms = toJson(c.keyTerms);
  if (c.misconceptions !== undefined) out.misconceptions = toJson(c.misconceptions);
  if (c.checkQuestion !== undefined) out.check_question = c.checkQuestion;
  if (c.checkTerms !== undefined) out.check_terms = toJson(c.checkTerms);
  if (c.examplePrompt !== undefined) out.example_prompt = c.examplePrompt;
  return out;
}

export async function insertConcept(db: Db, moduleId: number, c: ConceptContent): Promise<Concept> {
  const now = nowIso();
  const [row] = await guardConstraints(() =>
    db('module_concepts')
      .insert({ module_id: moduleId, ...conceptColumns(c), created_at: now, updated_at: now })
      .returning('*'),
  );
  return mapConcept(row as Row);
}

export async function updateConcept(
  db: Db,
  id: number,
  patch: Partial<ConceptContent> & { retiredAt?: string | null },
): Promise<Concept | null> {
  const values: Row = { ...conceptColumns(patch), updated_at: nowIso() };
  if (patch.retiredAt !== undefined) values.retired_at = patch.retiredAt;
  const rows = await guardConstraints(() => db('module_concepts').where({ id }).update(values).returning('*'));
  const row = rows[0] as Row | undefined;
  return row ? mapConcept(row) : null;
}

export async function findConceptById(db: Db, id: number): Promise<Concept | null> {
  const row = (await db('module_concepts').where({ id }).first()) as Row | undefined;
  return row ? mapConcept(row) : null;
}

export async function listConcepts(
  db: Db,
  moduleId: number,
  opts: { includeRetired?: boolean } = {},
): Promise<Concept[]> {
  const q = db('module_concepts').where({ module_id: moduleId }).orderBy('sort_order').orderBy('id');
  if (!opts.includeRetired) q.whereNull('retired_at');
  return ((await q) as Row[]).map(mapConcept);
}

/** Concepts of many modules at once (one query, not one per module). */
export async function listConceptsOfModules(db: Db, moduleIds: readonly number[]): Promise<Concept[]> {
  if (moduleIds.length === 0) return [];
  return (
    (await db('module_concepts')
      .whereIn('module_id', moduleIds)
      .whereNull('retired_at')
      .orderBy('module_id')
      .orderBy('sort_order')
      .orderBy('id')) as Row[]
  ).map(mapConcept);
}

export async function deleteConcept(db: Db, id: number): Promise<boolean> {
  return (await db('module_concepts').where({ id }).delete()) > 0;
}
