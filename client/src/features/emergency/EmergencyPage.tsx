import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EventEnvelope } from '../../../../shared/events';
import { useRealtime } from '../../lib/realtime';
import { api, ApiError } from '../../lib/api';
import { ErrorAlert } from '../../components/ErrorAlert';

interface Unit {
  unitId: string;
  unitName: string;
  providerName: string;
  city: string | null;
  distanceKm: number;
  availablePlaces: number;
  lastConfirmedAt: string | null;
  emergencyPhone: string;
  coarseLocation: boolean;
  runningRequestByMyOffice: boolean;
}

function defaultCaseRef() {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `IO-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

/** Phone-first emergency flow: three inputs, nearest first, tap to call, one action to request. */
export default function EmergencyPage() {
  const { t, i18n } = useTranslation();
  const { subscribe } = useRealtime();
  const [age, setAge] = useState('');
  const [gender, setGender] = useState('');
  const [postcode, setPostcode] = useState('');
  const [here, setHere] = useState<{ lat: number; lon: number } | null>(null);
  const [geoError, setGeoError] = useState(false);
  const [result, setResult] = useState<{ reference: { label: string }; items: Unit[] } | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [caseRef, setCaseRef] = useState(defaultCaseRef);
  const [error, setError] = useState<ApiError | null>(null);
  const [sent, setSent] = useState<{ groupId: string; items: { id: string; unitId: string; unitName: string; status: string }[] } | null>(null);
  const [suggestions, setSuggestions] = useState<{ unitId: string; unitName: string; providerName: string; distanceKm: number; emergencyPhone: string }[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(
    () =>
      subscribe((e: EventEnvelope) => {
        if (!sent) return;
        if (e.type === 'request:changed' && e.payload.groupId === sent.groupId) {
          const p = e.payload;
          setSent((s) => s && { ...s, items: s.items.map((i) => (i.id === p.requestId ? { ...i, status: p.status } : i)) });
        }
        if (e.type === 'request:escalated' && e.payload.groupId === sent.groupId) setSuggestions(e.payload.suggestions);
      }),
    [subscribe, sent],
  );

  function locate() {
    setGeoError(false);
    if (!navigator.geolocation) return setGeoError(true);
    navigator.geolocation.getCurrentPosition(
      (p) => setHere({ lat: p.coords.latitude, lon: p.coords.longitude }),
      () => setGeoError(true),
      { enableHighAccuracy: false, timeout: 10_000 },
    );
  }

  const search = useCallback(
    async (e?: FormEvent) => {
      e?.preventDefault();
      setBusy(true);
      setError(null);
      const q = new URLSearchParams({ age, gender, limit: '15' });
      if (here) {
        q.set('lat', String(here.lat));
        q.set('lon', String(here.lon));
      } else q.set('postcode', postcode);
      try {
        setResult(await api('GET', `/api/v1/emergency/units?${q}`));
        setChosen([]);
      } catch (err) {
        setError(err as ApiError);
      } finally {
        setBusy(false);
      }
    },
    [age, gender, postcode, here],
  );

  async function send() {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ groupId: string; items: { id: string; unitId: string; unitName: string; status: string }[] }>('POST', '/api/v1/emergency/requests', {
        unitIds: chosen,
        caseRef,
        childAge: Number(age),
        childGender: gender,
      });
      setSent(r);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  const fe = (p: string) => error?.fieldMessage(p);
  const ageOf = (s: string | null) => (s ? t('emergency.confirmedAgo', { time: new Date(s).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' }) }) : t('emergency.unconfirmed'));
  return (
    <div className="emergency">
      <h1>{t('emergency.title')}</h1>
      <p>{t('emergency.intro')}</p>
      <form onSubmit={search} noValidate>
        <div className="field">
          <label htmlFor="e-age">{t('emergency.age')}</label>
          <input id="e-age" type="number" inputMode="numeric" min={0} max={27} required value={age} onChange={(e) => setAge(e.target.value)} aria-invalid={fe('query.age') ? true : undefined} aria-describedby={fe('query.age') ? 'e-age-error' : undefined} />
          {fe('query.age') && (
            <p id="e-age-error" className="field-error">
              {fe('query.age')}
            </p>
          )}
        </div>
        <fieldset className="segmented big">
          <legend>{t('emergency.gender')}</legend>
          {(['female', 'male', 'diverse'] as const).map((g) => (
            <label key={g}>
              <input type="radio" name="gender" value={g} checked={gender === g} onChange={() => setGender(g)} required />
              {t(`emergency.genders.${g}`)}
            </label>
          ))}
          {fe('query.gender') && <p className="field-error">{fe('query.gender')}</p>}
        </fieldset>
        <fieldset>
          <legend>{t('emergency.where')}</legend>
          <div className="field">
            <label htmlFor="e-postcode">{t('emergency.postcode')}</label>
            <input id="e-postcode" inputMode="numeric" autoComplete="postal-code" maxLength={5} value={postcode} disabled={!!here} onChange={(e) => setPostcode(e.target.value)} aria-invalid={fe('query.postcode') ? true : undefined} aria-describedby={fe('query.postcode') ? 'e-pc-error' : undefined} />
            {fe('query.postcode') && (
              <p id="e-pc-error" className="field-error">
                {fe('query.postcode')}
              </p>
            )}
          </div>
          <button type="button" onClick={() => (here ? setHere(null) : locate())} aria-pressed={!!here}>
            {here ? t('emergency.hereActive') : t('emergency.here')}
          </button>
          {geoError && <p className="field-error">{t('emergency.hereFailed')}</p>}
        </fieldset>
        <button type="submit" className="primary big" disabled={busy}>
          {t('emergency.search')}
        </button>
      </form>
      <ErrorAlert error={error} fieldsInline />
      <div aria-live="polite">
        {result && (
          <h2>
            {result.items.length ? t('emergency.results', { count: result.items.length }) : t('emergency.resultsNone')} <span className="muted">{t('emergency.from', { label: result.reference.label })}</span>
          </h2>
        )}
      </div>
      {result && result.items.length > 0 && (
        <ol className="cards">
          {result.items.map((u) => (
            <li key={u.unitId} className="card">
              <h3 className="card-title">{u.unitName}</h3>
              <p>
                {u.providerName}
                {u.city ? `, ${u.city}` : ''} · <strong>{t('emergency.distance', { km: u.distanceKm.toLocaleString(i18n.language) })}</strong>
                {u.coarseLocation ? ` (${t('emergency.coarse')})` : ''}
              </p>
              <p>
                <strong>{t('emergency.available', { count: u.availablePlaces })}</strong> · {ageOf(u.lastConfirmedAt)}
              </p>
              <a className="button call" href={`tel:${u.emergencyPhone.replace(/[^+\d]/g, '')}`} aria-label={t('emergency.callLabel', { unit: u.unitName, phone: u.emergencyPhone })}>
                {t('emergency.call', { phone: u.emergencyPhone })}
              </a>
              {u.runningRequestByMyOffice ? (
                <p className="tag warn">{t('emergency.alreadyAsked')}</p>
              ) : (
                <label className="choose">
                  <input
                    type="checkbox"
                    checked={chosen.includes(u.unitId)}
                    onChange={() => setChosen((c) => (c.includes(u.unitId) ? c.filter((x) => x !== u.unitId) : [...c, u.unitId]))}
                    aria-label={t('emergency.chooseLabel', { unit: u.unitName })}
                  />{' '}
                  {t('emergency.choose')}
                </label>
              )}
            </li>
          ))}
        </ol>
      )}
      {result && result.items.length > 0 && !sent && (
        <div className="sticky-action">
          <div className="field">
            <label htmlFor="e-caseref">{t('emergency.caseRef')}</label>
            <input id="e-caseref" value={caseRef} onChange={(e) => setCaseRef(e.target.value)} aria-invalid={fe('body.caseRef') ? true : undefined} aria-describedby={fe('body.caseRef') ? 'e-cr-error' : undefined} />
            {fe('body.caseRef') && (
              <p id="e-cr-error" className="field-error">
                {fe('body.caseRef')}
              </p>
            )}
          </div>
          <button type="button" className="primary big" disabled={busy || chosen.length === 0} onClick={() => void send()}>
            {t('emergency.send', { count: chosen.length })}
          </button>
        </div>
      )}
      {sent && (
        <section aria-labelledby="answers-h" aria-live="polite">
          <p className="banner" role="status">
            {t('emergency.sent')}
          </p>
          <h2 id="answers-h">{t('emergency.answers')}</h2>
          <ul>
            {sent.items.map((i) => (
              <li key={i.id}>
                <Link to={`/anfragen/${i.id}`}>{i.unitName}</Link>: {i.status === 'open' ? t('emergency.waiting') : t(`requests.status.${i.status}`)}
              </li>
            ))}
          </ul>
          {suggestions.length > 0 && (
            <>
              <p className="banner warn">{t('emergency.escalated')}</p>
              <ul>
                {suggestions.map((s) => (
                  <li key={s.unitId}>
                    {s.unitName} ({s.providerName}), {s.distanceKm.toLocaleString(i18n.language)} km ·{' '}
                    <a href={`tel:${s.emergencyPhone.replace(/[^+\d]/g, '')}`}>{t('emergency.call', { phone: s.emergencyPhone })}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}
