import { useTranslation } from 'react-i18next';
import { useRealtime } from '../lib/realtime';

/** Tells the user (and screen readers) when live updates are interrupted. */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const { status } = useRealtime();
  return (
    <div className="connection" role="status" aria-live="polite">
      {status === 'offline' && <p className="banner warn">{t('realtime.offline')}</p>}
      {status === 'reload' && <p className="banner warn">{t('realtime.offline')}</p>}
    </div>
  );
}
