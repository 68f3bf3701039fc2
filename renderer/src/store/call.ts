/**
 * Unwraps an envelope for a store action. A failure goes to the one place errors are shown
 * (the ui slice's alert region) and the action gets null; only the data flows on.
 */
import type { AppError, Envelope } from '../../../src/shared/contract/index.ts';
import type { GetState } from './types.ts';

export interface CallOptions {
  /** Error codes the caller handles itself (not shown in the alert region). */
  quiet?: AppError['code'][];
}

export async function call<T>(get: GetState, pending: Promise<Envelope<T>>, options: CallOptions = {}): Promise<T | null> {
  const result = await pending;
  if (result.ok) return result.data;
  if (!options.quiet?.includes(result.error.code)) get().reportError(result.error);
  return null;
}

/** Like `call`, but also hands back the error so the caller can react to its code. */
export async function callWithError<T>(get: GetState, pending: Promise<Envelope<T>>): Promise<{ data: T | null; error: AppError | null }> {
  const result = await pending;
  if (result.ok) return { data: result.data, error: null };
  get().reportError(result.error);
  return { data: null, error: result.error };
}
