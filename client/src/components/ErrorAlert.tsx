import { useTranslation } from 'react-i18next';
import type { ApiError } from '../lib/api';

interface Props {
  error: ApiError | null;
  /** Errors that name fields are left to the form's fields and error summary. */
  fieldsInline?: boolean;
  /** The screen's own wording for this error, instead of the server's message. */
  text?: string;
  id?: string;
}

/** A failed call: the network notice, the screen's own wording or the server's message. */
export function ErrorAlert({ error, fieldsInline = false, text, id }: Props) {
  const { t } = useTranslation();
  if (!error || (fieldsInline && error.issues.length > 0)) return null;
  return (
    <p role="alert" className="error" id={id}>
      {error.code === 'NETWORK' ? (
        t('errors.network')
      ) : (
        (text ?? (
          // the server's message is English: marked as such for screen readers (WCAG 3.1.2)
          <>
            {t('errors.genericLead')} <span lang="en">{error.message}</span>
          </>
        ))
      )}
    </p>
  );
}
