import { useTranslation } from 'react-i18next';
import type { Running } from './api';

/**
 * The office's running requests to one unit, before anyone sends: how many, by whom, for which
 * case. Only the same case reference is refused; other children may be asked for.
 */
export function RunningNotice({ items, caseRef }: { items: Running[]; caseRef: string }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return null;
  const same = items.some((r) => caseRef.trim() !== '' && r.caseRef.toLowerCase() === caseRef.trim().toLowerCase());
  return (
    <div>
      <strong className={`tag ${same ? 'danger' : 'warn'}`}>{t('requests.compose.runningCount', { count: items.length })}</strong>
      <ul className="running-list">
        {items.map((r) => (
          <li key={r.requestId}>
            {t('requests.compose.runningItem', {
              caseRef: r.caseRef,
              status: t(`requests.status.${r.status}`),
              name: r.createdByName ?? t('requests.compose.someone'),
              date: new Date(r.createdAt).toLocaleDateString(i18n.language),
            })}
          </li>
        ))}
      </ul>
      {same && <p className="field-error">{t('errors.issue.caseRef.duplicate')}</p>}
    </div>
  );
}
