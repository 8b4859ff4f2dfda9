import type { ErrorBody, FieldIssue } from '../../../shared/errors';

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
  /** The server's message for one field, e.g. `fieldMessage('body.email')`. */
  fieldMessage(path: string): string | undefined {
    return this.issues.find((i) => i.path === path)?.message;
  }
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
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network');
  }
  if (res.status !== 401) lastAnswerAt = Date.now();
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const e = (data as ErrorBody | null)?.error;
    throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? res.statusText, (e?.details?.issues as FieldIssue[]) ?? []);
  }
  return data as T;
}
