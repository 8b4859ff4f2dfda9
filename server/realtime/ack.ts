import type { z } from 'zod';
import type { ErrorBody, ErrorCode } from '../../shared/errors';
import { toFieldIssues } from '../http/validate';

/** A socket answer in the one error shape `{ error: { code, message, details? } }`. */
export function socketError(code: ErrorCode, message: string, details?: ErrorBody['error']['details']): ErrorBody {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

/**
 * Parses what a socket client sent with its schema. On failure the answer is VALIDATION_FAILED
 * naming each field (`payload.searchId`), like an HTTP 400.
 */
export function parseSocketInput<T extends z.ZodType>(schema: T, input: unknown): { data: z.output<T> } | { error: ErrorBody } {
  const r = schema.safeParse(input);
  if (r.success) return { data: r.data };
  const issues = toFieldIssues('payload', r.error);
  const summary = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
  return { error: socketError('VALIDATION_FAILED', `Invalid input: ${summary}${issues.length > 3 ? '; …' : ''}`, { issues }) };
}
