import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ConfirmLinkResult, ConfirmLinkView } from '../../../../shared/schemas/confirm-links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PublicFrame } from '../../components/PublicFrame';
import { useAction } from '../../lib/use-api';
import { confirmApi, useConfirmLink } from './api';
import './confirm.css';

type LinkUnit = ConfirmLinkView['units'][number];

function UnitList({ units }: { units: LinkUnit[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="confirm-units">
      {units.map((u) => (
        <li key={u.id}>
          <strong>{u.name}</strong>
          {u.facilityName && <span> · {u.facilityName}</span>}
          <br />
          {t('confirm.figures', { free: u.freePlaces, capacity: u.capacityTotal })}
          {' · '}
          {u.lastConfirmedAt ? t('confirm.lastConfirmed', { at: new Date(u.lastConfirmedAt).toLocaleString(i18n.language) }) : t('confirm.never')}
          {' · '}
          <Link to={`/belegung/angebote/${u.id}`}>{t('confirm.change', { name: u.name })}</Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * The landing page of a reminder's "Stimmt noch" / "Alles unverändert" link: shows what would be
 * confirmed and confirms only on the button (a mail scanner opening the link confirms nothing).
 */
export default function ConfirmLinkPage() {
  const { t, i18n } = useTranslation();
  const token = useParams()['*'] ?? '';
  const { data: view, error: loadError } = useConfirmLink(token);
  const [done, setDone] = useState<ConfirmLinkResult | null>(null);
  const { busy, error, run } = useAction();

  async function confirm() {
    const r = await run(() => confirmApi.confirm(token));
    if (r) setDone(r);
  }

  const notFound = loadError?.code === 'NOT_FOUND' || loadError?.code === 'VALIDATION_FAILED';
  return (
    <PublicFrame title={t('confirm.title')} home="/verzeichnis" variant="pub">
      <div className="confirm-page">
        <h1>{t('confirm.title')}</h1>
        {notFound && <p className="banner warn">{t('confirm.notFound')}</p>}
        {!notFound && <ErrorAlert error={loadError ?? error} text={error?.code === 'CONFLICT' ? t('confirm.refused') : error?.code === 'RATE_LIMITED' || loadError?.code === 'RATE_LIMITED' ? t('confirm.rateLimited') : undefined} />}
        {view && !done && (
          <>
            <p>{t(view.scope === 'all' ? 'confirm.introAll' : 'confirm.introOne', { provider: view.providerName, count: view.units.length })}</p>
            <UnitList units={view.units} />
            {view.state === 'ready' && view.units.length > 0 && (
              <>
                <p className="hint">{t('confirm.only', { until: new Date(view.expiresAt).toLocaleString(i18n.language) })}</p>
                <button type="button" className="primary" disabled={busy} onClick={() => void confirm()}>
                  {t(view.units.length > 1 ? 'confirm.buttonAll' : 'confirm.button')}
                </button>
              </>
            )}
            {view.state === 'used' && <p className="banner">{t('confirm.used', { at: view.usedAt ? new Date(view.usedAt).toLocaleString(i18n.language) : '' })}</p>}
            {view.state === 'expired' && <p className="banner warn">{t('confirm.expired')}</p>}
            {view.state === 'ready' && view.units.length === 0 && <p className="banner">{t('confirm.noUnits')}</p>}
          </>
        )}
        {done && (
          <div role="status">
            <p className="banner ok">{t('confirm.done', { count: done.units.length, at: new Date(done.confirmedAt).toLocaleString(i18n.language) })}</p>
            <UnitList units={done.units} />
          </div>
        )}
        <p>
          <Link to="/belegung">{t('confirm.board')}</Link>
        </p>
      </div>
    </PublicFrame>
  );
}
