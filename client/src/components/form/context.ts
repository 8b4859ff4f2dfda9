import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { issueText } from '../../lib/issues';
import type { ApiError } from '../../lib/api';

/** A field the form knows of: where its error comes from and what the summary links to. */
export interface FieldEntry {
  id: string;
  label: string;
}

export interface FormState {
  error: ApiError | null;
  /** Prefix of the API's issue paths for this form, e.g. `body.` or `query.`. */
  prefix: string;
  /** Fields seen by name, so the error summary can link each message to its field. */
  fields: Map<string, FieldEntry>;
}

export const FormContext = createContext<FormState | null>(null);

/** Does the API issue at `issuePath` belong to the field at `fieldPath` (itself or a part of it)? */
export const belongsTo = (issuePath: string, fieldPath: string) => issuePath === fieldPath || issuePath.startsWith(`${fieldPath}.`);

/**
 * The error message of one field: the explicit one, else the form's API error for `name`, as a
 * sentence in the reader's language.
 * Registers the field so the form's error summary can link to it.
 */
export function useFieldError(name: string | undefined, entry: FieldEntry, explicit?: string): string | undefined {
  const form = useContext(FormContext);
  const { t } = useTranslation();
  if (explicit !== undefined || !form || !name) return explicit;
  form.fields.set(name, entry);
  const path = `${form.prefix}${name}`;
  const issue = form.error?.issues.find((i) => belongsTo(i.path, path));
  return issue && issueText(t, issue);
}
