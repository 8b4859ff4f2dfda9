import type { DirectoryOffice } from '../../../shared/schemas/directory';
import type { Db } from '../../db';
import type { SearchTerm, TermRow } from './queries';

/**
 * Codes of the types of service whose names or common words contain one of the search words (the
 * stem of a known word, or one of the known words a misspelt one resembles).
 */
export async function selectTypesNamedBy(db: Db, terms: SearchTerm[]): Promise<string[]> {
  const patterns = terms.flatMap((t) => (t.similar ?? [t.stem.length >= 4 ? t.stem : t.term])).map((w) => `%${w}%`);
  if (!patterns.length) return [];
  const rows = await db<{ code: string }[]>`
    select code from service_types
    where directory_fold(concat_ws(' ', name_de, name_en, keywords)) like any (${patterns}::text[])
    order by sort, code`;
  return rows.map((r) => r.code);
}

export interface RelatedTypeRow {
  code: string;
  section: string;
  nameDe: string;
  nameEn: string;
  groupCode: string;
  groupNameDe: string;
  groupNameEn: string;
}

/** The other types of service in the groups of `codes`, by group and sort order. */
export async function selectRelatedTypes(db: Db, codes: string[]): Promise<RelatedTypeRow[]> {
  if (!codes.length) return [];
  return db<RelatedTypeRow[]>`
    select st.code, st.section, st.name_de, st.name_en, g.code as group_code, g.name_de as group_name_de, g.name_en as group_name_en
    from service_types st join service_groups g on g.code = st.group_code
    where st.group_code in (select group_code from service_types where code = any (${codes}::text[]))
      and st.code <> all (${codes}::text[])
    order by g.sort, st.sort, st.code`;
}

/** The districts a postcode belongs to (several where a postcode spans a district border). */
export async function selectPostcodeDistricts(db: Db, code: string): Promise<string[]> {
  const rows = await db<{ districtAgs: string }[]>`select district_ags from postcode_districts where code = ${code} order by district_ags`;
  return rows.map((r) => r.districtAgs);
}

/** Youth welfare offices of these districts, with their public contact data. */
export async function selectOffices(db: Db, districts: string[]): Promise<DirectoryOffice[]> {
  if (!districts.length) return [];
  return db<DirectoryOffice[]>`
    select o.id, o.name, d.ags as district_ags, d.name as district_name, o.phone, o.emergency_phone, o.email::text as email,
      o.website, o.street, o.postcode, o.city
    from organisations o join districts d on d.ags = o.district_ags
    where o.kind = 'office' and o.district_ags = any (${districts}::text[])
    order by d.name, o.created_at, o.id
    limit 4`;
}

/** The groups of the types of service, in their order. */
export async function listServiceGroups(db: Db): Promise<TermRow[]> {
  return db<TermRow[]>`select code, name_de, name_en from service_groups order by sort, code`;
}
