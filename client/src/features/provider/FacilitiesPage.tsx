import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Facility } from '../../../../shared/schemas/places';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Checkbox, Form, SelectField, TextAreaField, TextField } from '../../components/form';
import { useAction } from '../../lib/use-api';
import { providerApi, useDistricts, useFacilities } from './api';
import './provider.css';

const TEXT = ['name', 'street', 'postcode', 'city', 'districtAgs', 'phone', 'email', 'website', 'openingHours', 'accessibility', 'licenceRef', 'lat', 'lon'] as const;
type FacilityForm = Record<(typeof TEXT)[number], string> & { licencePresent: boolean; addressConfidential: boolean };
const EMPTY = { ...(Object.fromEntries(TEXT.map((k) => [k, ''])) as Record<(typeof TEXT)[number], string>), licencePresent: false, addressConfidential: false };

const fromFacility = (f: Facility): FacilityForm => ({
  ...(Object.fromEntries(TEXT.map((k) => [k, f[k] == null ? '' : String(f[k])])) as Record<(typeof TEXT)[number], string>),
  licencePresent: f.licencePresent,
  addressConfidential: f.addressConfidential,
});

function toBody(f: FacilityForm, original: Facility | null): Record<string, unknown> {
  const b: Record<string, unknown> = { licencePresent: f.licencePresent, addressConfidential: f.addressConfidential };
  for (const k of TEXT) if (k !== 'lat' && k !== 'lon') b[k] = f[k].trim() === '' ? (original ? null : undefined) : f[k].trim();
  b.name = f.name.trim();
  // coordinates only when typed or changed; otherwise the postcode locates the facility
  const lat = f.lat.trim().replace(',', '.');
  const lon = f.lon.trim().replace(',', '.');
  if (lat !== '' || lon !== '') {
    if (!original || lat !== String(original.lat) || lon !== String(original.lon)) {
      b.lat = lat === '' ? undefined : Number(lat);
      b.lon = lon === '' ? undefined : Number(lon);
    }
  }
  return Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined));
}

/** The provider admin's facilities: list, create, edit (groups follow their facility's address), archive. */
export default function FacilitiesPage() {
  const { t } = useTranslation();
  const facilities = useFacilities();
  const [editing, setEditing] = useState<Facility | null>(null);
  const [form, setForm] = useState<FacilityForm>(EMPTY);
  const districts = useDistricts();
  const [status, setStatus] = useState('');
  const { busy, error, setError, run } = useAction();
  const set = <K extends keyof FacilityForm>(k: K) => (v: FacilityForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  function edit(f: Facility | null) {
    setEditing(f);
    setForm(f ? fromFacility(f) : EMPTY);
    setError(null);
    document.getElementById('facility-form-heading')?.focus();
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const saved = await run(() => (editing ? providerApi.updateFacility(editing.id, toBody(form, editing)) : providerApi.createFacility(toBody(form, null))));
    if (!saved) return;
    setStatus(t(editing ? 'provider.facility.saved' : 'provider.facility.created', { name: saved.name }));
    setEditing(saved);
    setForm(fromFacility(saved));
    facilities.reload();
  }

  async function archive(f: Facility) {
    if (!(await run(() => providerApi.archiveFacility(f.id)))) return;
    setStatus(t('provider.facility.archived', { name: f.name }));
    if (editing?.id === f.id) edit(null);
    facilities.reload();
  }

  return (
    <div className="provider">
      <h1>{t('provider.facility.title')}</h1>
      <p>{t('provider.facility.intro')}</p>
      <p role="status" className="status">
        {status}
      </p>
      <ErrorAlert error={error ?? facilities.error} fieldsInline />
      <ul className="facility-list">
        {(facilities.data ?? []).map((f) => (
          <li key={f.id}>
            <h2>{f.name}</h2>
            <p>{[f.street, [f.postcode, f.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</p>
            <p>
              {t('provider.facility.units')}: {f.unitCount}
            </p>
            <div className="row-actions">
              <button type="button" onClick={() => edit(f)} aria-label={t('provider.facility.editLabel', { name: f.name })}>
                {t('provider.common.edit')}
              </button>
              {f.unitCount === 0 && (
                <button type="button" onClick={() => void archive(f)} aria-label={t('provider.facility.archiveLabel', { name: f.name })}>
                  {t('provider.common.archive')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <h2 id="facility-form-heading" tabIndex={-1}>
        {editing ? `${t('provider.facility.edit')}: ${editing.name}` : t('provider.facility.new')}
      </h2>
      {editing && (
        <p>
          <button type="button" onClick={() => edit(null)}>
            {t('provider.facility.new')}
          </button>
        </p>
      )}
      <Form onSubmit={submit} error={error} className="stack">
        <TextField id="f-name" label={t('provider.facility.name')} value={form.name} onChange={set('name')} name="name" required />
        <TextField id="f-street" label={t('provider.facility.street')} value={form.street} onChange={set('street')} name="street" autoComplete="street-address" />
        <div className="field-row">
          <TextField id="f-postcode" label={t('provider.facility.postcode')} value={form.postcode} onChange={set('postcode')} name="postcode" autoComplete="postal-code" />
          <TextField id="f-city" label={t('provider.facility.city')} value={form.city} onChange={set('city')} name="city" autoComplete="address-level2" />
        </div>
        <Checkbox
          id="f-addressConfidential"
          label={t('provider.facility.addressConfidential')}
          hint={t('provider.facility.addressConfidentialHint')}
          checked={form.addressConfidential}
          onChange={set('addressConfidential')}
        />
        <SelectField id="f-district" label={t('provider.unit.district')} value={form.districtAgs} onChange={set('districtAgs')} name="districtAgs">
          <option value="">{t('provider.unit.chooseDistrict')}</option>
          {districts.map((d) => (
            <option key={d.ags} value={d.ags}>
              {d.name}
            </option>
          ))}
        </SelectField>
        <div className="field-row">
          <TextField id="f-lat" type="number" label={t('provider.facility.lat')} hint={t('provider.facility.coordsHint')} value={form.lat} onChange={set('lat')} name="lat" />
          <TextField id="f-lon" type="number" label={t('provider.facility.lon')} value={form.lon} onChange={set('lon')} name="lon" />
        </div>
        <TextField id="f-phone" type="tel" label={t('provider.facility.phone')} value={form.phone} onChange={set('phone')} name="phone" />
        <TextField id="f-email" type="email" label={t('provider.facility.email')} value={form.email} onChange={set('email')} name="email" />
        <TextField id="f-website" type="url" label={t('provider.facility.website')} value={form.website} onChange={set('website')} name="website" />
        <TextField id="f-openingHours" label={t('provider.facility.openingHours')} value={form.openingHours} onChange={set('openingHours')} name="openingHours" />
        <TextAreaField rows={4} id="f-accessibility" label={t('provider.facility.accessibility')} value={form.accessibility} onChange={set('accessibility')} name="accessibility" />
        <TextField id="f-licenceRef" label={t('provider.facility.licenceRef')} value={form.licenceRef} onChange={set('licenceRef')} name="licenceRef" />
        <Checkbox id="f-licencePresent" label={t('provider.facility.licencePresent')} checked={form.licencePresent} onChange={set('licencePresent')} />
        <div className="form-actions">
          <button type="submit" className="primary" aria-disabled={busy || undefined}>
            {busy ? t('provider.common.saving') : t('provider.common.save')}
          </button>
        </div>
      </Form>
    </div>
  );
}
