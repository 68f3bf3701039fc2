/**
 * The tutor service: wires the engine to the database.
 *
 * The engine runs outside any database transaction (SQLite has one writer; a slow engine
 * must never hold it). For each learner message:
 *   1. the learner's message is saved (its own transaction) — it is never lost;
 *   2. the four-layer context is assembled (no transaction);
 *   3. the engine replies, holding no connection;
 *   4. the reply, the engine's new state, the progress change and (every few turns) the
 *      memory summary are saved together.
 * If the engine fails, step 1 stands and the caller gets TUTOR_UNAVAILABLE.
 */
import type { ChannelOutput } from '../../../src/shared/contract/channels.ts';
import type { Conversation, Message, Module } from '../../../src/shared/domain.ts';
import { findModuleById } from '../../repositories/curriculum.ts';
import { insertConversation } from '../../repositories/conversations.ts';
import { findTutorMemoryOfConversation } from '../../repositories/learning-records.ts';
import type { Db } from '../../repositories/row-mapping.ts';
import { readEngineStateText, readModule } from '../../repositories/hot-reads.ts';
import {
  finalizeConversationOn,
  findTutorMemoryOn,
  inTransaction,
  insertMessageOn,
  onWriterConnection,
  saveTurnStateOn,
  transactionConnection,
  tutorSummaryStandingOn,
  writeMemoryOn,
  writeTransaction,
  type Connection,
} from '../../repositories/turn-writes.ts';
import { requireUser, type HandlerContext, type SignedInUser } from '../../ipc/dispatcher.ts';
import { HandlerError, conflict, invalid, notFound } from '../../ipc/handler-error.ts';
import { conversationFor, ownConversationForTurn } from '../../ipc/ownership.ts';
import { recordTurnProgress } from '../progress/record-progress.ts';
import type { EngineState, TutorContext, TutorEngine, TutorTurn } from './engine-types.ts';
import { assembleTutorContext, compactRecord, type AssembledContext } from './memory-context.ts';
import { initialEngineState } from './socratic-engine.ts';
import { summariseSession } from './summarise-session.ts';

/** The tutor rewrites its running summary of a conversation every this many learner turns. */
export const SUMMARY_EVERY_TURNS = 3;

function engineOf(ctx: HandlerContext): TutorEngine | null {
  return ctx.services.tutor;
}

async function activeModuleFor(db: Db, moduleId: number): Promise<Module> {
  const mod = await findModuleById(db, moduleId);
  if (!mod || mod.retiredAt !== null || !mod.isActive) throw notFound('That module');
  return mod;
}

/** The saved engine state, or a fresh one when it is missing, unreadable or of another version (the engine normalises the rest). */
function parseEngineStateText(text: string | null): EngineState {
  if (!text) return initialEngineState();
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && (value as Record<string, unknown>).version === 1) return value as EngineState;
  } catch {
    // Unreadable JSON: start afresh, as for a missing state.
  }
  return initialEngineState();
}

/**
 * Progress for a turn the engine did not judge: a new conversation, the opening, the close, or
 * a learner's message when no tutor is running.
 */
function recordTutorTurn(
  conn: Connection,
  t: {
    userId: number;
    moduleId: number;
    messagesAdded: number;
    conversationStarted: boolean;
    currentFocus: string | null;
    at: string;
    learnerMessageId?: number;
    previousActivityAt?: string;
  },
) {
  return recordTurnProgress(conn, {
    ...t,
    learnerMessageId: t.learnerMessageId ?? null,
    analysis: null,
    evidence: null,
    hintGiven: false,
    previousActivityAt: t.previousActivityAt ?? null,
  });
}

/** What the tutor did, stored with its reply (messages.socratic_analysis). */
function analysisRecord(turn: TutorTurn) {
  return {
    move: turn.move,
    conceptSlug: turn.analysis?.conceptSlug ?? turn.evidence?.conceptSlug ?? null,
    signals: turn.analysis,
    hintGiven: turn.evidence?.hintGiven ?? false,
    askedQuestion: turn.analysis?.askedQuestion ?? false,
    masteredNow: turn.evidence?.masteredNow ?? false,
    closesSession: turn.closesSession,
  };
}

/** Saves one of the tutor's turns as a message, with what it used and what it did. */
function insertTutorTurnOn(
  conn: Connection,
  t: { conversationId: number; engineId: string; assembled: AssembledContext; module: Module; turn: TutorTurn; responseTimeMs?: number; at: string },
): Message {
  return insertMessageOn(conn, {
    conversationId: t.conversationId,
    role: 'assistant',
    content: t.turn.reply,
    ...(t.responseTimeMs === undefined ? {} : { responseTimeMs: t.responseTimeMs }),
    memoryContext: compactRecord(t.engineId, t.assembled, t.module, t.turn.state, t.turn.usedPriorKnowledge),
    socraticAnalysis: analysisRecord(t.turn),
    createdAt: t.at,
  });
}

