/**
 * No full-table scan on a hot path, asserted on query plans rather than timings: every
 * statement the hot channels run is captured, then EXPLAIN QUERY PLAN must show indexed
 * access to the tables that grow with use (messages, conversations, memory, mastery, sessions).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type BetterSqlite3 from 'better-sqlite3';
import { classroom, startHarness, type Harness } from './helpers/harness.ts';

/** Tables whose size grows with every learner and every message. */
const GROWING = new Set(['messages', 'conversations', 'memory_summaries', 'concept_mastery', 'sessions']);

let h: Harness;
const captured = new Set<string>();

function capture(conn: BetterSqlite3.Database): void {
  const prepare = conn.prepare.bind(conn);
  conn.prepare = ((sql: string) => {
    captured.add(sql);
    return prepare(sql);
  }) as typeof conn.prepare;
}

beforeAll(async () => {
  h = await startHarness();
  const c = await classroom(h);
  capture(h.core.db.reader);
  const writer = (await h.core.db.knex.client.acquireConnection()) as BetterSqlite3.Database;
  capture(writer);
  await h.core.db.knex.client.releaseConnection(writer);
  const me = c.learner.client;
  const { modules } = await me.ok('modules:list', {});
  const { conversation } = await me.ok('conversations:start', { moduleId: modules[0]!.id });
  for (const text of ['We notice different things', "I'm lost", 'We filter what we see']) {
    await me.ok('messages:send', { conversationId: conversation.id, content: text });
  }
  const { messages } = await me.ok('messages:list', { conversationId: conversation.id, limit: 2 });
  await me.ok('messages:list', { conversationId: conversation.id, before: messages[1]!.id, limit: 2 });
  await me.ok('conversations:list', {});
  await me.ok('memory:context', { conversationId: conversation.id });
  await me.ok('progress:overview', {});
  await me.ok('progress:module', { moduleId: modules[0]!.id });
  await c.teacher.client.ok('progress:classGrid', {});
}, 60_000);
afterAll(() => h.dispose());

function tableOf(alias: string, sql: string): string {
  const m = new RegExp(`\\b(?:FROM|JOIN)\\s+(\\w+)\\s+(?:AS\\s+)?${alias}\\b`, 'i').exec(sql);
  return (m?.[1] ?? alias).toLowerCase();
}

describe('query plans of the hot paths', () => {
  it('captured the statements of every hot channel', () => {
    expect(captured.size).toBeGreaterThan(15);
  });

  it('never scan a growing table in full, nor sort one in a temporary tree', () => {
    const problems: string[] = [];
    for (const sql of captured) {
      if (!/^\s*(SELECT|UPDATE|DELETE|INSERT)/i.test(sql)) continue;
      const named = [...new Set(sql.match(/@\w+/g) ?? [])].map((n) => n.slice(1));
      const params = named.length > 0 ? [Object.fromEntries(named.map((n) => [n, null]))] : (sql.match(/\?/g) ?? []).map(() => null);
      const plan = h.core.db.reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      for (const { detail } of plan) {
        const scan = /^SCAN (\w+)(?! USING (?:COVERING )?INDEX)/.exec(detail);
        if (scan && GROWING.has(tableOf(scan[1]!, sql)) && !/USING (COVERING )?INDEX|INTEGER PRIMARY KEY/.test(detail)) {
          problems.push(`${detail}\n    in: ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
        }
        if (/USE TEMP B-TREE FOR ORDER BY/.test(detail) && /\b(messages|conversations|memory_summaries)\b/.test(sql)) {
          problems.push(`${detail}\n    in: ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
        }
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('answers what a reply reads of large rows from an index alone', () => {
    const planOf = (fragment: string) => {
      const sql = [...captured].find((q) => q.replace(/\s+/g, ' ').includes(fragment));
      expect(sql, `no captured statement contains: ${fragment}`).toBeDefined();
      const params = (sql!.match(/\?/g) ?? []).map(() => null);
      return (h.core.db.reader.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    };
    // Overall completion: mastered concepts from the index, not ~100 mastery rows.
    expect(planOf('SELECT concept_id FROM concept_mastery WHERE user_id = ? AND mastered_at IS NOT NULL')).toMatch(
      /COVERING INDEX idx_concept_mastery_user_mastered/,
    );
    // Prior knowledge: the newest summary of each other module picked from the index.
    expect(planOf('SELECT id, module_id FROM memory_summaries')).toMatch(/COVERING INDEX idx_memory_user_recent_module/);
    // Completion recount: which concepts are live, without reading each concept's long texts.
    expect(planOf('FROM module_concepts mc LEFT JOIN concept_mastery cm')).toMatch(/COVERING INDEX idx_module_concepts_module_live/);
  });
});
