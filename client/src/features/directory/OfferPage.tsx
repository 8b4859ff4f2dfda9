import { useEffect, useState } from 'react';
import { Fact } from './Fact';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { DirectoryOfferDetail } from '../../../../shared/schemas/directory';
import { ApiError } from '../../lib/api';
import { getOffer } from './api';
import { CapacityFact } from './CapacityFact';
import { OfferMap } from './OfferMap';
import { PublicFrame } from '../../components/PublicFrame';
import './directory.css';
import { useNames } from './names';
import { errorText } from '../../lib/issues';

const tel = (p: string) => `tel:${p.replace(/[^+\d]/g, '')}`;

export default function OfferPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const n = useNames();
  const [offer, setOffer] = useState<DirectoryOfferDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    setOffer(null);
    setError(null);
    let current = true; // a slower answer for the previous offer is dropped
    getOffer(id).then(
      (o) => current && setOffer(o),
      (e: ApiError) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [id]);

  if (error) {
    return (
      <PublicFrame home="/verzeichnis" variant="pub" title={t('directory.title')}>
        <h1>{error.status === 404 || error.status === 400 ? t('directory.notFound') : errorText(t, error)}</h1>
        <p>
          <Link to="/verzeichnis">{t('directory.back')}</Link>
        </p>
      </PublicFrame>
    );
  }
  if (!offer) {
    return (
      <PublicFrame home="/verzeichnis" variant="pub" title={t('directory.title')}>
        <p role="status">{t('app.loading')}</p>
      </PublicFrame>
    );
  }
  const o = offer;
  const genders = o.genders.length === 3 ? t('directory.allGenders') : o.genders.map((g) => t(`directory.gender.${g}`)).join(', ');
  return (
    <PublicFrame home="/verzeichnis" variant="pub" title={o.name}>
      <p>
        <Link to="/verzeichnis">{t('directory.back')}</Link>
      </p>
      <h1>{o.name}</h1>
      <p className="dir-provider">{t('directory.offeredBy', { provider: o.provider.name })}</p>
      {o.description && <p>{o.description}</p>}
      <div className="dir-detail">
        <section aria-labelledby="h-contact">
          <h2 id="h-contact">{t('directory.contact')}</h2>
          <address>
            {o.facilityName}
            {o.street && (
              <>
                <br />
                {o.street}
              </>
            )}
            {(o.postcode || o.city) && (
              <>
                <br />
                {[o.postcode, o.city].filter(Boolean).join(' ')}
              </>
            )}
          </address>
          {o.addressConfidential && <p className="hint">{t('directory.addressConfidential')}</p>}
          <dl className="dir-facts">
            {o.phone && <Fact label={t('directory.phone')} href={tel(o.phone)} text={o.phone} />}
            {o.email && <Fact label={t('directory.email')} href={`mailto:${o.email}`} text={o.email} />}
            {o.website && (
              <>
                <dt>{t('directory.website')}</dt>
                <dd>
                  <a href={o.website} rel="noopener noreferrer">
                    {o.website}
                  </a>
                </dd>
              </>
            )}
            <dt>{t('directory.openingHours')}</dt>
            <dd>{o.openingHours ?? t('directory.askProvider')}</dd>
            <dt>{t('directory.accessibility')}</dt>
            <dd>{[o.stepFree ? t('directory.stepFree') : null, o.accessibility].filter(Boolean).join('. ') || t('directory.askProvider')}</dd>
          </dl>
        </section>
        <section aria-labelledby="h-offer">
          <h2 id="h-offer">{t('directory.aboutOffer')}</h2>
          <dl className="dir-facts">
            <dt>{t('directory.type')}</dt>
            <dd>{o.serviceTypes.map(n.type).join(' · ')}</dd>
            <dt>{t('directory.setting')}</dt>
            <dd>{t(`directory.settings.${o.setting}`)}</dd>
            <dt>{t('directory.age')}</dt>
            <dd>{t('directory.ageRange', { min: o.ageMin, max: o.ageMax })}</dd>
            <dt>{t('directory.forWhom')}</dt>
            <dd>{genders}</dd>
            <dt>{t('directory.languages')}</dt>
            <dd>{o.languageNames.map(n.term).join(', ')}</dd>
            {o.specialisations.length > 0 && (
              <>
                <dt>{t('directory.specialisations')}</dt>
                <dd>{o.specialisations.map(n.term).join(', ')}</dd>
              </>
            )}
            <CapacityFact capacity={o.capacity} />
            {o.emergencyIntake && (
              <>
                <dt>{t('directory.emergencyIntake')}</dt>
                <dd>{t('directory.emergencyIntakeYes')}</dd>
              </>
            )}
          </dl>
        </section>
      </div>
      <section aria-labelledby="h-map">
        <h2 id="h-map">{t('directory.location')}</h2>
        <OfferMap
          offers={[o]}
          detailPath={(x) => `/verzeichnis/angebot/${x}`}
          hint={t(o.addressConfidential ? 'directory.mapHintConfidential' : 'directory.mapHintOne')}
        />
      </section>
      {o.otherOffers.length > 0 && (
        <section aria-labelledby="h-more">
          <h2 id="h-more">{t('directory.moreFromProvider', { provider: o.provider.name })}</h2>
          <ul>
            {o.otherOffers.map((x) => (
              <li key={x.id}>
                <Link to={`/verzeichnis/angebot/${x.id}`}>{x.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </PublicFrame>
  );
}
