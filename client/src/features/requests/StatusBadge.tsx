import { useTranslation } from 'react-i18next';

const ICON: Record<string, string> = { open: '○', question: '?', accepted: '◆', declined: '✕', withdrawn: '–', released: '–', expired: '⌛', confirmed: '✓' };

/** Status as text and symbol: never by colour alone. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`status-badge s-${status}`}>
      <span aria-hidden="true">{ICON[status] ?? '•'} </span>
      {t(`requests.status.${status}`)}
    </span>
  );
}
