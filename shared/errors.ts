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
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldIssue {
  /** Where the problem is, e.g. `body.email` or `query.radiusKm`. */
  path: string;
  message: string;
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    requestId?: string;
    details?: { issues?: FieldIssue[]; [k: string]: unknown };
  };
}
