import type { Taxonomies } from '../../../shared/schemas/taxonomies';
import { api } from './api';
import { useApiData } from './use-api';

export type { Taxonomies };

export const fetchTaxonomies = () => api<Taxonomies>('GET', '/api/v1/taxonomies');

/** The controlled vocabularies (service types, needs, languages, ...), shared by every form that offers them. */
export function useTaxonomies() {
  return useApiData(fetchTaxonomies, []).data;
}

/** A term's name in the reader's language. */
export const termName = (term: { nameDe: string; nameEn: string }, lang: string) => (lang === 'en' ? term.nameEn : term.nameDe);
