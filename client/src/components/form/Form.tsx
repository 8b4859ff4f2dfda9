import { useEffect, useId, useMemo, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../lib/api';
import { issueText } from '../../lib/issues';
import { belongsTo, FormContext, type FieldEntry, type FormState } from './context';

interface FormProps {
  /** The last failed call of this form: its field issues go to the fields and to the summary. */
  error: ApiError | null;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  /** Prefix of the API's issue paths for this form's fields. */
  prefix?: string;
  className?: string;
  'aria-label'?: string;
  'aria-describedby'?: string;
  'aria-labelledby'?: string;
  /** e.g. `search` for a search form (a landmark). */
  role?: string;
  /** Kept mounted (its input survives) but not shown, e.g. collapsed to a summary on a phone. */
  hidden?: boolean;
  children: ReactNode;
}

/**
 * A form whose fields show the API's messages beside them, with an error summary at the top that
 * takes the focus after a failed submit and links to each field. Browser validation is off: the
 * server's messages are the ones shown.
 */
export function Form({ error, onSubmit, prefix = 'body.', className, children, ...rest }: FormProps) {
  const fields = useRef(new Map<string, FieldEntry>()).current;
  const state = useMemo<FormState>(() => ({ error, prefix, fields }), [error, prefix, fields]);
  return (
    <form onSubmit={onSubmit} noValidate className={className} aria-label={rest['aria-label']} aria-describedby={rest['aria-describedby']} aria-labelledby={rest['aria-labelledby']} role={rest.role} hidden={rest.hidden}>
      <FormContext.Provider value={state}>
        <ErrorSummary error={error} prefix={prefix} fields={fields} />
        {children}
      </FormContext.Provider>
    </form>
  );
}

function focusField(id: string) {
  const el = document.getElementById(id);
  const target = el?.matches('input, select, textarea') ? el : el?.querySelector<HTMLElement>('input, select, textarea');
  target?.focus();
  target?.scrollIntoView({ block: 'center' });
}

/** Every field message of a failed submit, each a link to its field; focused when it appears. */
export function ErrorSummary({ error, prefix, fields }: { error: ApiError | null; prefix: string; fields: Map<string, FieldEntry> }) {
  const { t } = useTranslation();
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const issues = error?.issues ?? [];
  useEffect(() => {
    if (error && error.issues.length > 0) ref.current?.focus();
  }, [error]);
  if (issues.length === 0) return null;
  const fieldOf = (path: string) => [...fields.entries()].find(([name]) => belongsTo(path, `${prefix}${name}`))?.[1];
  return (
    <div className="error-summary" role="group" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h2 id={titleId}>{t('form.summaryTitle')}</h2>
      <ul>
        {issues.map((i, n) => {
          const field = fieldOf(i.path);
          return (
            <li key={n}>
              {field ? (
                <a
                  href={`#${field.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    focusField(field.id);
                  }}
                >
                  {field.label}: {issueText(t, i)}
                </a>
              ) : (
                issueText(t, i)
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
