/**
 * Read models for progress: a learner's overview, one module by concept, the class grid.
 * Each is a handful of set queries — never one query per module or per learner.
 */
import type { UserProgress } from '../../../src/shared/domain.ts';
import type { Reader } from '../../db/reader.ts';
import {
  readActiveConcepts,
  readActiveModules,
  readActivity,
  readConceptCounts,
  readMasteredCountByModule,
  readMasteryInModule,
  readModule,
  readProgress,
  readProgressOfUser,
} from '../../repositories/hot-reads.ts';
import { toModuleSummary, type ModuleSummary } from '../../../src/shared/contract/views.ts';
import type { ChannelOutput } from '../../../src/shared/contract/channels.ts';
import { completionFrom } from './record-progress.ts';

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

/** The modules a learner can study, with concept counts: the library and the overview share it. */
export function learnerModuleSummaries(reader: Reader): ModuleSummary[] {
  const counts = readConceptCounts(reader);
  return readActiveModules(reader)
    .filter((m) => m.isActive)
    .map((m) => toModuleSummary(m, counts.get(m.id) ?? 0));
}

export function progressOverview(reader: Reader, userId: number, now: number): ChannelOutput<'progress:overview'> {
  const modules = learnerModuleSummaries(reader);
  const progress = new Map(readProgressOfUser(reader, userId).map((p) => [p.moduleId, p]));
  const masteredByModule = readMasteredCountByModule(reader, userId);
  const activity = readActivity(reader, userId, new Date(now - 30 * DAY_MS).toISOString());
  let lastActive: UserProgress | null = null;
  for (const p of progress.values()) {
    if (p.lastActivityAt !== null && (lastActive === null || p.lastActivityAt > (lastActive.lastActivityAt ?? ''))) lastActive = p;
  }
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
      completionPercentage: completionFrom({ concepts: conceptCount, mastered: conceptsMastered }).pct,
      modulesCompleted: rows.filter((r) => r.progress?.isCompleted).length,
      conceptsMastered,
      conceptCount,
      timeSpentSeconds: rows.reduce((n, r) => n + (r.progress?.timeSpentSeconds ?? 0), 0),
      totalMessages: rows.reduce((n, r) => n + (r.progress?.totalMessages ?? 0), 0),
      streakDays: streakDays(activity.map((a) => a.date), now),
      activity,
      continueModuleId: lastActive?.moduleId ?? null,
    },
  };
}

export function progressOfModule(reader: Reader, userId: number, moduleId: number): ChannelOutput<'progress:module'> | null {
  const mod = readModule(reader, moduleId);
  if (!mod) return null;
  const concepts = readActiveConcepts(reader, moduleId);
  const mastery = new Map(readMasteryInModule(reader, userId, moduleId).map((m) => [m.conceptId, m]));
  return {
    module: toModuleSummary(mod, concepts.length),
    progress: readProgress(reader, userId, moduleId),
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

/** The class: learners, and admins who learn (in personal use the one admin is the learner). */
const CLASS_MEMBER = `(u.role = 'learner' OR (u.role = 'admin' AND EXISTS (SELECT 1 FROM user_progress up WHERE up.user_id = u.id)))`;

export function classGrid(reader: Reader): ChannelOutput<'progress:classGrid'> {
  const learners = reader
    .prepare(`SELECT u.id, u.name, u.email, u.is_active FROM users u WHERE ${CLASS_MEMBER} ORDER BY u.name, u.id`)
    .all() as { id: number; name: string; email: string; is_active: number }[];
  const modules = readActiveModules(reader).map(({ id, slug, title }) => ({ id, slug, title }));
  const cells = reader
    .prepare(
      `SELECT p.user_id, p.module_id, p.completion_percentage, p.is_completed, p.last_activity_at
         FROM user_progress p JOIN users u ON u.id = p.user_id JOIN modules m ON m.id = p.module_id
        WHERE ${CLASS_MEMBER} AND m.retired_at IS NULL`,
    )
    .all() as {
    user_id: number;
    module_id: number;
    completion_percentage: number;
    is_completed: number;
    last_activity_at: string | null;
  }[];
  return {
    learners: learners.map((l) => ({ id: l.id, name: l.name, email: l.email, isActive: l.is_active === 1 })),
    modules,
    cells: cells.map((c) => ({
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
