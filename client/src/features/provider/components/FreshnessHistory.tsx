import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Confirmation } from '../../../../../shared/schemas/board';
import type { Unit } from '../../../../../shared/schemas/places';
import { ErrorAlert } from '../../../components/ErrorAlert';
import type { ApiError } from '../../../lib/api';
import { asApiError } from '../../../lib/use-api';
import { providerApi } from '../api';

/** "am board by Maria Beispiel", "über den Link aus der Erinnerung", "per API (Fachsoftware)". */
function useWho() {
  const { t } = useTranslation();
  return (c: Confirmation) => {
    switch (c.via) {
      case 'board':
        return c.action === 'availability.confirm' ? t('provider.board.history.board', { name: c.userName ?? '–' }) : t('provider.board.history.boardChange', { name: c.userName ?? '–' });
      case 'csv':
        return c.userName ? t('provider.board.history.csv', { name: c.userName }) : t('provider.board.history.csvToken', { token: c.tokenName ?? '–' });
      case 'api':
        return t('provider.board.history.api', { token: c.tokenName ?? '–' });
      case 'link':
        return t(c.linkSentTo === 'admin' ? 'provider.board.history.linkAdmin' : 'provider.board.history.linkStaff');
      case 'system':
        return t('provider.board.history.system');
      default:
        return t('provider.board.history.unknown');
    }
  };
}

/** A unit's freshness history, loaded when opened: when its figures were confirmed, by whom or how. */
export function FreshnessHistory({ unit }: { unit: Unit }) {
  const { t, i18n } = useTranslation();
  const who = useWho();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<Confirmation[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  // reloads when opened and whenever the unit is confirmed again while open
  useEffect(() => {
    if (!open) return;
    let live = true;
    providerApi.confirmations(unit.id).then(
      (h) => live && (setItems(h.items), setError(null)),
      (e: unknown) => live && setError(asApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [open, unit.id, unit.lastConfirmedAt]);

  const when = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' });
  return (
    <details className="planned-add history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('provider.board.history.title')}</summary>
      <ErrorAlert error={error} />
      {open && items === null && !error && <p>{t('provider.common.loading')}</p>}
      {items && items.length === 0 && <p>{t('provider.board.history.empty')}</p>}
      {items && items.length > 0 && (
        <ol className="history-list" aria-label={t('provider.board.history.listLabel', { name: unit.name })}>
          {items.map((c) => (
            <li key={c.at}>
              <time dateTime={c.at}>{when.format(new Date(c.at))}</time> <span>{who(c)}</span>
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
