import i18next from 'i18next';
import type { ErrorBody, FieldIssue } from '../../../shared/errors';
import { issueText } from './issues';

/** An API failure with the server's code, message and field issues. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
  /** The sentence (in the reader's language) for the issue of one field, e.g. `fieldMessage('body.email')`. */
  fieldMessage(path: string): string | undefined {
    const issue = this.issues.find((i) => i.path === path);
    return issue && issueText(i18next.t, issue);
  }
  /** What kind of conflict or refusal this is, when the server names it (`details.reason`). */
  reason?: string;
  /** The server's details (e.g. the running requests of a refused duplicate). */
  details: Record<string, unknown> = {};
}

let csrfToken = '';
let lastAnswerAt = Date.now();
/** When the server last answered a call (each authenticated call keeps the session alive). */
export const lastApiAnswerAt = () => lastAnswerAt;
export function setCsrfToken(t: string) {
  csrfToken = t;
}

/** Calls the JSON API; throws ApiError with the server's error shape on failure. */
export async function api<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...extraHeaders };
  // a file's bytes go as they are (their Content-Type in extraHeaders), everything else as JSON
  const raw = body instanceof Blob || body instanceof ArrayBuffer;
  if (body !== undefined && !raw) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : raw ? (body as BodyInit) : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network');
  }
  if (res.status !== 401) lastAnswerAt = Date.now();
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const e = (data as ErrorBody | null)?.error;
    const err = new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? res.statusText, (e?.details?.issues as FieldIssue[]) ?? []);
    if (typeof e?.details?.reason === 'string') err.reason = e.details.reason;
    err.details = e?.details ?? {};
    throw err;
  }
  return data as T;
}

/**
 * Whether a failed call may nevertheless have been carried out: no answer at all, or the connection
 * to the database broke while saving. Its retry must keep the Idempotency-Key, so the server acts once.
 */
export function mayHaveHappened(e: unknown): boolean {
  return e instanceof ApiError && (e.code === 'NETWORK' || e.code === 'OUTCOME_UNKNOWN');
}

/**
 * A fresh key per user action, sent as `Idempotency-Key`: a retried click or a retry after a lost
 * answer reuses it, so the server acts once and answers the first result again.
 */
export function newIdempotencyKey(): string {
  return `ui-${crypto.randomUUID()}`;
}
