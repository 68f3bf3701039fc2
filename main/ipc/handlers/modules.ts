/**
 * Handlers: modules and concepts. Learners get the learner view (no prompts, corpora or
 * answer key); teachers and admins get everything and may author. A module or concept that
 * learners have history with is retired, never deleted — the cascade would wipe that history.
 */
import type { Role } from '../../../src/shared/domain.ts';
import { toLearnerConcept, toLearnerModule, toModuleSummary } from '../../../src/shared/contract/views.ts';
import {
  deleteConcept,
  deleteModule,
  findConceptById,
  findModuleById,
  findModuleBySlug,
  insertConcept,
  insertModule,
  listConcepts,
  listModules,
  updateConcept,
  updateModule,
  listPacks,
  upsertPack,
} from '../../repositories/curriculum.ts';
import { applyContentPack, exportContentPack, parseContentPack, PackVersionError } from '../../services/curriculum/pack-import.ts';
import type { Knex } from 'knex';
import type { Db } from '../../repositories/row-mapping.ts';
import { requireUser, type PartialHandlerMap } from '../dispatcher.ts';
import { learnerModuleSummaries } from '../../services/progress/progress-views.ts';
import { HandlerError, conflict, invalid, notFound } from '../handler-error.ts';

/** Teacher-authored modules live in a pack of their own, so slugs stay unique per pack. */
export const LOCAL_PACK_KEY = 'local';

const isStaff = (role: Role) => role === 'teacher' || role === 'admin';

async function conceptCounts(db: Db): Promise<Map<number, number>> {
  const rows = (await db('module_concepts')
    .whereNull('retired_at')
    .groupBy('module_id')
    .select('module_id')
    .count({ n: '*' })) as { module_id: number; n: number }[];
  return new Map(rows.map((r) => [r.module_id, Number(r.n)]));
}

async function moduleHasHistory(db: Db, moduleId: number): Promise<boolean> {
  const conv = await db('conversations').where({ module_id: moduleId }).first('id');
  if (conv) return true;
  const progress = await db('user_progress').where({ module_id: moduleId }).first('id');
  if (progress) return true;
  const mastery = await db('concept_mastery')
    .join('module_concepts', 'module_concepts.id', 'concept_mastery.concept_id')
    .where('module_concepts.module_id', moduleId)
    .first('concept_mastery.id');
  return mastery !== undefined;
}

async function conceptHasHistory(db: Db, conceptId: number): Promise<boolean> {
  return (await db('concept_mastery').where({ concept_id: conceptId }).first('id')) !== undefined;
}

/** A learner sees only active, unretired modules; staff see every module. */
async function visibleModule(db: Db, id: number, role: Role) {
  const mod = await findModuleById(db, id);
  if (!mod) throw notFound('That module');
  if (!isStaff(role) && (mod.retiredAt !== null || !mod.isActive)) throw notFound('That module');
  return mod;
}

/** Every module, inactive ones too, as teachers and admins see the library. */
async function staffModuleSummaries(db: Db, includeRetired: boolean) {
  const modules = await listModules(db, { includeRetired });
  const counts = await conceptCounts(db);
  return modules.map((m) => toModuleSummary(m, counts.get(m.id) ?? 0));
}

/** The retirement time a patch asks for: kept when already retired, cleared when un-retired. */
function retiredAtAfter(retired: boolean | undefined, current: string | null, now: number): string | null | undefined {
  if (retired === undefined) return undefined;
  return retired ? (current ?? new Date(now).toISOString()) : null;
}

async function assertModuleSlugFree(db: Db, packId: number, slug: string): Promise<void> {
  if (await findModuleBySlug(db, packId, slug)) {
    throw conflict('A module with this slug already exists.', { slug: ['Choose another slug.'] });
  }
}

function assertConceptSlugFree(siblings: readonly { slug: string }[], slug: string): void {
  if (siblings.some((c) => c.slug === slug)) {
    throw conflict('This module already has a concept with that slug.', { slug: ['Choose another slug.'] });
  }
}

