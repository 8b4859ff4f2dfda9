import type { AddTermBody, ExtensibleTaxonomy, ServiceType, Taxonomies, Term } from '../../../shared/schemas/taxonomies';
import type { Db } from '../../db';

export async function selectTaxonomies(db: Db): Promise<Taxonomies> {
  const [serviceTypes, settings, specialisations, exclusions, languages, genders] = await Promise.all([
    db<ServiceType[]>`select code, section, name_de, name_en, marketplace, sort from service_types order by sort, code`,
    db<Term[]>`select code, name_de, name_en from settings order by array_position(array['stationaer','teilstationaer','ambulant','pflegefamilie'], code)`,
    db<Term[]>`select code, name_de, name_en from specialisations order by name_de`,
    db<Term[]>`select code, name_de, name_en from exclusions order by name_de`,
    db<Term[]>`select code, name_de, name_en from languages order by code = 'de' desc, name_de`,
    db<Term[]>`select code, name_de, name_en from genders order by array_position(array['female','male','diverse'], code)`,
  ]);
  return { serviceTypes, settings, specialisations, exclusions, languages, genders };
}

/** The codes of the taxonomies a unit refers to, for naming unknown ones before the database refuses them. */
export async function selectKnownCodes(db: Db): Promise<Record<'serviceTypes' | 'specialisations' | 'exclusions' | 'languages', Set<string>>> {
  const rows = await db<{ kind: string; code: string }[]>`
    select 'serviceTypes' as kind, code from service_types
    union all select 'specialisations', code from specialisations
    union all select 'exclusions', code from exclusions
    union all select 'languages', code from languages`;
  const out = { serviceTypes: new Set<string>(), specialisations: new Set<string>(), exclusions: new Set<string>(), languages: new Set<string>() };
  for (const r of rows) out[r.kind as keyof typeof out].add(r.code);
  return out;
}

export async function insertTerm(db: Db, kind: ExtensibleTaxonomy, t: AddTermBody): Promise<Term | ServiceType> {
  switch (kind) {
    case 'service-types': {
      const [row] = await db<ServiceType[]>`
        insert into service_types (code, section, name_de, name_en, marketplace, sort)
        values (${t.code}, ${t.section!}, ${t.nameDe}, ${t.nameEn}, ${t.marketplace!}, ${t.sort ?? 500})
        returning code, section, name_de, name_en, marketplace, sort`;
      return row;
    }
    case 'specialisations': {
      const [row] = await db<Term[]>`insert into specialisations (code, name_de, name_en) values (${t.code}, ${t.nameDe}, ${t.nameEn}) returning code, name_de, name_en`;
      return row;
    }
    case 'exclusions': {
      const [row] = await db<Term[]>`insert into exclusions (code, name_de, name_en) values (${t.code}, ${t.nameDe}, ${t.nameEn}) returning code, name_de, name_en`;
      return row;
    }
    case 'languages': {
      const [row] = await db<Term[]>`insert into languages (code, name_de, name_en) values (${t.code}, ${t.nameDe}, ${t.nameEn}) returning code, name_de, name_en`;
      return row;
    }
  }
}
