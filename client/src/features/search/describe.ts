import type { TFunction } from 'i18next';
import type { SearchResult } from '../../../../shared/schemas/search';
import { termName, type Taxonomies } from '../../lib/taxonomies';
import type { FormState } from './SearchForm';

type Json = SearchResult['match']['reasons'][number]['wanted'];
type Reason = SearchResult['match']['reasons'][number];
type Check = SearchResult['match']['preferencesMet'][number];
type Kind = 'serviceTypes' | 'specialisations' | 'exclusions' | 'languages' | 'genders';

/**
 * Explanations and summaries in the reader's language: taxonomy codes become their labels,
 * numbers get German units ("3,3 km", "14 Jahre"), dates are written out. Never a raw code.
 */
export function describer(t: TFunction, lang: string, tx: Taxonomies | null) {
  const label = (kind: Kind, code: string) => {
    const term = tx?.[kind].find((x) => x.code === code);
    if (!term) return kind === 'genders' ? t(`search.genders.${code}`, { defaultValue: t('search.unknownTerm') }) : t('search.unknownTerm');
    return kind === 'serviceTypes' && 'section' in term ? `${term.section} ${termName(term, lang)}` : termName(term, lang);
  };
  const labels = (kind: Kind, v: Json) => (Array.isArray(v) ? (v.length ? v.map((c) => label(kind, c)).join(', ') : t('search.none')) : typeof v === 'string' ? label(kind, v) : t('search.none'));
  const km = (v: number) => t('search.distance', { km: v.toLocaleString(lang, { maximumFractionDigits: 1 }) });
  const date = (iso: string) => new Date(iso).toLocaleDateString(lang);
  const yesNo = (v: Json) => (v ? t('search.yes') : t('search.no'));

  /** "1 now", "2 by 2026-12-01", "3 now", "from 2026-12-01" (the API's availability wording). */
  function availability(v: Json): string {
    const s = String(v);
    let m = s.match(/^(\d+) now$/);
    if (m) return t('search.avail.now', { count: Number(m[1]) });
    m = s.match(/^(\d+) by (\d{4}-\d{2}-\d{2})$/);
    if (m) return t('search.avail.by', { count: Number(m[1]), date: date(m[2]) });
    m = s.match(/^from (\d{4}-\d{2}-\d{2})$/);
    if (m) return t('search.avail.from', { date: date(m[1]) });
    return s;
  }

  function value(criterion: Reason['criterion'] | Check['preference'], side: 'wanted' | 'actual', v: Json): string {
    switch (criterion) {
      case 'serviceType':
        return labels('serviceTypes', v);
      case 'age':
        return side === 'wanted' ? t('search.years', { count: Number(v) }) : t('search.ageRange', { range: String(v).replace('-', ' – ') });
      case 'gender':
        return labels('genders', v);
      case 'needs':
      case 'specialisation':
        return labels('specialisations', v);
      case 'conditions':
        return side === 'wanted' ? labels('exclusions', v) : Array.isArray(v) && v.length ? t('search.excludes', { list: labels('exclusions', v) }) : t('search.excludesNone');
      case 'language':
        return labels('languages', v);
      case 'secureSetting':
      case 'emergencyIntake':
        return yesNo(v);
      case 'siblings':
        return side === 'wanted' ? t('search.children', { count: Number(v) }) : t('search.upToChildren', { count: Number(v) });
      case 'availability':
        return availability(v);
      case 'distance':
        return v === null ? t('search.none') : side === 'wanted' ? t('search.atMost', { value: km(Number(v)) }) : km(Number(v));
      case 'freshness':
        if (typeof v === 'number') return t('search.withinDays', { count: v });
        if (v === 'any') return t('search.freshAny');
        if (v === 'not stale') return t('search.freshNotStale');
        if (v === 'fresh' || v === 'unconfirmed' || v === 'stale') return t(`search.freshness.${v}`);
        return typeof v === 'string' ? date(v) : t('search.none');
      case 'dailyRate':
        return v === null ? t('search.rateUnknown') : t('search.euro', { value: Number(v).toLocaleString(lang, { minimumFractionDigits: 2 }) });
      default:
        return t('search.none');
    }
  }

  return {
    label,
    labels,
    km,
    reason: (r: Reason) => `${t(`search.criterion.${r.criterion}`)}: ${t('search.wanted', { wanted: value(r.criterion, 'wanted', r.wanted) })}; ${t('search.actual', { actual: value(r.criterion, 'actual', r.actual) })}`,
    check: (c: Check, withWanted: boolean) =>
      withWanted ? `${t(`search.preference.${c.preference}`)} (${t('search.wanted', { wanted: value(c.preference, 'wanted', c.wanted) })})` : `${t(`search.preference.${c.preference}`)}: ${value(c.preference, 'actual', c.actual)}`,
    /** One line for a search: "§ 34 Heimerziehung · 14 Jahre · männlich · 50667 Köln · höchstens 20 km". */
    summary(f: FormState): string {
      return [
        f.serviceType && label('serviceTypes', f.serviceType),
        f.age ? t('search.years', { count: Number(f.age) }) : t('search.allAges'),
        f.gender && label('genders', f.gender),
        f.needs.length > 0 && labels('specialisations', f.needs),
        f.conditions.length > 0 && t('search.notWith', { list: labels('exclusions', f.conditions) }),
        Number(f.siblings) >= 2 && t('search.children', { count: Number(f.siblings) }),
        f.reference,
        f.radiusKm && t('search.atMost', { value: km(Number(f.radiusKm)) }),
        f.availableBy && t('search.freeBy', { date: date(f.availableBy) }),
      ]
        .filter(Boolean)
        .join(' · ');
    },
  };
}
export type Describer = ReturnType<typeof describer>;
