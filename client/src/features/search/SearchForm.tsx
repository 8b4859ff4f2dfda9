import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchCriteriaInput } from '../../../../shared/schemas/search';
import type { ApiError } from '../../lib/api';
import type { Taxonomies } from './api';

export interface FormState {
  serviceType: string;
  age: string;
  gender: string;
  needs: string[];
  conditions: string[];
  secureSetting: boolean;
  siblings: string;
  emergencyIntake: boolean;
  availableBy: string;
  reference: string;
  radiusKm: string;
  languages: string[];
  specialisations: string[];
  maxDailyRate: string;
  includeStale: boolean;
}

export const EMPTY_FORM: FormState = {
  serviceType: '',
  age: '',
  gender: '',
  needs: [],
  conditions: [],
  secureSetting: false,
  siblings: '0',
  emergencyIntake: false,
  availableBy: '',
  reference: '',
  radiusKm: '',
  languages: [],
  specialisations: [],
  maxDailyRate: '',
  includeStale: false,
};

/** Form fields → the API's criteria. Numbers stay as typed so the server names what is wrong. */
export function toCriteria(f: FormState): SearchCriteriaInput {
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  const ref = f.reference.trim();
  return {
    serviceType: f.serviceType || undefined,
    age: num(f.age) as number,
    gender: (f.gender || undefined) as SearchCriteriaInput['gender'],
    needs: f.needs,
    conditions: f.conditions,
    secureSetting: f.secureSetting,
    siblings: num(f.siblings) ?? 0,
    emergencyIntake: f.emergencyIntake,
    availableBy: f.availableBy || undefined,
    reference: ref ? (/^\d+$/.test(ref) ? { postcode: ref } : { town: ref }) : undefined,
    radiusKm: num(f.radiusKm),
    preferences: { languages: f.languages, specialisations: f.specialisations, maxDailyRate: num(f.maxDailyRate) },
    includeStale: f.includeStale,
  };
}

function Checks({ legend, terms, value, onChange, lang, name }: { legend: string; terms: { code: string; nameDe: string; nameEn: string }[]; value: string[]; onChange: (v: string[]) => void; lang: string; name: string }) {
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {terms.map((t) => (
        <label key={t.code}>
          <input type="checkbox" name={name} checked={value.includes(t.code)} onChange={() => onChange(value.includes(t.code) ? value.filter((c) => c !== t.code) : [...value, t.code])} />
          {lang === 'en' ? t.nameEn : t.nameDe}
        </label>
      ))}
    </fieldset>
  );
}

export function SearchForm(props: { taxonomies: Taxonomies | null; initial: FormState; error: ApiError | null; busy: boolean; onSearch: (f: FormState, keepOpen: boolean) => void }) {
  const { t, i18n } = useTranslation();
  const [f, setF] = useState(props.initial);
  const [keepOpen, setKeepOpen] = useState(false);
  const tx = props.taxonomies;
  const fe = (path: string) => props.error?.issues.find((i) => i.path === `body.criteria.${path}` || i.path.startsWith(`body.criteria.${path}.`))?.message;
  const input = (id: string, key: keyof FormState, label: string, type = 'text', hint?: string, errPath = key as string) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        type={type}
        inputMode={type === 'number' ? 'numeric' : undefined}
        value={f[key] as string}
        onChange={(e) => setF({ ...f, [key]: e.target.value })}
        aria-invalid={fe(errPath) ? true : undefined}
        aria-describedby={[hint ? `${id}-hint` : '', fe(errPath) ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
      />
      {fe(errPath) && (
        <p id={`${id}-error`} className="field-error">
          {fe(errPath)}
        </p>
      )}
    </div>
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    props.onSearch(f, keepOpen);
  }
  return (
    <form onSubmit={submit} noValidate className="search-form" aria-label={t('search.criteria')}>
      <h2>{t('search.hard')}</h2>
      <div className="field">
        <label htmlFor="s-type">{t('search.serviceType')}</label>
        <select id="s-type" value={f.serviceType} onChange={(e) => setF({ ...f, serviceType: e.target.value })}>
          <option value="">{t('search.any')}</option>
          {tx?.serviceTypes
            .filter((s) => s.marketplace)
            .map((s) => (
              <option key={s.code} value={s.code}>
                {s.section} – {i18n.language === 'en' ? s.nameEn : s.nameDe}
              </option>
            ))}
        </select>
      </div>
      {input('s-age', 'age', t('search.age'), 'number')}
      <div className="field">
        <label htmlFor="s-gender">{t('search.gender')}</label>
        <select id="s-gender" value={f.gender} onChange={(e) => setF({ ...f, gender: e.target.value })}>
          <option value="">{t('search.any')}</option>
          {(['female', 'male', 'diverse'] as const).map((g) => (
            <option key={g} value={g}>
              {t(`search.genders.${g}`)}
            </option>
          ))}
        </select>
      </div>
      {input('s-ref', 'reference', t('search.reference'), 'text', t('search.referenceHint'))}
      {input('s-radius', 'radiusKm', t('search.radius'), 'number')}
      {input('s-by', 'availableBy', t('search.availableBy'), 'date')}
      {input('s-siblings', 'siblings', t('search.siblings'), 'number')}
      <label className="check">
        <input type="checkbox" checked={f.emergencyIntake} onChange={(e) => setF({ ...f, emergencyIntake: e.target.checked })} /> {t('search.emergencyIntake')}
      </label>
      <label className="check">
        <input type="checkbox" checked={f.secureSetting} onChange={(e) => setF({ ...f, secureSetting: e.target.checked })} /> {t('search.secureSetting')}
      </label>
      {tx && <Checks legend={t('search.needs')} name="needs" terms={tx.specialisations} value={f.needs} onChange={(v) => setF({ ...f, needs: v })} lang={i18n.language} />}
      {tx && <Checks legend={t('search.conditions')} name="conditions" terms={tx.exclusions} value={f.conditions} onChange={(v) => setF({ ...f, conditions: v })} lang={i18n.language} />}
      <details>
        <summary>{t('search.prefs')}</summary>
        {tx && <Checks legend={t('search.languages')} name="languages" terms={tx.languages} value={f.languages} onChange={(v) => setF({ ...f, languages: v })} lang={i18n.language} />}
        {tx && <Checks legend={t('search.moreSpecialisations')} name="specialisations" terms={tx.specialisations} value={f.specialisations} onChange={(v) => setF({ ...f, specialisations: v })} lang={i18n.language} />}
        {input('s-rate', 'maxDailyRate', t('search.maxRate'), 'number', undefined, 'preferences.maxDailyRate')}
        <label className="check">
          <input type="checkbox" checked={f.includeStale} onChange={(e) => setF({ ...f, includeStale: e.target.checked })} /> {t('search.includeStale')}
        </label>
      </details>
      <label className="check">
        <input type="checkbox" checked={keepOpen} onChange={(e) => setKeepOpen(e.target.checked)} /> {t('search.keepOpen')}
      </label>
      <button type="submit" className="primary" disabled={props.busy}>
        {t('search.search')}
      </button>
    </form>
  );
}
