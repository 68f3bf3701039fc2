/**
 * What a reply reads of a learner's four-layer memory, kept for the next reply, one cache
 * per dispatcher (that is, per database), for the connection replies read on (the writer's:
 * see main/services/tutor/tutor-service.ts). Measured, these reads were a third of a reply's
 * work. Two kinds:
 *  - layers a reply almost never changes, read once and kept: the profile (name and
 *    onboarding answers), overall completion, the prior knowledge seen from each module;
 *  - what every reply changes, handed on by the reply itself from inside its transaction:
 *    the learner's standing on the module's concepts (re-read there after the turn's
 *    evidence) and the conversation's recent turns (each new message added as it commits).
 *
 * Never stale, by forgetting:
 *  - everything, when any call other than a reply writes (the dispatcher calls `clear`):
 *    a survey saved, a summary corrected or deleted, a conversation deleted, an account or
 *    the curriculum edited;
 *  - everything, and the cached curriculum with it, when another connection has committed
 *    since the last look (SQLite's `PRAGMA data_version`, which a connection's own commits do
 *    not move): a second Harv on the same data, or a command-line tool;
 *  - one learner's part, when a reply changes it (`afterReply`): mastering a concept moves
 *    overall completion; writing a summary of module M changes the prior knowledge seen from
 *    every module but M.
 */
import type { Reader } from '../../db/reader.ts';
import type { Message } from '../../../src/shared/domain.ts';
import { forgetCurriculum, type ConceptStanding, type PriorSummary } from '../../repositories/hot-reads.ts';
import type { TutorContext } from './engine-types.ts';

/** The profile layer without overall completion (kept on its own: replies move it). */
export type ProfileBasics = Omit<TutorContext['profile'], 'overallCompletion'>;

/** Past this many conversations kept, the cache starts afresh (a long-running classroom server). */
const MAX_CONVERSATIONS = 2000;
/** Messages kept per conversation: more than a reply reads (RECENT_TURNS in memory-context.ts). */
const KEPT_TURNS = 16;

export class LearnerMemoryCache {
  private conn: Reader | null = null;
  private dataVersion: number | null = null;
  private readonly profiles = new Map<number, ProfileBasics>();
  private readonly overall = new Map<number, number>();
  /** Keyed by learner, then by the module the prior knowledge is seen from. */
  private readonly prior = new Map<number, Map<number, PriorSummary[]>>();
  /** Keyed by `${userId}:${moduleId}`. */
  private readonly standing = new Map<string, ConceptStanding[]>();
  /** The newest messages of each conversation, oldest first. */
  private readonly recent = new Map<number, Message[]>();

  /**
   * Call before reading through `conn`. Forgets everything when `conn` is not the connection
   * the cache was filled from, or when another connection committed since.
   */
  useConnection(conn: Reader): void {
    // A kept statement: conn.pragma() would compile one on every reply.
    const version = conn.prepare('PRAGMA data_version').pluck().get() as number;
    if (conn !== this.conn || version !== this.dataVersion) {
      // Another connection committed: it may have edited the curriculum too, which the
      // layers kept here are computed from (live concepts, module titles).
      if (conn === this.conn) forgetCurriculum();
      this.clear();
      this.conn = conn;
      this.dataVersion = version;
    }
  }

  clear(): void {
    this.profiles.clear();
    this.overall.clear();
    this.prior.clear();
    this.standing.clear();
    this.recent.clear();
  }

  /**
   * What a reply changed of its learner's memory, called from inside the reply's transaction
   * (if that transaction then fails, the caller forgets everything: see `clear`).
   */
  afterReply(reply: {
    userId: number;
    moduleId: number;
    conversationId: number;
    masteredConcept: boolean;
    summaryWritten: boolean;
    /** The learner's standing in the module after the turn. */
    standing: ConceptStanding[];
    /** The learner's message this reply answers. */
    userMessageId: number;
    reply: Message;
  }): void {
    if (this.recent.size > MAX_CONVERSATIONS) this.clear();
    if (reply.masteredConcept) this.overall.delete(reply.userId);
    if (reply.summaryWritten) {
      const seen = this.prior.get(reply.userId);
      // Seen from module M itself, M's own summary is never prior knowledge.
      if (seen) for (const moduleId of [...seen.keys()]) if (moduleId !== reply.moduleId) seen.delete(moduleId);
    }
    this.standing.set(`${reply.userId}:${reply.moduleId}`, reply.standing);
    // The kept turns end with the message this reply answers, unless another message came in
    // meanwhile (a double submit, a second tab): then they are read afresh next time.
    const kept = this.recent.get(reply.conversationId);
    if (kept && kept.at(-1)?.id === reply.userMessageId) this.recent.set(reply.conversationId, [...kept, reply.reply].slice(-KEPT_TURNS));
    else this.recent.delete(reply.conversationId);
  }

  /** A message just committed to a conversation (the learner's, before the tutor replies). */
  afterMessage(message: Message): void {
    const kept = this.recent.get(message.conversationId);
    if (kept) this.recent.set(message.conversationId, [...kept, message].slice(-KEPT_TURNS));
  }

  standingInModule(userId: number, moduleId: number, load: () => ConceptStanding[]): ConceptStanding[] {
    const key = `${userId}:${moduleId}`;
    let hit = this.standing.get(key);
    if (!hit) this.standing.set(key, (hit = load()));
    return hit;
  }

  /** The newest `limit` messages of a conversation, oldest first. */
  recentMessages(conversationId: number, limit: number, load: () => Message[]): Message[] {
    let hit = this.recent.get(conversationId);
    if (!hit || hit.length < limit) this.recent.set(conversationId, (hit = load()));
    return hit.length > limit ? hit.slice(-limit) : hit;
  }

  profile(userId: number, load: () => ProfileBasics): ProfileBasics {
    let hit = this.profiles.get(userId);
    if (!hit) this.profiles.set(userId, (hit = load()));
    return hit;
  }

  overallCompletion(userId: number, load: () => number): number {
    let hit = this.overall.get(userId);
    if (hit === undefined) this.overall.set(userId, (hit = load()));
    return hit;
  }

  priorKnowledge(userId: number, fromModuleId: number, load: () => PriorSummary[]): PriorSummary[] {
    let seen = this.prior.get(userId);
    if (!seen) this.prior.set(userId, (seen = new Map()));
    let hit = seen.get(fromModuleId);
    if (!hit) seen.set(fromModuleId, (hit = load()));
    return hit;
  }
}
