import {
  RELAXABLE_FILTERS,
  type DirectoryAlternatives,
  type DirectoryOffer,
  type DirectoryOrigin,
  type DirectorySearchQuery,
  type RelaxableFilter,
} from '../../../shared/schemas/directory';
import { NATIONAL_HELP_NUMBERS } from '../../../shared/help-numbers';
import type { AppContext } from '../../context';
import { selectOffices, selectPostcodeDistricts, selectRelatedTypes, selectTypesNamedBy } from './alternatives-queries';
import { foldTerms } from './fold';
import { listListedServiceTypes, resolveTerms, type OfferCriteria } from './queries';

/** How many of the nearest offers without a filter are shown. */
const RELAXED_LIMIT = 5;

export type SearchCriteria = Omit<OfferCriteria, 'terms'> & { q?: string };
/** The directory's search, as the directory answers it. */
export type FindOffers = (c: SearchCriteria, limit: number) => Promise<{ total: number; items: DirectoryOffer[] }>;

/** The search's criteria with one filter dropped, or null where dropping it leaves nothing to look for. */
function without(q: DirectorySearchQuery, origin: DirectoryOrigin | null, drop: RelaxableFilter): SearchCriteria | null {
  const set: Record<RelaxableFilter, boolean> = {
    radiusKm: !!origin && q.radiusKm !== undefined,
    language: !!q.language,
    age: q.age !== undefined,
    district: !!q.district,
    types: !!q.types?.length,
    q: !!q.q?.trim(),
  };
  if (!set[drop]) return null;
  // words and types say what is looked for: one of them must stay
  if ((drop === 'q' && !set.types) || (drop === 'types' && !set.q)) return null;
  const keep = (f: RelaxableFilter) => f !== drop;
  return {
    q: keep('q') ? q.q : undefined,
    types: keep('types') ? q.types : undefined,
    ageMin: keep('age') ? q.age : undefined,
    ageMax: keep('age') ? q.age : undefined,
    language: keep('language') ? q.language : undefined,
    district: keep('district') ? q.district : undefined,
    near: origin ? { lat: origin.lat, lon: origin.lon, radiusKm: keep('radiusKm') ? q.radiusKm : undefined } : undefined,
  };
}

/** The districts whose office should be named: the district filter, else the postcode's (field or words). */
async function districtsOf(ctx: AppContext, q: DirectorySearchQuery): Promise<string[]> {
  if (q.district) return [q.district];
  const code = q.postcode ?? q.q?.match(/(?:^|\D)(\d{5})(?:\D|$)/)?.[1];
  return code ? selectPostcodeDistricts(ctx.sql, code) : [];
}

/**
 * Where a search that found nothing leads: related types of service (same group, offered by someone),
 * the nearest offers once one filter is dropped (which one is said), the district's youth welfare
 * office, and the nationwide help numbers.
 */
export async function findAlternatives(
  ctx: AppContext,
  q: DirectorySearchQuery,
  origin: DirectoryOrigin | null,
  find: FindOffers,
): Promise<DirectoryAlternatives> {
  const named = await ctx.sql.begin(async (tx) => selectTypesNamedBy(tx, await resolveTerms(tx, foldTerms(q.q))));
  const wanted = [...new Set([...(q.types ?? []), ...named])];
  const [related, offered, offices] = await Promise.all([
    selectRelatedTypes(ctx.sql, wanted),
    listListedServiceTypes(ctx.sql),
    districtsOf(ctx, q).then((d) => selectOffices(ctx.sql, d)),
  ]);
  const inUse = new Set(offered);
  let relaxed: DirectoryAlternatives['relaxed'] = null;
  for (const drop of RELAXABLE_FILTERS) {
    const c = without(q, origin, drop);
    if (!c) continue;
    const r = await find(c, RELAXED_LIMIT);
    if (r.total > 0) {
      relaxed = { dropped: drop, total: r.total, items: r.items };
      break;
    }
  }
  return {
    relatedTypes: related
      .filter((t) => inUse.has(t.code))
      .map((t) => ({ code: t.code, section: t.section, nameDe: t.nameDe, nameEn: t.nameEn, group: { code: t.groupCode, nameDe: t.groupNameDe, nameEn: t.groupNameEn } })),
    relaxed,
    offices,
    helpNumbers: NATIONAL_HELP_NUMBERS.map((n) => ({ id: n.id, phone: n.phone, nameDe: n.name.de, nameEn: n.name.en })),
  };
}
