/**
 * The parts of a learner's four-layer memory that a reply reads on every turn but almost
 * never changes: the profile (name and onboarding answers), overall completion, and the
 * prior knowledge seen from each module. Kept between replies, one cache per dispatcher
 * (that is, per database), for the connection the replies read on (the writer's: see
 * main/services/tutor/tutor-service.ts). Measured, these reads were a sixth of a reply's work.
 *
 * Never stale, by forgetting:
 *  - everything, when any call other than a reply writes (the dispatcher calls `clear`):
 *    a survey saved, a summary corrected or deleted, a conversation deleted, an account or
 *    the curriculum edited;
 *  - everything, when another connection has committed since the last look (SQLite's
 *    `PRAGMA data_version`, which a connection's own commits do not move): a second Harv on
 *    the same data, or a command-line tool;
 *  - one learner's part, when a reply changes it (`afterReply`): mastering a concept moves
 *    overall completion; writing a summary of module M changes the prior knowledge seen from
 *    every module but M.
 */
import type { Reader } from '../../db/reader.ts';
import type { PriorSummary } from '../../repositories/hot-reads.ts';
import type { TutorContext } from './engine-types.ts';

/** The profile layer without overall completion (kept on its own: replies move it). */
export type ProfileBasics = Omit<TutorContext['profile'], 'overallCompletion'>;

export class LearnerMemoryCache {
  private conn: Reader | null = null;
  private dataVersion: number | null = null;
  private readonly profiles = new Map<number, ProfileBasics>();
  private readonly overall = new Map<number, number>();
  /** Keyed by learner, then by the module the prior knowledge is seen from. */
  private readonly prior = new Map<number, Map<number, PriorSummary[]>>();

  /**
   * Call before reading through `conn`. Forgets everything when `conn` is not the connection
   * the cache was filled from, or when another connection committed since.
   */
  useConnection(conn: Reader): void {
    const version = conn.pragma('data_version', { simple: true }) as number;
    if (conn !== this.conn || version !== this.dataVersion) {
      this.clear();
      this.conn = conn;
      this.dataVersion = version;
    }
  }

  clear(): void {
    this.profiles.clear();
    this.overall.clear();
    this.prior.clear();
  }

  /** What a reply changed of its learner's memory. */
  afterReply(userId: number, change: { masteredConcept: boolean; summaryOfModule: number | null }): void {
    if (change.masteredConcept) this.overall.delete(userId);
    if (change.summaryOfModule !== null) {
      const seen = this.prior.get(userId);
      // Seen from module M itself, M's own summary is never prior knowledge.
      if (seen) for (const moduleId of [...seen.keys()]) if (moduleId !== change.summaryOfModule) seen.delete(moduleId);
    }
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