export const moduleHandlers: PartialHandlerMap = {
  'modules:list': {
    tx: 'read',
    async handle(ctx, input) {
      const { role } = requireUser(ctx);
      // The library is read on every visit: learners get the hot path (active, unretired only).
      if (!isStaff(role)) return { modules: learnerModuleSummaries(ctx.reader) };
      return { modules: await staffModuleSummaries(ctx.db, input.includeRetired ?? false) };
    },
  },

  'modules:get': {
    tx: 'read',
    async handle(ctx, input) {
      const { role } = requireUser(ctx);
      const mod = await visibleModule(ctx.db, input.id, role);
      const concepts = await listConcepts(ctx.db, mod.id, { includeRetired: isStaff(role) });
      if (isStaff(role)) return { view: 'teacher' as const, module: mod, concepts };
      return { view: 'learner' as const, module: toLearnerModule(mod), concepts: concepts.map(toLearnerConcept) };
    },
  },

  'modules:create': {
    tx: 'write',
    async handle(ctx, input) {
      const pack = await upsertPack(ctx.db, { packKey: LOCAL_PACK_KEY, title: 'Modules written here', version: '1.0.0', language: 'en' });
      await assertModuleSlugFree(ctx.db, pack.id, input.slug);
      const maxOrder = (await ctx.db('modules').max({ m: 'sort_order' }).first()) as { m: number | null } | undefined;
      const mod = await insertModule(ctx.db, pack.id, { ...input, sortOrder: (maxOrder?.m ?? -1) + 1 });
      const updated = await updateModule(ctx.db, mod.id, { editedLocally: true });
      return { module: updated ?? mod };
    },
  },

  'modules:update': {
    tx: 'write',
    async handle(ctx, input) {
      const mod = await findModuleById(ctx.db, input.id);
      if (!mod) throw notFound('That module');
      const { retired, ...content } = input.patch;
      if (content.slug !== undefined && content.slug !== mod.slug) await assertModuleSlugFree(ctx.db, mod.packId, content.slug);
      const retiredAt = retiredAtAfter(retired, mod.retiredAt, ctx.services.now());
      const updated = await updateModule(ctx.db, mod.id, {
        ...content,
        ...(retiredAt !== undefined ? { retiredAt } : {}),
        // A teacher's change is theirs: a newer pack reports it instead of overwriting it.
        editedLocally: true,
      });
      if (!updated) throw notFound('That module');
      return { module: updated };
    },
  },

  'modules:delete': {
    tx: 'write',
    async handle(ctx, input) {
      const mod = await findModuleById(ctx.db, input.id);
      if (!mod) throw notFound('That module');
      if (await moduleHasHistory(ctx.db, mod.id)) {
        throw conflict('Learners have worked on this module, so it cannot be deleted. Retire it instead to hide it and keep their history.');
      }
      await deleteModule(ctx.db, mod.id);
      return { deleted: true as const };
    },
  },

  'modules:reorder': {
    tx: 'write',
    async handle(ctx, input) {
      const unique = new Set(input.moduleIds);
      if (unique.size !== input.moduleIds.length) throw invalid('moduleIds', 'Each module may appear once.');
      const existing = new Set(((await ctx.db('modules').select('id')) as { id: number }[]).map((r) => r.id));
      const unknown = input.moduleIds.filter((id) => !existing.has(id));
      if (unknown.length > 0) throw invalid('moduleIds', `Unknown module ids: ${unknown.join(', ')}.`);
      // Listed modules first, in the given order; the rest keep their relative order after them.
      const rest = (await listModules(ctx.db, { includeRetired: true })).filter((m) => !unique.has(m.id)).map((m) => m.id);
      const order = [...input.moduleIds, ...rest];
      for (const [i, id] of order.entries()) await ctx.db('modules').where({ id }).update({ sort_order: i });
      return { modules: await staffModuleSummaries(ctx.db, true) };
    },
  },

  'concepts:create': {
    tx: 'write',
    async handle(ctx, input) {
      const { moduleId, ...content } = input;
      const mod = await findModuleById(ctx.db, moduleId);
      if (!mod) throw notFound('That module');
      const existing = await listConcepts(ctx.db, mod.id, { includeRetired: true });
      assertConceptSlugFree(existing, content.slug);
      assertCheckTermsExist(content.keyTerms.map((g) => g.id), content.checkTerms);
      const sortOrder = existing.reduce((m, c) => Math.max(m, c.sortOrder), -1) + 1;
      const concept = await insertConcept(ctx.db, mod.id, { ...content, hints: [...content.hints], sortOrder });
      await updateModule(ctx.db, mod.id, { editedLocally: true });
      return { concept };
    },
  },

  'concepts:update': {
    tx: 'write',
    async handle(ctx, input) {
      const concept = await findConceptById(ctx.db, input.id);
      if (!concept) throw notFound('That concept');
      const { retired, ...content } = input.patch;
      if (content.slug !== undefined && content.slug !== concept.slug) {
        assertConceptSlugFree(await listConcepts(ctx.db, concept.moduleId, { includeRetired: true }), content.slug);
      }
      assertCheckTermsExist(
        (content.keyTerms ?? concept.keyTerms).map((g) => g.id),
        content.checkTerms ?? concept.checkTerms,
      );
      const retiredAt = retiredAtAfter(retired, concept.retiredAt, ctx.services.now());
      const updated = await updateConcept(ctx.db, concept.id, {
        ...content,
        ...(content.hints ? { hints: [...content.hints] } : {}),
        ...(retiredAt !== undefined ? { retiredAt } : {}),
      });
      if (!updated) throw notFound('That concept');
      await updateModule(ctx.db, concept.moduleId, { editedLocally: true });
      return { concept: updated };
    },
  },

  'concepts:delete': {
    tx: 'write',
    async handle(ctx, input) {
      const concept = await findConceptById(ctx.db, input.id);
      if (!concept) throw notFound('That concept');
      if (await conceptHasHistory(ctx.db, concept.id)) {
        throw conflict('Learners have worked on this concept, so it cannot be deleted. Retire it instead.');
      }
      await deleteConcept(ctx.db, concept.id);
      await updateModule(ctx.db, concept.moduleId, { editedLocally: true });
      return { deleted: true as const };
    },
  },
};

