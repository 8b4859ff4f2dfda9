import type { TFunction } from 'i18next';
import type { Taxonomies } from '../../lib/taxonomies';
import { termName } from '../../lib/taxonomies';

/** Names for the codes of a figure's rows, in the reader's language (never a raw code on screen). */
export function makeLabels(t: TFunction, tax: Taxonomies | null, lang: string) {
  const find = (list: { code: string; nameDe: string; nameEn: string }[] | undefined, code: string) => {
    const term = list?.find((x) => x.code === code);
    return term ? termName(term, lang) : code;
  };
  return {
    serviceType: (c: string | null) => (c === null || c === 'any' || c === 'all' ? t('monitoring.anyType') : find(tax?.serviceTypes, c)),
    gender: (c: string | null) => (c === null || c === 'any' ? t('monitoring.anyGender') : find(tax?.genders, c)),
    need: (c: string) => find(tax?.specialisations, c),
    ageBand: (c: string) => (c === 'any' ? t('monitoring.anyAge') : t('monitoring.years', { band: c.replace('-', '–') })),
    kind: (c: string) => t(`monitoring.kind.${c}`),
    hour: (c: string) => t('monitoring.hour', { hour: c.padStart(2, '0') }),
    urgency: (c: string) => t(`monitoring.urgency.${c}`),
    constraint: (c: string | null) => (c === null ? '–' : t(`monitoring.constraint.${c}`)),
    reason: (c: string) => t(`monitoring.reason.${c}`, { defaultValue: c }),
  };
}
export type Labels = ReturnType<typeof makeLabels>;
