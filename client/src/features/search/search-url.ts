import type { FormState } from './SearchForm';

/**
 * The search form in the address bar, so reload, back and forward keep it (and the request
 * composer can take the child's criteria from it). German names, lists comma-separated; a field
 * left empty is left out.
 */
const TEXT: [keyof FormState, string][] = [
  ['serviceType', 'leistung'],
  ['age', 'alter'],
  ['gender', 'geschlecht'],
  ['siblings', 'geschwister'],
  ['availableBy', 'ab'],
  ['reference', 'ort'],
  ['radiusKm', 'km'],
  ['maxDailyRate', 'satz'],
  ['caseRef', 'az'],
  ['name', 'name'],
];
const LISTS: [keyof FormState, string][] = [
  ['needs', 'bedarf'],
  ['conditions', 'ausschluss'],
  ['languages', 'sprachen'],
  ['specialisations', 'spez'],
];
const FLAGS: [keyof FormState, string][] = [
  ['secureSetting', 'geschlossen'],
  ['emergencyIntake', 'notaufnahme'],
  ['includeStale', 'alle'],
  ['hidePaused', 'ohnestopp'],
];

/** The URL parameters that hold the form (anything else, like the selection, is kept aside). */
export const FORM_KEYS = [...TEXT, ...LISTS, ...FLAGS].map(([, k]) => k);

export function formToParams(f: FormState, base = new URLSearchParams()): URLSearchParams {
  const p = new URLSearchParams(base);
  for (const k of FORM_KEYS) p.delete(k);
  for (const [field, key] of TEXT) {
    const v = String(f[field] ?? '').trim();
    if (v && !(field === 'siblings' && v === '0')) p.set(key, v);
  }
  for (const [field, key] of LISTS) if ((f[field] as string[]).length) p.set(key, (f[field] as string[]).join(','));
  for (const [field, key] of FLAGS) if (f[field]) p.set(key, '1');
  return p;
}

export function paramsToForm(p: URLSearchParams, empty: FormState): FormState {
  const f: FormState = { ...empty };
  for (const [field, key] of TEXT) {
    const v = p.get(key);
    if (v !== null) (f as unknown as Record<string, string>)[field] = v;
  }
  for (const [field, key] of LISTS) {
    const v = p.get(key);
    if (v) (f as unknown as Record<string, string[]>)[field] = v.split(',').filter(Boolean);
  }
  for (const [field, key] of FLAGS) if (p.get(key) === '1') (f as unknown as Record<string, boolean>)[field] = true;
  return f;
}

/** Has the URL a search in it (any criterion)? Then the page runs it when it opens. */
export const hasSearch = (p: URLSearchParams) => p.get('los') === '1';

/** The form part of the URL as a string, to tell a new search from a change of page or selection. */
export const formKey = (p: URLSearchParams) => new URLSearchParams(FORM_KEYS.filter((k) => p.has(k)).map((k) => [k, p.get(k)!])).toString();
