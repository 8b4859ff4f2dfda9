import { useTranslation } from 'react-i18next';
import type { ApiError } from '../lib/api';

/**
 * The server's message for a failed call (or the network notice). With `fieldsInline`, errors that
 * name fields are left to the fields themselves.
 */
export function ErrorAlert({ error, fieldsInline = false }: { error: ApiError | null; fieldsInline?: boolean }) {
  const { t } = useTranslation();
  if (!error || (fieldsInline && error.issues.length > 0)) return null;
  return (
    <p role="alert" className="error">
      {error.code === 'NETWORK' ? t('errors.network') : error.message}
    </p>
  );
}