/** A deterministic digest of the engine's position, kept as the conversation's rolling summary. */
function rollingSummaryOf(module: Module, conceptTitles: Map<string, string>, state: EngineState): string {
  const mastered = state.masteredSlugs.map((s) => conceptTitles.get(s) ?? s);
  const parts = [
    `Module: ${module.title}.`,
    mastered.length > 0 ? `Mastered so far: ${mastered.join(', ')}.` : 'No concept mastered yet.',
    `Hints used: ${state.hintsUsed}.`,
  ];
  if (state.misconceptionsMet.length > 0) parts.push(`Misconceptions met: ${state.misconceptionsMet.length}.`);
  return parts.join(' ');
}

async function runEngine<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    console.error('[harv] tutor engine failed:', err);
    throw new HandlerError('TUTOR_UNAVAILABLE', 'The tutor could not reply just now. Your message is saved — try again in a moment.');
  }
}

/**
 * Keeps the tutor's summary of this conversation current — unless the learner corrected it
 * (it stays exactly as they wrote it) or deleted it (nothing more is remembered from it).
 */
function writeTutorSummary(
  conn: Connection,
  params: { userId: number; moduleId: number; conversationId: number; draft: ReturnType<typeof summariseSession>; at: string },
): void {
  const standing = tutorSummaryStandingOn(conn, params.conversationId);
  if (standing.learnerDecided) return;
  writeMemoryOn(conn, {
    ...(standing.tutorSummaryId !== null ? { id: standing.tutorSummaryId } : {}),
    userId: params.userId,
    moduleId: params.moduleId,
    conversationId: params.conversationId,
    whatLearned: params.draft.whatLearned,
    howLearned: params.draft.howLearned,
    keyConcepts: params.draft.keyConcepts,
    understandingLevel: params.draft.understandingLevel,
    learningInsights: params.draft.learningInsights,
    teachingEffectiveness: params.draft.teachingEffectiveness,
    at: params.at,
  });
}

export async function startConversation(ctx: HandlerContext, moduleId: number): Promise<ChannelOutput<'conversations:start'>> {
  const me = requireUser(ctx);
  const module = await activeModuleFor(ctx.knex, moduleId);
  const engine = engineOf(ctx);
  const day = new Date(ctx.services.now()).toISOString().slice(0, 10);
  const state = initialEngineState();
  const conversation = await ctx.knex.transaction(async (trx) => {
    const c = await insertConversation(trx, {
      userId: me.id,
      moduleId: module.id,
      title: `${module.title} — ${day}`,
      engineState: state as unknown as Record<string, unknown>,
    });
    recordTutorTurn(await transactionConnection(trx), {
      userId: me.id,
      moduleId: module.id,
      messagesAdded: 0,
      conversationStarted: true,
      currentFocus: null,
      at: new Date(ctx.services.now()).toISOString(),
    });
    return c;
  });
  if (!engine) return { conversation, messages: [] };

  const assembled = assembleTutorContext(ctx.reader, { userId: me.id, module, conversation });
  const started = ctx.services.now();
  const turn = await runEngine(() => engine.open(assembled.context));
  const elapsed = ctx.services.now() - started;
  const opening = await writeTransaction(ctx.knex, (conn) => {
    const at = new Date(ctx.services.now()).toISOString();
    const opening = insertTutorTurnOn(conn, {
      conversationId: conversation.id,
      engineId: engine.id,
      assembled,
      module,
      turn,
      responseTimeMs: elapsed,
      at,
    });
    const focus = assembled.context.module.concepts[turn.state.conceptIndex]?.title ?? null;
    saveTurnStateOn(conn, conversation.id, { engineState: turn.state, updatedAt: at });
    recordTutorTurn(conn, {
      userId: me.id,
      moduleId: module.id,
      messagesAdded: 1,
      conversationStarted: false,
      currentFocus: focus,
      at,
    });
    return opening;
  });
  return { conversation: { ...conversation, updatedAt: opening.createdAt }, messages: [opening] };
}

/**
 * Turns in one conversation run one at a time. Each reads the engine state and the recent
 * turns the previous one wrote; two at once (a double submit, a second tab) would both start
 * from the same state, and the later commit would silently undo the earlier turn's progress.
 * Keyed per database (its knex handle), then per conversation; one Harv process per data.
 */
const turnsInFlight = new WeakMap<object, Map<number, Promise<void>>>();

