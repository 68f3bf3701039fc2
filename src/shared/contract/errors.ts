/**
 * Errors are data (STYLE.md): every call returns an envelope, and a failure carries one code
 * from this union. Electron keeps only the message of an error thrown across ipcMain.handle,
 * so nothing is ever thrown across the boundary.
 */
import { z } from 'zod';

export const errorCodeSchema = z.enum([
  /** The input failed its schema or a rule; `fields` names the paths. */
  'VALIDATION',
  /** No session, or it expired: sign in. */
  'UNAUTHENTICATED',
  /** Signed in, but this role may not call this channel. */
  'FORBIDDEN',
  /** No such row — or it belongs to someone else (never revealed). */
  'NOT_FOUND',
  /** The change collides with existing data (email taken, already set up, history would be lost). */
  'CONFLICT',
  /** Too many attempts; `retryAfterSeconds` says when to try again. */
  'RATE_LIMITED',
  /** The channel does not exist. */
  'UNKNOWN_CHANNEL',
  /** The tutor could not produce a reply; the learner's message is kept. */
  'TUTOR_UNAVAILABLE',
  /** Something unexpected; details are in main's log, never here. */
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Field path (dotted) → messages, for VALIDATION and CONFLICT on a field. */
  fields: z.record(z.string(), z.array(z.string())).optional(),
  retryAfterSeconds: z.number().int().positive().optional(),
});
export type AppError = z.infer<typeof appErrorSchema>;

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppError };

export function envelopeSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}
