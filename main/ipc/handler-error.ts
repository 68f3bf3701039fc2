/** A failure a handler means to report: it becomes the envelope's error as it is. */
import type { AppError, ErrorCode } from '../../src/shared/contract/errors.ts';

export class HandlerError extends Error {
  override readonly name = 'HandlerError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Pick<AppError, 'fields' | 'retryAfterSeconds'> = {},
  ) {
    super(message);
  }
}

export const notFound = (what = 'That item') => new HandlerError('NOT_FOUND', `${what} was not found.`);
export const forbidden = (message = 'Your account cannot do that.') => new HandlerError('FORBIDDEN', message);
export const conflict = (message: string, fields?: Record<string, string[]>) =>
  new HandlerError('CONFLICT', message, fields ? { fields } : {});
export const invalid = (field: string, message: string) => new HandlerError('VALIDATION', message, { fields: { [field]: [message] } });
