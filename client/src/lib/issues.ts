import type { TFunction } from 'i18next';
import type { FieldIssue } from '../../../shared/errors';
import type { ApiError } from './api';

/**
 * A field issue of the API as a sentence in the reader's language. The server answers with a
 * stable code and its values; the sentence is chosen here: first one worded for the field
 * (`errors.issue.<field>.<code>`), else the general one (`errors.issue.<code>`). The server's
 * English message is never shown.
 */
export function issueText(t: TFunction, issue: FieldIssue): string {
  const code = issue.code ?? 'invalid';
  const field = issue.path.split('.').filter((p) => !/^\d+$/.test(p)).at(-1) ?? '';
  const params = issue.params ?? {};
  const values = {
    ...params,
    count: typeof params.minimum === 'number' ? params.minimum : typeof params.maximum === 'number' ? params.maximum : undefined,
    options: Array.isArray(params.options) ? params.options.join(', ') : params.options,
    values: Array.isArray(params.values) ? params.values.join(', ') : params.values,
  };
  // too_small and too_big read differently for numbers, texts and lists
  const variant = (code === 'too_small' || code === 'too_big') && params.origin ? `${code}_${params.origin}` : code;
  const keys = [`errors.issue.${field}.${variant}`, `errors.issue.${field}.${code}`, `errors.issue.${variant}`, `errors.issue.${code}`, 'errors.issue.invalid'];
  return t(keys, values);
}

/** A failed call in the reader's language, chosen by its stable code (never the server's English text). */
export function errorText(t: TFunction, error: ApiError): string {
  if (error.code === 'NETWORK') return t('errors.network');
  if (error.issues.length > 0) return error.issues.map((i) => issueText(t, i)).join(' ');
  return t([...(error.reason ? [`errors.reason.${error.reason}`] : []), `errors.code.${error.code}`, 'errors.code.INTERNAL']);
}
