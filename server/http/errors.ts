import { ERROR_CODES, type ErrorCode, type FieldIssue, type IssueCode } from '../../shared/errors';

/** The one error type of the server. Anything else reaching the error handler becomes a 500. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { issues?: FieldIssue[]; [k: string]: unknown },
    /** Only for errors of the HTTP layer that carry their own 4xx status (e.g. 416, 431). */
    status?: number,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = status ?? ERROR_CODES[code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You may not do this') => new AppError('FORBIDDEN', message);
export const conflict = (message: string, details?: Record<string, unknown>) => new AppError('CONFLICT', message, details);
/** A 400 naming one field: an English message for API users, a stable code for the client's sentence. */
export const invalid = (path: string, message: string, code: IssueCode = 'invalid', params?: FieldIssue['params']) =>
  new AppError('VALIDATION_FAILED', `${path}: ${message}`, { issues: [{ path, message, code, ...(params ? { params } : {}) }] });

interface PgError {
  code?: string;
  constraint_name?: string;
  column_name?: string;
  detail?: string;
}

/**
 * Database constraint violations that slipped past validation are the caller's fault, not ours:
 * answer them with a 4xx naming the constraint, never a 500.
 */
export function fromPgError(e: unknown): AppError | undefined {
  const pg = e as PgError;
  switch (pg?.code) {
    case '23505':
      return new AppError('CONFLICT', `Already exists (${pg.constraint_name ?? 'unique'})`, { constraint: pg.constraint_name });
    // units_held_within_free (the last free place) is answered by its owner, features/places
    case '23514':
    case '23P01':
      return new AppError('VALIDATION_FAILED', `Violates rule ${pg.constraint_name ?? 'check'}`, {
        issues: [{ path: pg.constraint_name ?? 'body', message: 'violates a database rule', code: 'db_rule' }],
        constraint: pg.constraint_name,
      });
    case '23503':
      return new AppError('VALIDATION_FAILED', `Refers to something that does not exist (${pg.constraint_name ?? 'foreign key'})`, {
        constraint: pg.constraint_name,
      });
    case '23502':
      return new AppError('VALIDATION_FAILED', `${pg.column_name ?? 'a field'} is required`, {
        issues: [{ path: pg.column_name ?? 'body', message: 'is required', code: 'required' }],
      });
    case '40001':
    case '40P01':
      return new AppError('CONFLICT', 'The data changed at the same moment; please try again');
    case '22021': // a character the database cannot store (NUL) that slipped past validation
      return new AppError('VALIDATION_FAILED', 'A text contains a character that cannot be stored', {
        issues: [{ path: 'body', message: 'contains a character that cannot be stored (NUL)' }],
      });
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return new AppError('VALIDATION_FAILED', 'A value has the wrong format');
    default:
      return undefined;
  }
}