function oneTurnAtATime<T>(ctx: HandlerContext, conversationId: number, turn: () => Promise<T>): Promise<T> {
  let chains = turnsInFlight.get(ctx.knex);
  if (!chains) turnsInFlight.set(ctx.knex, (chains = new Map()));
  const previous = chains.get(conversationId) ?? Promise.resolve();
  const result = previous.then(turn);
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  chains.set(conversationId, settled);
  void settled.then(() => {
    if (chains.get(conversationId) === settled) chains.delete(conversationId);
  });
  return result;
}

export function sendMessage(ctx: HandlerContext, conversationId: number, content: string): Promise<ChannelOutput<'messages:send'>> {
  return oneTurnAtATime(ctx, conversationId, () => replyToMessage(ctx, conversationId, content));
}

async function replyToMessage(
  ctx: HandlerContext,
  conversationId: number,
  content: string,
): Promise<ChannelOutput<'messages:send'>> {
  const me = requireUser(ctx);
  const text = content.trim();
  if (text.length === 0) throw invalid('content', 'Write a message first.');
  const engine = engineOf(ctx);
  const { conversation, module, userMessage, state, assembled } = await saveLearnerMessage(ctx, me, conversationId, text, engine !== null);
  // The conversation's updated time is when its last turn was saved.
  const previousActivityAt = conversation.updatedAt;
  if (!engine || !state || !assembled) {
    const { progress } = await writeTransaction(ctx.knex, (conn) =>
      recordTutorTurn(conn, {
        userId: me.id,
        moduleId: module.id,
        learnerMessageId: userMessage.id,
        messagesAdded: 1,
        conversationStarted: false,
        previousActivityAt,
        currentFocus: null,
        at: userMessage.createdAt,
      }),
    );
    return { userMessage, reply: null, progress };
  }

  // 3. The engine, outside any transaction.
  leaveOutMessage(assembled, userMessage.id);
  const started = ctx.services.now();
  const turn = await runEngine(() => engine.respond(assembled.context, state, text));
  const elapsed = ctx.services.now() - started;

  const { reply, progress } = await saveReply(ctx, {
    userId: me.id,
    engineId: engine.id,
    conversation,
    module,
    userMessage,
    previousActivityAt,
    assembled,
    turn,
    responseTimeMs: elapsed,
  });
  return { userMessage, reply, progress };
}

/**
 * Steps 1 and 2 of a reply, in one checkout of the writer's connection, whose page cache
 * survives its own commits (the read-only connection's does not): the conversation (the
 * caller's own, not finished) and the learner's message, saved on its own so that it stands
 * whatever happens next; then what the engine reads, right after that commit.
 */
function saveLearnerMessage(ctx: HandlerContext, me: SignedInUser, conversationId: number, text: string, withEngine: boolean) {
  return onWriterConnection(ctx.knex, (conn) => {
    const { conversation, engineStateText } = ownConversationForTurn(conn, me, conversationId);
    if (conversation.status === 'finalized') {
      throw conflict('This conversation is finished. Start a new one to keep going.');
    }
    const module = readModule(conn, conversation.moduleId);
    if (!module) throw notFound('That module');
    const userMessage = inTransaction(conn, () =>
      insertMessageOn(conn, {
        conversationId: conversation.id,
        role: 'user',
        content: text,
        createdAt: new Date(ctx.services.now()).toISOString(),
      }),
    );
    ctx.services.learnerMemory.afterMessage(userMessage);
    if (!withEngine) return { conversation, module, userMessage, state: null, assembled: null };
    const state = parseEngineStateText(engineStateText);
    const assembled = assembleTutorContext(conn, { userId: me.id, module, conversation }, ctx.services.learnerMemory);
    return { conversation, module, userMessage, state, assembled };
  });
}

/** The learner's new message is the engine's input, not part of the recent turns it reads. */
function leaveOutMessage(assembled: AssembledContext, messageId: number): void {
  assembled.context.conversation.recentTurns = assembled.context.conversation.recentTurns.filter(
    (_t, i) => assembled.used.recentMessageIds[i] !== messageId,
  );
  assembled.used.recentMessageIds = assembled.used.recentMessageIds.filter((id) => id !== messageId);
}

/**
 * Step 4: reply, state, progress and memory together; the next reply is handed what this one
 * leaves (the learner's standing, the recent turns) before the commit. If the transaction
 * fails, nothing kept may be trusted.
 */
