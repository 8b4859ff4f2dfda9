import { Fact } from './Fact';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DirectoryOffice, DirectorySearchResult } from '../../../../shared/schemas/directory';
import { useNames } from './names';
import { OfferCard } from './OfferCard';

const tel = (p: string) => `tel:${p.replace(/[^+\d]/g, '')}`;

/** The search in the address bar, changed: `set` values replace, `drop` names are removed. */
function searchLink(params: URLSearchParams, set: Record<string, string>, drop: string[] = []): string {
  const next = new URLSearchParams(params);
  next.delete('page');
  for (const k of drop) next.delete(k);
  for (const [k, v] of Object.entries(set)) next.set(k, v);
  return `/verzeichnis?${next}`;
}

function Office({ o }: { o: DirectoryOffice }) {
  const { t } = useTranslation();
  return (
    <li className="dir-card">
      <h4>{o.name}</h4>
      <p className="dir-provider">{t('directory.alt.officeFor', { district: o.districtName })}</p>
      <dl className="dir-facts">
        {(o.street || o.city) && (
          <>
            <dt>{t('directory.address')}</dt>
            <dd>{[o.street, [o.postcode, o.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</dd>
          </>
        )}
        {o.phone && <Fact label={t('directory.phone')} href={tel(o.phone)} text={o.phone} />}
        {o.emergencyPhone && <Fact label={t('directory.alt.officeEmergency')} href={tel(o.emergencyPhone)} text={o.emergencyPhone} />}
        {o.email && <Fact label={t('directory.email')} href={`mailto:${o.email}`} text={o.email} />}
      </dl>
    </li>
  );
}

/**
 * A search that found nothing still leads somewhere: related types of service, the nearest offers
 * without the filter that blocked (named), the youth welfare office of the place, national numbers.
 */
export function NoResults({ result, params }: { result: DirectorySearchResult; params: URLSearchParams }) {
  const { t } = useTranslation();
  const n = useNames();
  const a = result.alternatives;
  return (
    <div className="dir-none">
      <p>{t('directory.none')}</p>
      {a && a.relatedTypes.length > 0 && (
        <section aria-labelledby="alt-related">
          <h3 id="alt-related">{t('directory.alt.related')}</h3>
          <ul className="dir-links">
            {a.relatedTypes.map((x) => (
              <li key={x.code}>
                <Link to={searchLink(params, { types: x.code }, ['q'])}>{n.term(x)}</Link> <span className="dir-provider">({n.term(x.group)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {a?.relaxed && (
        <section aria-labelledby="alt-relaxed">
          <h3 id="alt-relaxed">{t('directory.alt.relaxed', { filter: t(`directory.alt.filter.${a.relaxed.dropped}`), count: a.relaxed.total })}</h3>
          <ol className="dir-list" aria-label={t('directory.alt.relaxedList')}>
            {a.relaxed.items.map((o) => (
              <OfferCard key={o.id} o={o} level={4} />
            ))}
          </ol>
          <p>
            <Link to={searchLink(params, {}, [a.relaxed.dropped])}>
              {t('directory.alt.searchWithout', { filter: t(`directory.alt.filter.${a.relaxed.dropped}`) })}
            </Link>
          </p>
        </section>
      )}
      {a && (
        <section aria-labelledby="alt-office">
          <h3 id="alt-office">{t('directory.alt.office')}</h3>
          {a.offices.length > 0 ? (
            <ul className="dir-list">
              {a.offices.map((o) => (
                <Office key={o.id} o={o} />
              ))}
            </ul>
          ) : (
            <p>{t('directory.alt.officeUnknown')}</p>
          )}
        </section>
      )}
      {a && (
        <section aria-labelledby="alt-numbers">
          <h3 id="alt-numbers">{t('directory.alt.numbers')}</h3>
          <ul className="dir-numbers">
            {a.helpNumbers.map((h) => (
              <li key={h.id}>
                {n.term(h)}: <a href={tel(h.phone)}>{h.phone}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
