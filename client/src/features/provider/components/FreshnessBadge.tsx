import { useTranslation } from 'react-i18next';
import type { Freshness } from '../../../../../shared/schemas/places';
import { formatAge } from '../../../lib/format';

const SYMBOL: Record<Freshness, string> = { fresh: '✓', unconfirmed: '!', hidden: '✕' };

/** The age of a figure, as text and symbol (never by colour alone). */
export function FreshnessBadge({ freshness, lastConfirmedAt, id }: { freshness: Freshness; lastConfirmedAt: string | null; id?: string }) {
  const { t, i18n } = useTranslation();
  const age = lastConfirmedAt ? t('provider.freshness.confirmed', { age: formatAge(lastConfirmedAt, i18n.language) }) : t('provider.freshness.never');
  return (
    <p className={`freshness freshness-${freshness}`} id={id}>
      <span className="freshness-label">
        <span aria-hidden="true" className="freshness-symbol">
          {SYMBOL[freshness]}
        </span>{' '}
        {t(`provider.freshness.${freshness}`)}
      </span>
      <span className="freshness-age">{age}</span>
      {freshness !== 'fresh' && <span className="freshness-hint">{t(`provider.freshness.${freshness}Hint`)}</span>}
    </p>
  );
}
