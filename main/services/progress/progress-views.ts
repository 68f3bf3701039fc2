/**
 * Read models for progress: a learner's overview, one module by concept, the class grid.
 * Each is a handful of set queries — never one query per module or per learner.
 */
import type { Role } from '../../../src/shared/domain.ts';
import { listModuleSummaries } from '../../ipc/handlers/modules.ts';
import { listConcepts, findModuleById } from '../../repositories/curriculum.ts';
import { findProgress, listMasteryOfUser, listProgressOfUser } from '../../repositories/learning-records.ts';
import type { Db } from '../../repositories/row-mapping.ts';
import { toModuleSummary } from '../../../src/shared/contract/views.ts';
import type { ChannelOutput } from '../../../src/shared/contract/channels.ts';

const DAY_MS = 86_400_000;

function utcDate(iso: string): string {
  return iso.slice(0, 10);
}

/** Consecutive active days ending today or yesterday (a streak survives until a day is missed). */
export function streakDays(activeDates: readonly string[], now: number): number {
  const days = new Set(activeDates);
  let cursor = now;
  if (!days.has(utcDate(new Date(cursor).toISOString()))) cursor -= DAY_MS;
  let streak = 0;
  while (days.has(utcDate(new Date(cursor).toISOString()))) {
    streak++;
    cursor -= DAY_MS;
  }
  return streak;
}

export async function progressOverview(
  db: Db,
  userId: number,
  viewerRole: Role,
  now: number,
): Promise<ChannelOutput<'progress:overview'>> {
  // Progress is about what the learner can study: the learner's list, whoever is viewing.
  void viewerRole;
  const modules = await listModuleSummaries(db, 'learner');
  const progress = new Map((await listProgressOfUser(db, userId)).map((p) => [p.moduleId, p]));
  const masteredRows = (await db('concept_mastery')
    .join('module_concepts', 'module_concepts.id', 'concept_mastery.concept_id')
    .where('concept_mastery.user_id', userId)
    .whereNotNull('concept_mastery.mastered_at')
    .whereNull('module_concepts.retired_at')
    .groupBy('module_concepts.module_id')
    .select('module_concepts.module_id as moduleId')
    .count({ n: '*' })) as { moduleId: number; n: number }[];
  const masteredByModule = new Map(masteredRows.map((r) => [r.moduleId, Number(r.n)]));
  const since = new Date(now - 30 * DAY_MS).toISOString();
  const activity = (await db('messages')
    .join('conversations', 'conversations.id', 'messages.conversation_id')
    .where('conversations.user_id', userId)
    .where('messages.role', 'user')
    .where('messages.created_at', '>=', since)
    .groupByRaw('substr(messages.created_at, 1, 10)')
    .select(db.raw('substr(messages.created_at, 1, 10) as date'))
    .count({ messages: '*' })
    .orderBy('date')) as { date: string; messages: number }[];
  const lastActive = [...progress.values()]
    .filter((p) => p.lastActivityAt !== null)
    .sort((a, b) => (a.lastActivityAt! < b.lastActivityAt! ? 1 : -1))[0];

  const rows = modules.map((m) => ({
    module: m,
    progress: progress.get(m.id) ?? null,
    conceptsMastered: masteredByModule.get(m.id) ?? 0,
  }));
  const conceptCount = modules.reduce((n, m) => n + m.conceptCount, 0);
  const conceptsMastered = rows.reduce((n, r) => n + r.conceptsMastered, 0);
  return {
    modules: rows,
    totals: {
      completionPercentage: conceptCount === 0 ? 0 : Math.round((conceptsMastered / conceptCount) * 1000) / 10,
      modulesCompleted: rows.filter((r) => r.progress?.isCompleted).length,
      conceptsMastered,
      conceptCount,
      timeSpentSeconds: rows.reduce((n, r) => n + (r.progress?.timeSpentSeconds ?? 0), 0),
      totalMessages: rows.reduce((n, r) => n + (r.progress?.totalMessages ?? 0), 0),
      streakDays: streakDays(activity.map((a) => a.date), now),
      activity: activity.map((a) => ({ date: a.date, messages: Number(a.messages) })),
      continueModuleId: lastActive?.moduleId ?? null,
    },
  };
}

export async function progressOfModule(
  db: Db,
  userId: number,
  moduleId: number,
): Promise<ChannelOutput<'progress:module'> | null> {
  const mod = await findModuleById(db, moduleId);
  if (!mod) return null;
  const concepts = await listConcepts(db, moduleId);
  const mastery = new Map(
    (await listMasteryOfUser(db, userId, concepts.map((c) => c.id))).map((m) => [m.conceptId, m]),
  );
  return {
    module: toModuleSummary(mod, concepts.length),
    progress: await findProgress(db, userId, moduleId),
    concepts: concepts.map((c) => {
      const m = mastery.get(c.id);
      return {
        conceptId: c.id,
        slug: c.slug,
        title: c.title,
        mastery: m?.mastery ?? 0,
        mastered: m?.masteredAt != null,
        masteredAt: m?.masteredAt ?? null,
        attempts: m?.attempts ?? 0,
        hintsUsed: m?.hintsUsed ?? 0,
      };
    }),
  };
}

export async function classGrid(db: Db): Promise<ChannelOutput<'progress:classGrid'>> {
  const learners = (await db('users').where({ role: 'learner' }).orderBy('name').orderBy('id').select('id', 'name', 'email', 'is_active')) as {
    id: number;
    name: string;
    email: string;
    is_active: number;
  }[];
  const modules = (await db('modules').whereNull('retired_at').orderBy('sort_order').orderBy('id').select('id', 'slug', 'title')) as {
    id: number;
    slug: string;
    title: string;
  }[];
  const cells = (await db('user_progress')
    .join('users', 'users.id', 'user_progress.user_id')
    .where('users.role', 'learner')
    .select('user_progress.user_id', 'user_progress.module_id', 'completion_percentage', 'is_completed', 'last_activity_at')) as {
    user_id: number;
    module_id: number;
    completion_percentage: number;
    is_completed: number;
    last_activity_at: string | null;
  }[];
  const moduleIds = new Set(modules.map((m) => m.id));
  return {
    learners: learners.map((l) => ({ id: l.id, name: l.name, email: l.email, isActive: l.is_active === 1 })),
    modules,
    cells: cells
      .filter((c) => moduleIds.has(c.module_id))
      .map((c) => ({
        userId: c.user_id,
        moduleId: c.module_id,
        completionPercentage: c.completion_percentage,
        isCompleted: c.is_completed === 1,
        lastActivityAt: c.last_activity_at,
      })),
  };
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote. */
export function classGridCsv(grid: ChannelOutput<'progress:classGrid'>): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const byKey = new Map(grid.cells.map((c) => [`${c.userId}:${c.moduleId}`, c]));
  const header = ['Learner', 'Email', 'Active', ...grid.modules.map((m) => m.title)];
  const lines = [header.map(cell).join(',')];
  for (const l of grid.learners) {
    const values = grid.modules.map((m) => String(byKey.get(`${l.id}:${m.id}`)?.completionPercentage ?? 0));
    lines.push([l.name, l.email, l.isActive ? 'yes' : 'no', ...values].map(cell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
