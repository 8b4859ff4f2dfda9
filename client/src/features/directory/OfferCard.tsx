import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DirectoryOffer } from '../../../../shared/schemas/directory';
import { CapacityFact } from './CapacityFact';
import { useNames } from './names';

/** One offer in a result list; `level` is its heading's level in the page's outline. */
export function OfferCard({ o, level = 3 }: { o: DirectoryOffer; level?: 3 | 4 }) {
  const { t } = useTranslation();
  const n = useNames();
  const town = [o.postcode, o.city].filter(Boolean).join(' ');
  const place = o.addressConfidential ? t('directory.townOnly', { town }) : [o.street, town].filter(Boolean).join(', ');
  const H = level === 3 ? 'h3' : 'h4';
  return (
    <li className="dir-card">
      <article aria-labelledby={`offer-${o.id}`}>
        <H id={`offer-${o.id}`}>
          <Link to={`/verzeichnis/angebot/${o.id}`}>{o.name}</Link>
        </H>
        <p className="dir-provider">{o.providerName}</p>
        <p className="dir-types">{o.serviceTypes.map(n.type).join(' · ')}</p>
        <dl className="dir-facts">
          <dt>{t('directory.age')}</dt>
          <dd>{t('directory.ageRange', { min: o.ageMin, max: o.ageMax })}</dd>
          {place && (
            <>
              <dt>{t('directory.address')}</dt>
              <dd>{place}</dd>
            </>
          )}
          {o.distanceKm !== null && (
            <>
              <dt>{t('directory.distance')}</dt>
              <dd>{t('directory.km', { km: n.number(o.distanceKm) })}</dd>
            </>
          )}
          <dt>{t('directory.languages')}</dt>
          <dd>{o.languages.map(n.language).join(', ')}</dd>
          <CapacityFact capacity={o.capacity} />
          {o.phone && (
            <>
              <dt>{t('directory.phone')}</dt>
              <dd>
                <a href={`tel:${o.phone.replace(/[^+\d]/g, '')}`}>{o.phone}</a>
              </dd>
            </>
          )}
        </dl>
      </article>
    </li>
  );
}
