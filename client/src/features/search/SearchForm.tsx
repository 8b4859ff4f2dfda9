import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchCriteriaInput } from '../../../../shared/schemas/search';
import { Checkbox, CheckboxGroup, Form, SelectField, TextField } from '../../components/form';
import type { ApiError } from '../../lib/api';
import { termName, type Taxonomies } from '../../lib/taxonomies';

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
  /** Not criteria: the case this search is for, and the name of an open search. */
  caseRef: string;
  name: string;
  hidePaused: boolean;
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
  caseRef: '',
  name: '',
  hidePaused: false,
};

/** Form fields → the API's criteria. Numbers stay as typed so the server names what is wrong. */
export function toCriteria(f: FormState): SearchCriteriaInput {
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  const ref = f.reference.trim();
  return {
    serviceType: f.serviceType || undefined,
    age: num(f.age),
    gender: (f.gender || undefined) as SearchCriteriaInput['gender'],
    needs: f.needs,
    conditions: f.conditions,
    secureSetting: f.secureSetting,
    siblings: num(f.siblings) ?? 0,
    emergencyIntake: f.emergencyIntake,
    availableBy: f.availableBy || undefined,
    // "50667" and "50667 Köln" (a choice offered for an ambiguous town) are postcodes
    reference: ref ? (/^\d+$/.test(ref) ? { postcode: ref } : /^\d{5}\s/.test(ref) ? { postcode: ref.slice(0, 5) } : { town: ref }) : undefined,
    radiusKm: num(f.radiusKm),
    preferences: { languages: f.languages, specialisations: f.specialisations, maxDailyRate: num(f.maxDailyRate) },
    includeStale: f.includeStale,
    includePaused: !f.hidePaused,
  };
}

/** The API's criteria → form fields (an open search reopened, a search from the address bar). */
export function fromCriteria(c: SearchCriteriaInput, extra: { caseRef?: string | null; name?: string | null; referenceLabel?: string | null } = {}): FormState {
  const r = c.reference;
  return {
    ...EMPTY_FORM,
    serviceType: c.serviceType ?? '',
    age: c.age === undefined ? '' : String(c.age),
    gender: c.gender ?? '',
    needs: c.needs ?? [],
    conditions: c.conditions ?? [],
    secureSetting: !!c.secureSetting,
    siblings: String(c.siblings ?? 0),
    emergencyIntake: !!c.emergencyIntake,
    availableBy: c.availableBy ?? '',
    reference: r?.postcode ?? r?.town ?? extra.referenceLabel ?? '',
    radiusKm: c.radiusKm === undefined ? '' : String(c.radiusKm),
    languages: c.preferences?.languages ?? [],
    specialisations: c.preferences?.specialisations ?? [],
    maxDailyRate: c.preferences?.maxDailyRate === undefined ? '' : String(c.preferences.maxDailyRate),
    includeStale: !!c.includeStale,
    hidePaused: c.includePaused === false,
    caseRef: extra.caseRef ?? '',
    name: extra.name ?? '',
  };
}

type Terms = { code: string; nameDe: string; nameEn: string }[];

