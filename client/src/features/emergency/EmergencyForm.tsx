import { useState, type Dispatch, type FormEvent, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, RadioGroup, TextField } from '../../components/form';
import type { ApiError } from '../../lib/api';
import type { EmergencyQuery } from './api';

/** Three inputs a phone can fill in the dark: age, gender, and a postcode or the phone's location. */
export function EmergencyForm({ query, onChange, onSearch, error, busy }: { query: EmergencyQuery; onChange: Dispatch<SetStateAction<EmergencyQuery>>; onSearch: () => void; error: ApiError | null; busy: boolean }) {
  const { t } = useTranslation();
  const [geoError, setGeoError] = useState(false);
  const set = <K extends keyof EmergencyQuery>(k: K) => (v: EmergencyQuery[K]) => onChange((q) => ({ ...q, [k]: v }));

  function locate() {
    setGeoError(false);
    if (!navigator.geolocation) return setGeoError(true);
    navigator.geolocation.getCurrentPosition(
      (p) => onChange((q) => ({ ...q, here: { lat: p.coords.latitude, lon: p.coords.longitude } })),
      () => setGeoError(true),
      { enableHighAccuracy: false, timeout: 10_000 },
    );
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    onSearch();
  }
  return (
    <Form onSubmit={submit} error={error} prefix="query.">
      <TextField id="e-age" name="age" label={t('emergency.age')} type="number" inputMode="numeric" min={0} max={27} required value={query.age} onChange={set('age')} />
      <RadioGroup
        id="e-gender"
        name="gender"
        className="big"
        legend={t('emergency.gender')}
        options={(['female', 'male', 'diverse'] as const).map((g) => ({ code: g, label: t(`emergency.genders.${g}`) }))}
        value={query.gender}
        onChange={set('gender')}
        required
      />
      <fieldset>
        <legend>{t('emergency.where')}</legend>
        <TextField id="e-postcode" name="postcode" label={t('emergency.postcode')} inputMode="numeric" autoComplete="postal-code" maxLength={5} value={query.postcode} disabled={!!query.here} onChange={set('postcode')} />
        <button type="button" onClick={() => (query.here ? set('here')(null) : locate())} aria-pressed={!!query.here}>
          {query.here ? t('emergency.hereActive') : t('emergency.here')}
        </button>
        {geoError && <p className="field-error">{t('emergency.hereFailed')}</p>}
      </fieldset>
      <button type="submit" className="primary big" aria-disabled={busy || undefined}>
        {t('emergency.search')}
      </button>
    </Form>
  );
}
