import type { z } from 'zod';
import type { FieldIssue, IssueCode } from '../../shared/errors';
import { findUnsafeText } from '../../shared/schemas/text';
import { AppError } from './errors';

/** zod issues → `{ path: 'body.email', message, code, params }`, the form every 400 carries. */
export function toFieldIssues(where: string, error: z.ZodError, input?: unknown): FieldIssue[] {
  return error.issues.map((i) => {
    const path = [where, ...i.path.map(String)].join('.');
    let message = i.message;
    // a field left out is missing, whatever message its schema gives a wrong value
    if (i.code === 'invalid_type' && (/received undefined/.test(message) || (input !== undefined && valueAt(input, i.path) === undefined))) message = 'is required';
    // a choice (enum) left out is missing, not a wrong choice
    if (i.code === 'invalid_value' && input !== undefined && valueAt(input, i.path) === undefined) message = 'is required';
    if (i.code === 'unrecognized_keys') message = `unknown field(s): ${i.keys.join(', ')}`;
    return { path, message, ...issueCode(i, message) };
  });
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v = input;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** The stable code and the sentence's values of one zod issue. */
function issueCode(i: z.core.$ZodIssue, message: string): { code: IssueCode; params?: FieldIssue['params'] } {
  switch (i.code) {
    case 'invalid_type':
      if (message === 'is required') return { code: 'required' };
      return i.expected === 'int' ? { code: 'not_integer' } : { code: 'invalid_type', params: { expected: String(i.expected) } };
    case 'too_small':
      return { code: 'too_small', params: { minimum: Number(i.minimum), origin: String(i.origin) } };
    case 'too_big':
      return { code: 'too_big', params: { maximum: Number(i.maximum), origin: String(i.origin) } };
    case 'invalid_format':
      return { code: 'invalid_format', params: { format: String(i.format) } };
    case 'invalid_value':
      if (message === 'is required') return { code: 'required' };
      return { code: 'invalid_value', params: { values: i.values.map(String) } };
    case 'unrecognized_keys':
      return { code: 'unknown_fields', params: { fields: i.keys } };
    case 'custom': {
      const p = (i.params ?? {}) as { code?: IssueCode; childIdentity?: string[] } & Record<string, string | number | string[]>;
      if (p.childIdentity) return { code: 'identifying', params: { found: p.childIdentity } };
      const { code, ...params } = p;
      return code ? { code, params } : { code: 'invalid' };
    }
    default:
      return { code: 'invalid' };
  }
}

function fail(issues: FieldIssue[]): never {
  const summary = issues.slice(0, 3).map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new AppError('VALIDATION_FAILED', `Invalid request: ${summary}${issues.length > 3 ? '; …' : ''}`, { issues });
}

/** Parses one part of a request with its schema, or throws VALIDATION_FAILED naming each field. */
export function parsePart<T extends z.ZodType>(where: 'params' | 'query' | 'body', schema: T, value: unknown): z.output<T> {
  // NUL and lone surrogates cannot be stored (PostgreSQL 22021) or encoded: refuse them at any depth
  const unsafe = findUnsafeText(value, [where]);
  if (unsafe.length) fail(unsafe.map((u) => ({ ...u, code: 'invalid' as const })));
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  fail(toFieldIssues(where, r.error, value));
}
