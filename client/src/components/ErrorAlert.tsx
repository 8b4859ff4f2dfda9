import { useTranslation } from 'react-i18next';
import type { ApiError } from '../lib/api';
import { errorText } from '../lib/issues';

interface Props {
  error: ApiError | null;
  /** Errors that name fields are left to the form's fields and error summary. */
  fieldsInline?: boolean;
  /** The screen's own wording for this error, instead of the server's message. */
  text?: string;
  id?: string;
}

/** A failed call: the network notice, the screen's own wording or the sentence for the server's code. */
export function ErrorAlert({ error, fieldsInline = false, text, id }: Props) {
  const { t } = useTranslation();
  if (!error || (fieldsInline && error.issues.length > 0)) return null;
  return (
    <p role="alert" className="error" id={id}>
      {error.code === 'NETWORK'
        ? t('errors.network')
        : error.code === 'DATABASE_UNAVAILABLE' || error.code === 'DATABASE_TIMEOUT'
          ? t('errors.unavailable')
          : error.code === 'OUTCOME_UNKNOWN'
            ? t('errors.outcomeUnknown')
            : (text ?? errorText(t, error))}
    </p>
  );
}