function saveReply(
  ctx: HandlerContext,
  t: {
    userId: number;
    engineId: string;
    conversation: Conversation;
    module: Module;
    userMessage: Message;
    previousActivityAt: string;
    assembled: AssembledContext;
    turn: TutorTurn;
    responseTimeMs: number;
  },
) {
  const { userId, conversation, module, userMessage, assembled, turn } = t;
  const titles = new Map(assembled.context.module.concepts.map((c) => [c.slug, c.title]));
  const memory = ctx.services.learnerMemory;
  return writeTransaction(ctx.knex, (conn) => {
    const at = new Date(ctx.services.now()).toISOString();
    const reply = insertTutorTurnOn(conn, {
      conversationId: conversation.id,
      engineId: t.engineId,
      assembled,
      module,
      turn,
      responseTimeMs: t.responseTimeMs,
      at,
    });
    saveTurnStateOn(conn, conversation.id, {
      engineState: turn.state,
      rollingSummary: rollingSummaryOf(module, titles, turn.state),
      updatedAt: at,
    });
    const focusConcept = assembled.context.module.concepts[turn.state.conceptIndex];
    const { progress, standing } = recordTurnProgress(conn, {
      userId,
      moduleId: module.id,
      learnerMessageId: userMessage.id,
      analysis: turn.analysis,
      evidence: turn.evidence,
      hintGiven: turn.evidence?.hintGiven ?? false,
      messagesAdded: 2,
      conversationStarted: false,
      previousActivityAt: t.previousActivityAt,
      currentFocus: focusConcept?.title ?? null,
      at: userMessage.createdAt,
    });
    const masteredNow = turn.evidence?.masteredNow ?? false;
    const summarise = turn.state.learnerTurns % SUMMARY_EVERY_TURNS === 0 || masteredNow;
    if (summarise) {
      writeTutorSummary(conn, {
        userId,
        moduleId: module.id,
        conversationId: conversation.id,
        draft: summariseSession(withMastery(assembled.context, turn.state), turn.state),
        at,
      });
    }
    memory.afterReply({
      userId,
      moduleId: module.id,
      conversationId: conversation.id,
      masteredConcept: masteredNow,
      summaryWritten: summarise,
      standing,
      userMessageId: userMessage.id,
      reply,
    });
    return { reply, progress };
  }).catch((err: unknown) => {
    memory.clear();
    throw err;
  });
}

/** The context as it stands after a turn: concepts mastered this turn count as mastered. */
function withMastery(context: TutorContext, state: EngineState): TutorContext {
  const mastered = new Set(state.masteredSlugs);
  return {
    ...context,
    module: {
      ...context.module,
      concepts: context.module.concepts.map((c) => (mastered.has(c.slug) ? { ...c, mastered: true, mastery: 1 } : c)),
    },
  };
}

export function finalizeConversation(ctx: HandlerContext, conversationId: number): Promise<ChannelOutput<'conversations:finalize'>> {
  return oneTurnAtATime(ctx, conversationId, () => closeConversation(ctx, conversationId));
}

async function closeConversation(
  ctx: HandlerContext,
  conversationId: number,
): Promise<ChannelOutput<'conversations:finalize'>> {
  const me = requireUser(ctx);
  const conversation = await conversationFor(ctx, conversationId, 'write');
  if (conversation.status === 'finalized') {
    // Finalizing twice changes nothing: the same conversation and its summary come back.
    const summary = await findTutorMemoryOfConversation(ctx.knex, conversation.id);
    return { conversation, closing: null, summary };
  }
  const module = readModule(ctx.reader, conversation.moduleId);
  if (!module) throw notFound('That module');
  const engine = engineOf(ctx);
  const state = parseEngineStateText(readEngineStateText(ctx.reader, conversation.id));
  const assembled = assembleTutorContext(ctx.reader, { userId: me.id, module, conversation });
  const turn = engine ? await runEngine(() => engine.close(assembled.context, state)) : null;
  return writeTransaction(ctx.knex, (conn) => {
    const at = new Date(ctx.services.now()).toISOString();
    const closing =
      turn && engine
        ? insertTutorTurnOn(conn, { conversationId: conversation.id, engineId: engine.id, assembled, module, turn, at })
        : null;
    const finalState = turn?.state ?? state;
    const finalized = finalizeConversationOn(conn, conversation.id, finalState, at);
    writeTutorSummary(conn, {
      userId: me.id,
      moduleId: module.id,
      conversationId: conversation.id,
      draft: summariseSession(withMastery(assembled.context, finalState), finalState),
      at,
    });
    if (closing) {
      recordTutorTurn(conn, {
        userId: me.id,
        moduleId: module.id,
        messagesAdded: 1,
        conversationStarted: false,
        currentFocus: null,
        at,
      });
    }
    return { conversation: finalized, closing, summary: findTutorMemoryOn(conn, conversation.id) };
  });
}
