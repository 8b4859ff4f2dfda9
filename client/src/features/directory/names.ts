import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryFacets } from '../../../../shared/schemas/directory';
import { getFacets } from './api';

/** Names of taxonomy codes, dates and numbers in the current language. */
export function useNames() {
  const { i18n } = useTranslation();
  const [facets, setFacets] = useState<DirectoryFacets | null>(null);
  useEffect(() => {
    getFacets().then(setFacets, () => {});
  }, []);
  const de = i18n.language === 'de';
  const locale = de ? 'de-DE' : 'en-GB';
  const term = (x: { nameDe: string; nameEn: string }) => (de ? x.nameDe : x.nameEn);
  return {
    term,
    type: (s: { nameDe: string; nameEn: string; section: string }) => `${term(s)} (${s.section})`,
    language: (code: string) => {
      const l = facets?.languages.find((x) => x.code === code);
      return l ? term(l) : code;
    },
    date: (iso: string) => new Date(iso).toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric' }),
    number: (x: number) => x.toLocaleString(locale, { maximumFractionDigits: 1 }),
  };
}
