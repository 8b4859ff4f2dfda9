/** Every failure the API answers carries one of these codes, with the HTTP status beside it. */
export const ERROR_CODES = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  /** A request the HTTP layer could not read (bad percent-escape, broken compressed body, ...). */
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  /** The database cannot be reached (outage, restart): retry after the `Retry-After` seconds. */
  DATABASE_UNAVAILABLE: 503,
  /** A statement or a lock wait took longer than its configured timeout. */
  DATABASE_TIMEOUT: 504,
  /**
   * The connection to the database broke while a change was being committed: it may or may not
   * have been saved. Check before repeating it; a retry with the same `Idempotency-Key` acts at most once.
   */
  OUTCOME_UNKNOWN: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Stable codes of field issues: the client turns code and params into a sentence in the reader's
 * language; `message` stays an English explanation for API users and logs.
 */
export const ISSUE_CODES = [
  'required',
  'too_small',
  'too_big',
  'not_integer',
  'invalid_type',
  'invalid_format',
  'invalid_value',
  'unknown_fields',
  'unknown_code',
  'unknown_postcode',
  'unknown_town',
  'ambiguous_town',
  'required_with',
  'one_of',
  'identifying',
  'duplicate',
  'db_rule',
  'invalid',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface FieldIssue {
  /** Where the problem is, e.g. `body.email` or `query.radiusKm`. */
  path: string;
  message: string;
  /** What is wrong, as a stable code (absent only in answers of older servers). */
  code?: IssueCode;
  /** Values for the sentence: minimum, maximum, format, the unknown codes, the choices. */
  params?: Record<string, string | number | string[]>;
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    requestId?: string;
    details?: { issues?: FieldIssue[]; [k: string]: unknown };
  };
}
