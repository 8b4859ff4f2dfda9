import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Setting, Unit } from '../../../../shared/schemas/places';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Checkbox, CheckboxGroup, Form, SelectField, TextAreaField, TextField } from '../../components/form';
import { ApiError } from '../../lib/api';
import { useApiData } from '../../lib/use-api';
import { providerApi, useDistricts, useFacilities } from './api';
import { FreshnessBadge } from './components/FreshnessBadge';
import { EMPTY_UNIT, fromUnit, toBody, type UnitForm } from './components/unit-form';
import './provider.css';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="form-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** Create or edit a unit with every matching attribute; foster places take a confidential address. */
export default function UnitEditorPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const isNew = !id;
  const [unit, setUnit] = useState<Unit | null>(null);
  const [form, setForm] = useState<UnitForm>(EMPTY_UNIT);
  const taxonomies = useApiData(providerApi.taxonomies, []);
  const tax = taxonomies.data;
  const facilities = useFacilities().data ?? [];
  const districts = useDistricts();
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!id) return;
    providerApi.unit(id).then((u) => {
      setUnit(u);
      setForm(fromUnit(u));
    }, setError);
  }, [id]);

  const name = (o: { nameDe: string; nameEn: string }) => (i18n.language === 'en' ? o.nameEn : o.nameDe);
  const set = <K extends keyof UnitForm>(k: K) => (v: UnitForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const foster = form.setting === 'pflegefamilie';

  async function submit(e: FormEvent) {
    e.preventDefault();
    // the button stays focusable while busy (aria-disabled): a second press does nothing
    if (busy) return;
    setError(null);
    setBusy(true);
    try {
      if (isNew) {
        const u = await providerApi.createUnit(toBody(form, true));
        setStatus(t('provider.unit.created', { name: u.name }));
        navigate(`/belegung/angebote/${u.id}`, { replace: true });
      } else {
        const u = await providerApi.updateUnit(id!, { ...toBody(form, false), expectedVersion: unit!.version });
        setUnit(u);
        setForm(fromUnit(u));
        setStatus(t('provider.unit.saved', { name: u.name }));
      }
    } catch (er) {
      const ae = er as ApiError;
      setError(ae);
      if (ae.status === 409 && id) {
        const fresh = await providerApi.unit(id);
        setUnit(fresh);
        setForm(fromUnit(fresh));
      }
    } finally {
      setBusy(false);
    }
  }

  async function archive() {
    if (!unit || !window.confirm(t('provider.unit.archiveConfirm', { name: unit.name }))) return;
    try {
      const u = await providerApi.archiveUnit(unit.id);
      setUnit(u);
      setStatus(t('provider.unit.archived', { name: u.name }));
    } catch (er) {
      setError(er as ApiError);
    }
  }

  if (!tax || (!isNew && !unit && !error)) return taxonomies.error ? <ErrorAlert error={taxonomies.error} /> : <p role="status">{t('provider.common.loading')}</p>;
  const opts = (list: { code: string; nameDe: string; nameEn: string }[]) => list.map((o) => ({ code: o.code, label: name(o) }));
  return (
    <div className="provider editor">
      <p>
        <Link to="/belegung">{t('provider.common.back')}</Link>
      </p>
      <h1>{isNew ? t('provider.unit.newTitle') : t('provider.unit.editTitle')}</h1>
      {unit && <FreshnessBadge freshness={unit.freshness} lastConfirmedAt={unit.lastConfirmedAt} />}
      <p role="status" className="status">
        {status}
      </p>
      <ErrorAlert error={error} fieldsInline text={error?.status === 409 ? t('provider.common.conflict') : undefined} />
      <Form onSubmit={submit} error={error}>
        <Section id="sec-basics" title={t('provider.unit.sections.basics')}>
          <TextField id="u-name" label={t('provider.unit.name')} value={form.name} onChange={set('name')} name="name" required />
          <TextAreaField rows={4} id="u-description" label={t('provider.unit.description')} value={form.description} onChange={set('description')} name="description" />
          <SelectField id="u-setting" label={t('provider.unit.setting')} value={form.setting} onChange={(v) => set('setting')(v as Setting)} name="setting" required>
            {tax.settings
              .filter((s) => isNew || (s.code === 'pflegefamilie') === (unit?.setting === 'pflegefamilie'))
              .map((s) => (
                <option key={s.code} value={s.code}>
                  {name(s)}
                </option>
              ))}
          </SelectField>
          <CheckboxGroup
            id="u-serviceTypes"
            legend={t('provider.unit.serviceTypes')}
            options={tax.serviceTypes.map((s) => ({ code: s.code, label: `${s.section}: ${name(s)}` }))}
            value={form.serviceTypes}
            onChange={set('serviceTypes')}
            name="serviceTypes"
            required
          />
        </Section>
        <Section id="sec-who" title={t('provider.unit.sections.who')}>
          <div className="field-row">
            <TextField id="u-ageMin" type="number" label={t('provider.unit.ageMin')} value={form.ageMin} onChange={set('ageMin')} name="ageMin" required />
            <TextField id="u-ageMax" type="number" label={t('provider.unit.ageMax')} value={form.ageMax} onChange={set('ageMax')} name="ageMax" required />
          </div>
          <CheckboxGroup id="u-genders" legend={t('provider.unit.genders')} options={opts(tax.genders)} value={form.genders} onChange={set('genders')} name="genders" required />
          <CheckboxGroup id="u-languages" legend={t('provider.unit.languages')} options={opts(tax.languages)} value={form.languages} onChange={set('languages')} name="languages" />
          <TextField id="u-siblingsMax" type="number" label={t('provider.unit.siblingsMax')} value={form.siblingsMax} onChange={set('siblingsMax')} name="siblingsMax" />
        </Section>
        <Section id="sec-needs" title={t('provider.unit.sections.needs')}>
          <CheckboxGroup id="u-specialisations" legend={t('provider.unit.specialisations')} options={opts(tax.specialisations)} value={form.specialisations} onChange={set('specialisations')} name="specialisations" />
          <CheckboxGroup id="u-exclusions" legend={t('provider.unit.exclusions')} options={opts(tax.exclusions)} value={form.exclusions} onChange={set('exclusions')} name="exclusions" />
        </Section>
        <Section id="sec-care" title={t('provider.unit.sections.care')}>
          <Checkbox id="u-emergencyIntake" label={t('provider.unit.emergencyIntake')} checked={form.emergencyIntake} onChange={set('emergencyIntake')} />
          <TextField id="u-emergencyPhone" type="tel" label={t('provider.unit.emergencyPhone')} value={form.emergencyPhone} onChange={set('emergencyPhone')} name="emergencyPhone" required={form.emergencyIntake} />
          <TextField id="u-maxAnswerHours" type="number" label={t('provider.unit.maxAnswerHours')} value={form.maxAnswerHours} onChange={set('maxAnswerHours')} name="maxAnswerHours" />
          <TextField id="u-staffingRatio" label={t('provider.unit.staffingRatio')} value={form.staffingRatio} onChange={set('staffingRatio')} name="staffingRatio" />
          <Checkbox id="u-secureSetting" label={t('provider.unit.secureSetting')} checked={form.secureSetting} onChange={set('secureSetting')} />
          <Checkbox id="u-therapyInHouse" label={t('provider.unit.therapyInHouse')} checked={form.therapyInHouse} onChange={set('therapyInHouse')} />
          <Checkbox id="u-schoolingOnSite" label={t('provider.unit.schoolingOnSite')} checked={form.schoolingOnSite} onChange={set('schoolingOnSite')} />
          <Checkbox id="u-stepFree" label={t('provider.unit.stepFree')} checked={form.stepFree} onChange={set('stepFree')} />
          <TextField id="u-dailyRate" type="number" label={t('provider.unit.dailyRate')} value={form.dailyRate} onChange={set('dailyRate')} name="dailyRate" />
          <Checkbox id="u-agreementPresent" label={t('provider.unit.agreementPresent')} checked={form.agreementPresent} onChange={set('agreementPresent')} />
          <Checkbox id="u-licencePresent" label={t('provider.unit.licencePresent')} checked={form.licencePresent} onChange={set('licencePresent')} />
        </Section>
        <Section id="sec-places" title={t('provider.unit.sections.places')}>
          <TextField
            id="u-capacityTotal"
            type="number"
            label={t('provider.unit.capacityTotal')}
            hint={t('provider.unit.capacityHint')}
            value={form.capacityTotal}
            onChange={set('capacityTotal')}
            name="capacityTotal"
          />
          {isNew && form.capacityTotal.trim() !== '' && (
            <TextField id="u-freePlaces" type="number" label={t('provider.unit.freePlaces')} value={form.freePlaces} onChange={set('freePlaces')} name="freePlaces" />
          )}
          <fieldset className="check-group">
            <legend>{t('provider.unit.residents')}</legend>
            <div className="field-row">
              <TextField id="u-residentsAgeMin" type="number" label={t('provider.unit.residentsAgeMin')} value={form.residentsAgeMin} onChange={set('residentsAgeMin')} name="residentsAgeMin" />
              <TextField id="u-residentsAgeMax" type="number" label={t('provider.unit.residentsAgeMax')} value={form.residentsAgeMax} onChange={set('residentsAgeMax')} name="residentsAgeMax" />
            </div>
            <div className="field-row">
              <TextField id="u-residentsFemale" type="number" label={t('provider.unit.residentsFemale')} value={form.residentsFemale} onChange={set('residentsFemale')} name="residentsFemale" />
              <TextField id="u-residentsMale" type="number" label={t('provider.unit.residentsMale')} value={form.residentsMale} onChange={set('residentsMale')} name="residentsMale" />
              <TextField id="u-residentsDiverse" type="number" label={t('provider.unit.residentsDiverse')} value={form.residentsDiverse} onChange={set('residentsDiverse')} name="residentsDiverse" />
            </div>
          </fieldset>
        </Section>
        <Section id="sec-location" title={t('provider.unit.sections.location')}>
          {foster ? (
            <fieldset className="check-group">
              <legend>{t('provider.unit.fosterAddress')}</legend>
              <p className="hint">{t('provider.unit.fosterHint')}</p>
              <TextField id="u-street" label={t('provider.unit.street')} value={form.street} onChange={set('street')} name="fosterAddress.street" autoComplete="off" required />
              <TextField id="u-postcode" label={t('provider.unit.postcode')} value={form.postcode} onChange={set('postcode')} name="fosterAddress.postcode" autoComplete="off" required />
              <TextField id="u-city" label={t('provider.unit.city')} value={form.city} onChange={set('city')} name="fosterAddress.city" autoComplete="off" required />
              <SelectField id="u-district" label={t('provider.unit.district')} value={form.districtAgs} onChange={set('districtAgs')} name="districtAgs">
                <option value="">{t('provider.unit.chooseDistrict')}</option>
                {districts.map((d) => (
                  <option key={d.ags} value={d.ags}>
                    {d.name}
                  </option>
                ))}
              </SelectField>
            </fieldset>
          ) : (
            <>
              <SelectField id="u-facility" label={t('provider.unit.facility')} value={form.facilityId} onChange={set('facilityId')} name="facilityId" required>
                <option value="">{t('provider.unit.chooseFacility')}</option>
                {facilities.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.name}
                    {f.city ? ` (${f.city})` : ''}
                  </option>
                ))}
              </SelectField>
              <p className="hint">{t('provider.unit.locationFromFacility')}</p>
            </>
          )}
        </Section>
        <Section id="sec-contact" title={t('provider.unit.sections.contact')}>
          <TextField id="u-contactPhone" type="tel" label={t('provider.unit.contactPhone')} value={form.contactPhone} onChange={set('contactPhone')} name="contactPhone" />
          <TextField id="u-contactEmail" type="email" label={t('provider.unit.contactEmail')} value={form.contactEmail} onChange={set('contactEmail')} name="contactEmail" />
          <TextField id="u-externalRef" label={t('provider.unit.externalRef')} value={form.externalRef} onChange={set('externalRef')} name="externalRef" />
        </Section>
        <div className="form-actions">
          <button type="submit" className="primary" aria-disabled={busy || undefined} disabled={!!unit?.archivedAt}>
            {busy ? t('provider.common.saving') : t('provider.common.save')}
          </button>
          {unit && !unit.archivedAt && (
            <button type="button" onClick={() => void archive()}>
              {t('provider.common.archive')}
            </button>
          )}
        </div>
      </Form>
    </div>
  );
}
