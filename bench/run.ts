/**
 * `npm run bench [-- --messages N --json FILE]`
 *
 * Builds a classroom database (default ~1,000,000 messages), then measures each hot channel
 * through the real dispatcher against a floor: the same rows fetched (or written) with
 * hand-written better-sqlite3 prepared statements, with no session lookup and no validation.
 * Reports median and p95 per call, the ratio to the floor, the time to open the database,
 * generation throughput, peak memory and bytes per message on disk.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import Database from 'better-sqlite3';
import { startHarvCore } from '../main/app-core.ts';
import { applyConnectionSettings } from '../main/db/connection-settings.ts';
import type { TransportContext } from '../main/ipc/dispatcher.ts';
import { makeTempDir } from '../test/helpers/temp-db.ts';
import { generateClassroom } from './generate-classroom.ts';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '1000000' },
    json: { type: 'string' },
    calls: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
  },
});
const targetMessages = Number(values.messages);
const calls = Number(values.calls);
if (!Number.isInteger(targetMessages) || targetMessages < 2000 || !Number.isInteger(calls) || calls < 10) {
  console.error('Usage: npm run bench -- [--messages N (2000 or more)] [--calls N (10 or more)] [--json FILE] [--keep]');
  process.exit(2);
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95) };
}

async function timed(fn: (i: number) => Promise<unknown> | unknown, i: number): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn(i);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Calls measured in alternating blocks of this many, ours then the floor's. */
const BLOCK = 10;

/**
 * Times `ours` and `floor` n calls each, in alternating blocks after a warm-up of both, so a
 * drift in the machine's speed during the run (the virtual disk's fsync latency wanders by
 * several times over minutes) weighs on both sides alike instead of on whichever ran second.
 */
async function timeInterleaved(
  n: number,
  ours: (i: number) => Promise<unknown> | unknown,
  floor: (i: number) => Promise<unknown> | unknown,
): Promise<{ ours: number[]; floor: number[] }> {
  for (let i = 0; i < Math.min(20, n); i++) {
    await ours(i);
    await floor(i);
  }
  const out = { ours: [] as number[], floor: [] as number[] };
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    for (let i = start; i < end; i++) out.ours.push(await timed(ours, i));
    for (let i = start; i < end; i++) out.floor.push(await timed(floor, i));
  }
  sample();
  return out;
}