export function SearchForm(props: {
  taxonomies: Taxonomies | null;
  initial: FormState;
  error: ApiError | null;
  busy: boolean;
  hidden?: boolean;
  onSearch: (f: FormState, keepOpen: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const [f, setF] = useState(props.initial);
  const [keepOpen, setKeepOpen] = useState(false);
  const tx = props.taxonomies;
  const set = <K extends keyof FormState>(key: K) => (v: FormState[K]) => setF((cur) => ({ ...cur, [key]: v }));
  const num = { type: 'number', inputMode: 'numeric' } as const;
  const opts = (terms: Terms) => terms.map((term) => ({ code: term.code, label: termName(term, i18n.language) }));
  const checks = (key: 'needs' | 'conditions' | 'languages' | 'specialisations', legend: string, terms: Terms, name: string = key) =>
    tx && <CheckboxGroup id={`s-${key}`} name={name} legend={legend} options={opts(terms)} value={f[key]} onChange={set(key)} />;
  // an ambiguous town: the places it may mean, each one click away ("50667 Köln" is sent as its postcode)
  const ambiguous = props.error?.issues.find((i) => i.code === 'ambiguous_town');
  const choices = Array.isArray(ambiguous?.params?.options) ? ambiguous.params.options : [];
  function submit(e: FormEvent) {
    e.preventDefault();
    props.onSearch(f, keepOpen);
  }
  return (
    <Form onSubmit={submit} error={props.error} prefix="body.criteria." className="search-form" aria-label={t('search.criteria')} hidden={props.hidden}>
      <h2>{t('search.hard')}</h2>
      <SelectField id="s-type" name="serviceType" label={t('search.serviceType')} value={f.serviceType} onChange={set('serviceType')}>
        <option value="">{t('search.any')}</option>
        {tx?.serviceTypes
          .filter((s) => s.marketplace)
          .map((s) => (
            <option key={s.code} value={s.code}>
              {s.section} – {termName(s, i18n.language)}
            </option>
          ))}
      </SelectField>
      <TextField id="s-age" name="age" label={t('search.age')} hint={t('search.ageHint')} {...num} value={f.age} onChange={set('age')} />
      <SelectField id="s-gender" name="gender" label={t('search.gender')} value={f.gender} onChange={set('gender')}>
        <option value="">{t('search.any')}</option>
        {(['female', 'male', 'diverse'] as const).map((g) => (
          <option key={g} value={g}>
            {t(`search.genders.${g}`)}
          </option>
        ))}
      </SelectField>
      <TextField id="s-ref" name="reference" label={t('search.reference')} hint={t('search.referenceHint')} value={f.reference} onChange={set('reference')} />
      {choices.length > 0 && (
        <fieldset className="town-choices">
          <legend>{t('search.townChoice')}</legend>
          {choices.map((c) => (
            <button key={c} type="button" aria-pressed={f.reference === c} onClick={() => set('reference')(c)}>
              {c}
            </button>
          ))}
        </fieldset>
      )}
      <TextField id="s-radius" name="radiusKm" label={t('search.radius')} {...num} value={f.radiusKm} onChange={set('radiusKm')} />
      <TextField id="s-by" name="availableBy" label={t('search.availableBy')} type="date" value={f.availableBy} onChange={set('availableBy')} />
      <TextField id="s-siblings" name="siblings" label={t('search.siblings')} {...num} value={f.siblings} onChange={set('siblings')} />
      <Checkbox id="s-emergencyIntake" label={t('search.emergencyIntake')} checked={f.emergencyIntake} onChange={set('emergencyIntake')} />
      <Checkbox id="s-secureSetting" label={t('search.secureSetting')} checked={f.secureSetting} onChange={set('secureSetting')} />
      {checks('needs', t('search.needs'), tx?.specialisations ?? [])}
      {checks('conditions', t('search.conditions'), tx?.exclusions ?? [])}
      <details>
        <summary>{t('search.prefs')}</summary>
        {checks('languages', t('search.languages'), tx?.languages ?? [], 'preferences.languages')}
        {checks('specialisations', t('search.moreSpecialisations'), tx?.specialisations ?? [], 'preferences.specialisations')}
        <TextField id="s-rate" name="preferences.maxDailyRate" label={t('search.maxRate')} {...num} value={f.maxDailyRate} onChange={set('maxDailyRate')} />
        <Checkbox id="s-includeStale" label={t('search.includeStale')} checked={f.includeStale} onChange={set('includeStale')} />
        <Checkbox id="s-hidePaused" label={t('search.hidePaused')} checked={f.hidePaused} onChange={set('hidePaused')} />
      </details>
      <TextField id="s-caseRef" name="caseRef" label={t('search.caseRef')} hint={t('search.caseRefHint')} value={f.caseRef} onChange={set('caseRef')} />
      <Checkbox id="s-keepOpen" label={t('search.keepOpen')} checked={keepOpen} onChange={setKeepOpen} />
      {keepOpen && <TextField id="s-name" name="name" label={t('search.name')} hint={t('search.nameHint')} value={f.name} onChange={set('name')} />}
      <button type="submit" className="primary" aria-disabled={props.busy || undefined}>
        {t('search.search')}
      </button>
    </Form>
  );
}