function assertCheckTermsExist(groupIds: string[], checkTerms: string[]): void {
  const missing = checkTerms.filter((t) => !groupIds.includes(t));
  if (missing.length > 0) throw invalid('checkTerms', `Check terms must name key-term groups; unknown: ${missing.join(', ')}.`);
}

export const packHandlers: PartialHandlerMap = {
  'modules:listPacks': {
    tx: 'read',
    async handle(ctx) {
      return { packs: await listPacks(ctx.db) };
    },
  },

  'modules:exportPack': {
    tx: 'read',
    async handle(ctx, input) {
      const pack = await exportContentPack(ctx.db, input.packKey);
      if (!pack) throw notFound('That content pack');
      return { filename: `${pack.id}-${pack.version}.json`, pack: pack as unknown as Record<string, unknown> };
    },
  },

  'modules:importPack': {
    tx: 'write',
    async handle(ctx, input) {
      const parsed = parseContentPack(input.pack);
      if (!parsed.ok) {
        // Field paths are given relative to the input, so a form can point at `pack.modules.3.title`.
        const fields = Object.fromEntries(Object.entries(parsed.fields).map(([k, v]) => [`pack.${k}`, v]));
        throw new HandlerError('VALIDATION', 'The content pack is not valid; nothing was imported.', { fields });
      }
      if (parsed.pack.id === LOCAL_PACK_KEY) throw invalid('pack.id', 'The pack id "local" is reserved for modules written here.');
      try {
        return { report: await applyContentPack(ctx.db as Knex.Transaction, parsed.pack, 'teacher') };
      } catch (err) {
        if (err instanceof PackVersionError) {
          throw conflict(`This pack is version ${err.offered}, older than the installed ${err.installed}. Nothing was imported.`, {
            'pack.version': [err.message],
          });
        }
        throw err;
      }
    },
  },
};
