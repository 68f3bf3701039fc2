/**
 * Login throttling, by account and by client.
 *
 * By account (stored on the user row, so it survives a restart): after MAX_FAILURES failed
 * attempts in a row the account locks for a while, doubling with each further lock up to a
 * ceiling; a teacher or admin can lift it (users:unlock). By client (in memory: an IP in
 * browser mode, a window on the desktop): many failures across any accounts within a window
 * refuse further attempts from that client for a while — guessing many accounts is slowed too.
 */
export const MAX_FAILURES = 5;
export const BASE_LOCK_MS = 5 * 60_000;
export const MAX_LOCK_MS = 60 * 60_000;
export const CLIENT_WINDOW_MS = 15 * 60_000;
export const CLIENT_MAX_FAILURES = 20;

/** The lock after a failed attempt that brings the count to `failures`, or null below the limit. */
export function lockAfterFailure(failures: number, now: number): string | null {
  if (failures < MAX_FAILURES) return null;
  const extraLocks = failures - MAX_FAILURES;
  const ms = Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** Math.min(extraLocks, 10));
  return new Date(now + ms).toISOString();
}

export function secondsUntil(iso: string, now: number): number {
  return Math.max(1, Math.ceil((Date.parse(iso) - now) / 1000));
}

export class ClientThrottle {
  private readonly failures = new Map<string, number[]>();

  private recent(client: string, now: number): number[] {
    const list = (this.failures.get(client) ?? []).filter((t) => now - t < CLIENT_WINDOW_MS);
    if (list.length === 0) this.failures.delete(client);
    else this.failures.set(client, list);
    return list;
  }

  /** Seconds the client must wait, or 0 when it may try. */
  retryAfterSeconds(client: string, now: number): number {
    const list = this.recent(client, now);
    if (list.length < CLIENT_MAX_FAILURES) return 0;
    const oldest = list[list.length - CLIENT_MAX_FAILURES] ?? now;
    return Math.max(1, Math.ceil((oldest + CLIENT_WINDOW_MS - now) / 1000));
  }

  recordFailure(client: string, now: number): void {
    const list = this.recent(client, now);
    list.push(now);
    this.failures.set(client, list);
  }

  recordSuccess(client: string): void {
    this.failures.delete(client);
  }
}
