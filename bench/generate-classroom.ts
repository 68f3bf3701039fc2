/**
 * Generates a classroom database for the benchmark: 40 learners, the 15 bundled modules,
 * ~20,000 conversations and ~1,000,000 messages (a long conversation per learner among
 * them), with memory summaries, mastery and progress — fast, with prepared statements in
 * large transactions on a raw better-sqlite3 connection.
 */
import Database from 'better-sqlite3';
import { startHarvCore } from '../main/app-core.ts';
import type { TransportContext } from '../main/ipc/dispatcher.ts';
import { initialEngineState } from '../main/services/tutor/socratic-engine.ts';

export const LEARNERS = 40;
export const PASSWORD = 'benchmark password';

export interface GeneratedClassroom {
  learners: { id: number; email: string; token: string }[];
  modules: { id: number; conceptIds: number[] }[];
  /** One long conversation per learner (for deep pages), with its middle message id. */
  longConversations: { userId: number; conversationId: number; middleMessageId: number; moduleId: number }[];
  messages: number;
  conversations: number;
  generateSeconds: number;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEARNER_LINES = [
  'I think people notice different things depending on what they already care about.',
  'Maybe the media decides which stories we even hear about?',
  "I'm not sure, can you give me a hint?",
  'So the audience is kind of what gets sold to advertisers.',
  'We filter out most of what we see and keep what fits.',
  'That makes sense now — the message changes on the way.',
];
const TUTOR_LINES = [
  "That's a thoughtful start. What makes you say that — can you think of a time it happened to you?",
  'Here is a nudge: think about who chooses what reaches the front page. Who might that be?',
  'You have named something important. How would that idea apply to the apps you use every day?',
  'Let me give you a concrete case to reason about. What do you notice in it?',
];

export async function generateClassroom(filename: string, targetMessages: number): Promise<GeneratedClassroom> {
  const started = process.hrtime.bigint();
  // The app's own path sets up the schema, the bundled pack and the accounts' password hashes.
  const core = await startHarvCore({ filename, passwordCost: 4 });
  let token: string | null = null;
  const t = (): TransportContext => ({ sessionToken: token, clientKey: 'bench', isLocal: true, setSession: (x) => void (token = x) });
  const setup = await core.dispatcher.dispatch(
    'app:setup',
    { mode: 'classroom', admin: { email: 'bench-admin@school.test', password: PASSWORD, name: 'Bench Admin' } },
    t(),
  );
  if (!setup.ok) throw new Error('setup failed');
  for (let i = 0; i < LEARNERS; i++) {
    const res = await core.dispatcher.dispatch(
      'users:create',
      { email: `learner${i}@school.test`, password: PASSWORD, name: `Learner ${String(i).padStart(2, '0')}`, role: 'learner' },
      t(),
    );
    if (!res.ok) throw new Error('users:create failed');
  }
  const learners: GeneratedClassroom['learners'] = [];
  for (let i = 0; i < LEARNERS; i++) {
    let lt: string | null = null;
    const res = await core.dispatcher.dispatch(
      'auth:login',
      { email: `learner${i}@school.test`, password: PASSWORD },
      { sessionToken: null, clientKey: `bench-${i}`, isLocal: true, setSession: (x) => void (lt = x) },
    );
    if (!res.ok || !lt) throw new Error('login failed');
    learners.push({ id: (res.data as { user: { id: number } }).user.id, email: `learner${i}@school.test`, token: lt });
  }
  await core.close();

  const db = new Database(filename);
  // Generation only: durability does not matter for rows made up for a benchmark.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const modules = (db.prepare('SELECT id FROM modules WHERE retired_at IS NULL ORDER BY sort_order').all() as { id: number }[]).map((m) => ({
    id: m.id,
    conceptIds: (db.prepare('SELECT id FROM module_concepts WHERE module_id = ? ORDER BY sort_order').all(m.id) as { id: number }[]).map((c) => c.id),
  }));
  const random = rng(42);
  const insertConversation = db.prepare(
    `INSERT INTO conversations (user_id, module_id, title, status, rolling_summary, engine_state, created_at, updated_at, finalized_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMessage = db.prepare(
    `INSERT INTO messages (conversation_id, role, content, created_at, response_time_ms, memory_context, socratic_analysis)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMemory = db.prepare(
    `INSERT INTO memory_summaries (user_id, module_id, conversation_id, what_learned, how_learned, key_concepts, understanding_level,
       learning_insights, teaching_effectiveness, source, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'tutor', ?, ?)`,
  );
  const insertProgress = db.prepare(
    `INSERT INTO user_progress (user_id, module_id, completion_percentage, mastery_level, is_completed, time_spent_seconds,
       total_conversations, total_messages, questions_asked, hints_used, current_focus, last_activity_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertMastery = db.prepare(
    `INSERT INTO concept_mastery (user_id, concept_id, mastery, attempts, hints_used, evidence, mastered_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const touchConversation = db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?');
  const engineState = JSON.stringify(initialEngineState());
  const conversationsPerLearner = 500;
  const longLength = Math.max(100, Math.round(targetMessages / LEARNERS / 5));
  const perConversation = Math.max(2, Math.round((targetMessages / LEARNERS - longLength) / (conversationsPerLearner - 1)));
  const base = Date.parse('2025-09-01T08:00:00.000Z');
  let messages = 0;
  let conversations = 0;
  const longConversations: GeneratedClassroom['longConversations'] = [];

  const fillLearner = db.transaction((learnerIndex: number) => {
    const learner = learners[learnerIndex]!;
    let clock = base + learnerIndex * 1000;
    const perModule = new Map<number, { conversations: number; messages: number; last: string }>();
    for (let c = 0; c < conversationsPerLearner; c++) {
      const mod = modules[c % modules.length]!;
      const length = c === 0 ? longLength : perConversation;
      const created = new Date(clock).toISOString();
      const conv = insertConversation.run(
        learner.id, mod.id, `Conversation ${c + 1}`, c % 3 === 0 ? 'finalized' : 'active',
        'Module: bench. Mastered so far: none. Hints used: 2.', engineState, created, created, null,
      );
      const conversationId = Number(conv.lastInsertRowid);
      conversations++;
      let middle = 0;
      for (let m = 0; m < length; m++) {
        clock += 20_000 + Math.floor(random() * 60_000);
        const at = new Date(clock).toISOString();
        const fromLearner = m % 2 === 1;
        const record = fromLearner
          ? null
          : JSON.stringify({
              v: 1,
              engine: 'socratic-builtin',
              profile: { name: `Learner ${learnerIndex}`, pace: 'medium', interaction: 'questions', style: 'visual', hasGoals: true, overallCompletion: 12.5 },
              module: { id: mod.id, updatedAt: created },
              concepts: mod.conceptIds.map((id, i) => ({ id, mastery: i === 0 ? 0.5 : 0, mastered: false })),
              focusConceptId: mod.conceptIds[0],
              conversation: { id: conversationId, summary: 'Module: bench. No concept mastered yet. Hints used: 1.', recentMessageIds: [] },
              prior: [],
              usedPrior: [],
              budget: { dynamicChars: 1800, limitChars: 6000, droppedPrior: [] },
            });
        const row = insertMessage.run(
          conversationId,
          fromLearner ? 'user' : 'assistant',
          fromLearner ? LEARNER_LINES[m % LEARNER_LINES.length]! : TUTOR_LINES[m % TUTOR_LINES.length]!,
          at,
          fromLearner ? null : 3,
          record,
          fromLearner ? null : JSON.stringify({ move: 'probe_missing_idea', conceptSlug: null, hintGiven: false, askedQuestion: false }),
        );
        if (m === Math.floor(length / 2)) middle = Number(row.lastInsertRowid);
        messages++;
      }
      if (c === 0) longConversations.push({ userId: learner.id, conversationId, middleMessageId: middle, moduleId: mod.id });
      const last = new Date(clock).toISOString();
      touchConversation.run(last, conversationId);
      insertMemory.run(
        learner.id, mod.id, conversationId, 'Worked through the first ideas of the module.', 'Mostly by answering guiding questions.',
        '["four-worlds"]', 'developing', 'Mixed up the media world with the real world once.', 'Needed two hints.', last, last,
      );
      const p = perModule.get(mod.id) ?? { conversations: 0, messages: 0, last };
      perModule.set(mod.id, { conversations: p.conversations + 1, messages: p.messages + length, last });
    }
    for (const mod of modules) {
      const p = perModule.get(mod.id);
      if (!p) continue;
      const masteredCount = Math.floor(random() * (mod.conceptIds.length + 1));
      const pct = Math.round((masteredCount / mod.conceptIds.length) * 1000) / 10;
      insertProgress.run(
        learner.id, mod.id, pct, pct >= 80 ? 'advanced' : pct >= 40 ? 'intermediate' : 'beginner', pct === 100 ? 1 : 0,
        p.messages * 20, p.conversations, p.messages, 3, 5, null, p.last, p.last, p.last,
      );
      mod.conceptIds.forEach((conceptId, i) => {
        const mastered = i < masteredCount;
        insertMastery.run(
          learner.id, conceptId, mastered ? 1 : 0.4, 3, 1,
          JSON.stringify([{ messageId: 1, terms: ['x'], checkPassed: mastered }]), mastered ? p.last : null, p.last,
        );
      });
    }
  });
  for (let i = 0; i < learners.length; i++) fillLearner(i);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
  const generateSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { learners, modules, longConversations, messages, conversations, generateSeconds };
}
