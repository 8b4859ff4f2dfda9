import type { z } from 'zod';
import type { FieldIssue } from '../../shared/errors';
import { findUnsafeText } from '../../shared/schemas/text';
import { AppError } from './errors';

/** zod issues → `{ path: 'body.email', message }`, the form every 400 carries. */
export function toFieldIssues(where: string, error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => {
    const path = [where, ...i.path.map(String)].join('.');
    let message = i.message;
    if (i.code === 'invalid_type' && /received undefined/.test(message)) message = 'is required';
    if (i.code === 'unrecognized_keys') message = `unknown field(s): ${i.keys.join(', ')}`;
    return { path, message };
  });
}

function fail(issues: FieldIssue[]): never {
  const summary = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new AppError('VALIDATION_FAILED', `Invalid request: ${summary}${issues.length > 3 ? '; …' : ''}`, { issues });
}

/** Parses one part of a request with its schema, or throws VALIDATION_FAILED naming each field. */
export function parsePart<T extends z.ZodType>(where: 'params' | 'query' | 'body', schema: T, value: unknown): z.output<T> {
  // NUL and lone surrogates cannot be stored (PostgreSQL 22021) or encoded: refuse them at any depth
  const unsafe = findUnsafeText(value, [where]);
  if (unsafe.length) fail(unsafe);
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  fail(toFieldIssues(where, r.error));
}
