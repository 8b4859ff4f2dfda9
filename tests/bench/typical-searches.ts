import type { SearchCriteriaInput } from '../../shared/schemas/search';
import { rng } from '../../server/demo/generate';

/** The typical search of a caseworker: § 34, a child's age and gender, 50 km around a postcode. */
export function typicalSearches(n: number, postcodes: string[]): SearchCriteriaInput[] {
  const r = rng(99);
  return Array.from({ length: n }, () => ({
    serviceType: '34',
    age: r.int(8, 17),
    gender: r.pick(['female', 'male'] as const),
    reference: { postcode: r.pick(postcodes) },
    radiusKm: 50,
    ...(r.chance(0.3) ? { preferences: { languages: [r.pick(['ar', 'uk', 'tr'])] } } : {}),
  }));
}
