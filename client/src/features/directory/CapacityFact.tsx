import { useTranslation } from 'react-i18next';
import { useNames } from './names';

/** Free places of an offer with the age of the figure, as a term/description pair. */
export function CapacityFact({ capacity }: { capacity: { free: number; total: number; confirmedAt: string | null } | null }) {
  const { t } = useTranslation();
  const n = useNames();
  if (!capacity) return null;
  return (
    <>
      <dt>{t('directory.places')}</dt>
      <dd>
        {t('directory.placesFree', { free: capacity.free, total: capacity.total })}
        {capacity.confirmedAt && ` (${t('directory.asOf', { date: n.date(capacity.confirmedAt) })})`}
      </dd>
    </>
  );
}