const { dir, cleanup } = makeTempDir('harv-bench-');
const file = join(dir, 'harv.sqlite');
try {
  console.log(`Generating a classroom with ~${targetMessages.toLocaleString('en')} messages…`);
  const world = await generateClassroom(file, targetMessages);
  sample();
  const throughput = world.messages / world.generateSeconds;
  const bytesPerMessage = statSync(file).size / world.messages;
  console.log(
    `  ${world.messages.toLocaleString('en')} messages in ${world.conversations.toLocaleString('en')} conversations, ` +
      `${world.generateSeconds.toFixed(1)} s (${Math.round(throughput).toLocaleString('en')} messages/s), ${bytesPerMessage.toFixed(0)} bytes/message`,
  );

  // Opening: the migration check, the knex pool, the bundled pack's version check.
  const openSamples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    const c = await startHarvCore({ filename: file, passwordCost: 4 });
    await c.db.knex.raw('SELECT 1');
    openSamples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    await c.close();
  }
  const openMs = stats(openSamples).median;

  const core = await startHarvCore({ filename: file, passwordCost: 4 });
  const raw = new Database(file);
  applyConnectionSettings(raw);
  const transports = world.learners.map(
    (l): TransportContext => ({ sessionToken: l.token, clientKey: 'bench', isLocal: true, setSession: () => undefined }),
  );
  const teacherToken = await (async () => {
    let tk: string | null = null;
    await core.dispatcher.dispatch(
      'auth:login',
      { email: 'bench-admin@school.test', password: 'benchmark password' },
      { sessionToken: null, clientKey: 'bench-admin', isLocal: true, setSession: (x) => void (tk = x) },
    );
    return tk!;
  })();
  const staff: TransportContext = { sessionToken: teacherToken, clientKey: 'bench', isLocal: true, setSession: () => undefined };
  const pick = (i: number) => world.longConversations[i % world.longConversations.length]!;
  const who = (i: number) => transports[i % transports.length]!;
  const dispatch = async (channel: string, input: unknown, t: TransportContext) => {
    const res = await core.dispatcher.dispatch(channel, input, t);
    if (!res.ok) throw new Error(`${channel}: ${JSON.stringify(res.error)}`);
    return res;
  };
  // Recent conversations (not the long one) for the newest page.
  const recentConversation = (raw.prepare('SELECT id, user_id FROM conversations WHERE user_id = ? ORDER BY id DESC LIMIT 1'));
  const recentFor = world.learners.map((l) => recentConversation.get(l.id) as { id: number; user_id: number });

  const floor = {
    newest: raw.prepare(
      'SELECT id, conversation_id, role, content, created_at, response_time_ms, token_count FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT 51',
    ),
    deep: raw.prepare(
      'SELECT id, conversation_id, role, content, created_at, response_time_ms, token_count FROM messages WHERE conversation_id = ? AND id < ? ORDER BY id DESC LIMIT 51',
    ),
    conversations: raw.prepare('SELECT * FROM conversations WHERE user_id = ? ORDER BY updated_at DESC, id DESC'),
    user: raw.prepare('SELECT * FROM users WHERE id = ?'),
    survey: raw.prepare('SELECT * FROM onboarding_surveys WHERE user_id = ?'),
    module: raw.prepare('SELECT * FROM modules WHERE id = ?'),
    concepts: raw.prepare('SELECT * FROM module_concepts WHERE module_id = ? AND retired_at IS NULL ORDER BY sort_order, id'),
    mastery: raw.prepare(
      'SELECT * FROM concept_mastery WHERE user_id = ? AND concept_id IN (SELECT id FROM module_concepts WHERE module_id = ?)',
    ),
    recent: raw.prepare('SELECT * FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT 8'),
    prior: raw.prepare(
      'SELECT s.*, m.slug, m.title FROM memory_summaries s JOIN modules m ON m.id = s.module_id WHERE s.user_id = ? AND s.module_id <> ? ORDER BY s.updated_at DESC, s.id DESC LIMIT 15',
    ),
    modules: raw.prepare('SELECT * FROM modules WHERE retired_at IS NULL ORDER BY sort_order, id'),
    conceptCounts: raw.prepare('SELECT module_id, COUNT(*) AS n FROM module_concepts WHERE retired_at IS NULL GROUP BY module_id'),
    progressOfUser: raw.prepare('SELECT * FROM user_progress WHERE user_id = ?'),
    progressOne: raw.prepare('SELECT * FROM user_progress WHERE user_id = ? AND module_id = ?'),
    masteredByModule: raw.prepare(
      `SELECT mc.module_id, COUNT(*) AS n FROM concept_mastery cm JOIN module_concepts mc ON mc.id = cm.concept_id
       WHERE cm.user_id = ? AND cm.mastered_at IS NOT NULL AND mc.retired_at IS NULL GROUP BY mc.module_id`,
    ),
    activity: raw.prepare(
      `SELECT substr(m.created_at, 1, 10) AS date, COUNT(*) AS n FROM messages m JOIN conversations c ON c.id = m.conversation_id
       WHERE c.user_id = ? AND c.updated_at >= ? AND m.role = 'user' AND m.created_at >= ? GROUP BY date ORDER BY date`,
    ),
    learners: raw.prepare(
      `SELECT u.id, u.name, u.email, u.is_active FROM users u
        WHERE u.role = 'learner' OR (u.role = 'admin' AND EXISTS (SELECT 1 FROM user_progress up WHERE up.user_id = u.id))
        ORDER BY u.name, u.id`,
    ),
    gridCells: raw.prepare(
      `SELECT p.user_id, p.module_id, p.completion_percentage, p.is_completed, p.last_activity_at FROM user_progress p
         JOIN users u ON u.id = p.user_id JOIN modules m ON m.id = p.module_id
        WHERE (u.role = 'learner' OR (u.role = 'admin' AND EXISTS (SELECT 1 FROM user_progress up WHERE up.user_id = u.id)))
          AND m.retired_at IS NULL`,
    ),
  };
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();

  type Row = { channel: string; medianMs: number; p95Ms: number; floorMedianMs: number; ratio: number; targetMs: number; met: boolean };
  const rows: Row[] = [];
  const measure = async (
    channel: string,
    ours: (i: number) => Promise<unknown>,
    floorFn: (i: number) => unknown,
    allowance: { factor: number; fixedMs: number } = { factor: 2, fixedMs: 0.05 },
    n = calls,
  ) => {
    const samples = await timeInterleaved(n, ours, floorFn);
    const o = stats(samples.ours);
    const f = stats(samples.floor);
    const targetMs = f.median * allowance.factor + allowance.fixedMs;
    rows.push({ channel, medianMs: o.median, p95Ms: o.p95, floorMedianMs: f.median, ratio: o.median / f.median, targetMs, met: o.median <= targetMs });
    console.log(`  measured ${channel}`);
  };

  console.log('Measuring…');
  await measure(
    'messages:list (newest 50)',
    (i) => dispatch('messages:list', { conversationId: recentFor[i % recentFor.length]!.id, limit: 50 }, who(i)),
    (i) => floor.newest.all(recentFor[i % recentFor.length]!.id),
  );
  await measure(
    'messages:list (deep page)',
    (i) => dispatch('messages:list', { conversationId: pick(i).conversationId, before: pick(i).middleMessageId, limit: 50 }, who(i)),
    (i) => floor.deep.all(pick(i).conversationId, pick(i).middleMessageId),
  );
  await measure(
    'conversations:list',
    (i) => dispatch('conversations:list', {}, who(i)),
    (i) => floor.conversations.all(world.learners[i % world.learners.length]!.id),
  );
  await measure(
    'memory:context',
    (i) => dispatch('memory:context', { conversationId: pick(i).conversationId }, who(i)),
    (i) => {
      const l = pick(i);
      floor.user.get(l.userId);
      floor.survey.get(l.userId);
      floor.module.get(l.moduleId);
      floor.concepts.all(l.moduleId);
      floor.mastery.all(l.userId, l.moduleId);
      floor.recent.all(l.conversationId);
      floor.prior.all(l.userId, l.moduleId);
    },
  );
  await measure(
    'progress:overview',
    (i) => dispatch('progress:overview', {}, who(i)),
    (i) => {
      const id = world.learners[i % world.learners.length]!.id;
      floor.modules.all();
      floor.conceptCounts.all();
      floor.progressOfUser.all(id);
      floor.masteredByModule.all(id);
      floor.activity.all(id, monthAgo, monthAgo);
    },
  );
  await measure(
    'progress:module',
    (i) => dispatch('progress:module', { moduleId: pick(i).moduleId }, who(i)),
    (i) => {
      const l = pick(i);
      floor.module.get(l.moduleId);
      floor.concepts.all(l.moduleId);
      floor.mastery.all(l.userId, l.moduleId);
      floor.progressOne.get(l.userId, l.moduleId);
    },
  );
  await measure(
    'progress:classGrid',
    () => dispatch('progress:classGrid', {}, staff),
    () => {
      floor.learners.all();
      floor.modules.all();
      floor.gridCells.all();
    },
  );

  // messages:send: the built-in tutor end to end, against the raw cost of its own writes
  // (two commits at synchronous=FULL: the learner's message, then reply + state + progress).
  const sendTargets = world.learners.map((l, i) => ({ t: transports[i]!, conversationId: recentFor[i]!.id, userId: l.id }));
  const ours = async (i: number) => {
    const s = sendTargets[i % sendTargets.length]!;
    return dispatch('messages:send', { conversationId: s.conversationId, content: 'I think we filter what we notice.' }, s.t);
  };
  // The floor writes what a reply really writes: the same records, state and summary sizes,
  // taken from the replies just made (the summary is rewritten every third turn, as the tutor does).
  for (let i = 0; i < 20; i++) await ours(i); // replies to copy the floor's payloads from
  const replySample = raw
    .prepare(
      `SELECT m.memory_context, m.socratic_analysis, m.content, c.engine_state, c.rolling_summary, c.user_id, c.module_id
         FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.conversation_id = ? AND m.role = 'assistant' ORDER BY m.id DESC LIMIT 1`,
    )
    .get(sendTargets[0]!.conversationId) as Record<string, string | number>;
  const summary = raw
    .prepare("SELECT * FROM memory_summaries WHERE conversation_id = ? ORDER BY id DESC LIMIT 1")
    .get(sendTargets[0]!.conversationId) as Record<string, string | number> | undefined;
  const evidence = JSON.stringify(Array.from({ length: 6 }, (_, k) => ({ messageId: 1000 + k, terms: ['selective-attention'], checkPassed: false })));
  // The floor writes to a copy of the database, on the same disk. Writing to the app's own
  // file from a second connection would make SQLite restart the app's page cache (and its
  // learner-memory cache, which watches for other writers) before every block of replies —
  // a cost no classroom pays, where one Harv process is the only writer.
  const floorFile = join(dir, 'floor-copy.sqlite');
  await raw.backup(floorFile);
  const floorDb = new Database(floorFile);
  applyConnectionSettings(floorDb);
  const rawInsertMessage = floorDb.prepare(
    'INSERT INTO messages (conversation_id, role, content, created_at, response_time_ms, memory_context, socratic_analysis) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const rawUpdateConversation = floorDb.prepare('UPDATE conversations SET engine_state = ?, rolling_summary = ?, updated_at = ? WHERE id = ?');
  const rawUpdateProgress = floorDb.prepare(
    `UPDATE user_progress SET completion_percentage = ?, total_messages = total_messages + 2, time_spent_seconds = time_spent_seconds + 30,
       current_focus = ?, last_activity_at = ?, updated_at = ? WHERE user_id = ? AND module_id = ?`,
  );
  const rawUpdateMastery = floorDb.prepare(
    'UPDATE concept_mastery SET attempts = attempts + 1, mastery = ?, evidence = ?, updated_at = ? WHERE user_id = ? AND concept_id = ?',
  );
  const rawUpdateMemory = floorDb.prepare(
    `UPDATE memory_summaries SET what_learned = ?, how_learned = ?, key_concepts = ?, learning_insights = ?, teaching_effectiveness = ?,
       updated_at = ? WHERE id = ?`,
  );
  const floorSend = (i: number) => {
    const s = sendTargets[i % sendTargets.length]!;
    const at = new Date().toISOString();
    floorDb.transaction(() => rawInsertMessage.run(s.conversationId, 'user', 'I think we filter what we notice.', at, null, null, null))();
    floorDb.transaction(() => {
      rawInsertMessage.run(s.conversationId, 'assistant', replySample.content, at, 3, replySample.memory_context, replySample.socratic_analysis);
      rawUpdateConversation.run(replySample.engine_state, replySample.rolling_summary, at, s.conversationId);
      rawUpdateProgress.run(16.7, 'Selective attention', at, at, s.userId, world.modules[0]!.id);
      rawUpdateMastery.run(0.5, evidence, at, s.userId, world.modules[0]!.conceptIds[0]!);
      if (summary && i % 3 === 0) {
        rawUpdateMemory.run(summary.what_learned, summary.how_learned, summary.key_concepts, summary.learning_insights, summary.teaching_effectiveness, at, summary.id);
      }
    })();
  };
  await measure('messages:send', ours, floorSend, { factor: 3, fixedMs: 0 });
  floorDb.close();
  raw.close();
  await core.close();
  clearInterval(sampler);
  sample();

  const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(0)} µs` : `${ms.toFixed(2)} ms`);
  console.log('\n| channel | median | p95 | raw floor (median) | ratio | target | met |');
  console.log('|---|---:|---:|---:|---:|---:|:-:|');
  for (const r of rows) {
    console.log(`| ${r.channel} | ${fmt(r.medianMs)} | ${fmt(r.p95Ms)} | ${fmt(r.floorMedianMs)} | ${r.ratio.toFixed(2)}× | ${fmt(r.targetMs)} | ${r.met ? 'yes' : 'NO'} |`);
  }
  const peakMb = peakRss / 1024 / 1024;
  console.log(`\nopen the database (median of 5): ${openMs.toFixed(0)} ms (target < 500 ms)`);
  console.log(`generation: ${Math.round(throughput).toLocaleString('en')} messages/s`);
  console.log(`peak memory (RSS): ${peakMb.toFixed(0)} MB (target < 500 MB)`);
  console.log(`bytes per message on disk: ${bytesPerMessage.toFixed(0)}`);
  if (values.json) {
    writeFileSync(
      values.json,
      JSON.stringify(
        {
          machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 1024 ** 3), node: process.version },
          messages: world.messages,
          conversations: world.conversations,
          channels: rows.map(({ channel, medianMs, p95Ms, floorMedianMs, ratio }) => ({ channel, medianMs, p95Ms, floorMedianMs, ratio })),
          targets: rows.map(({ channel, targetMs, met }) => ({ channel, targetMs, met })),
          openMs,
          generationMessagesPerSecond: throughput,
          peakMemoryMb: peakMb,
          bytesPerMessage,
        },
        null,
        2,
      ),
    );
    console.log(`wrote ${values.json}`);
  }
} finally {
  clearInterval(sampler);
  if (values.keep) console.log(`The generated database is kept at ${file}`);
  else cleanup();
}
