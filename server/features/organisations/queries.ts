import type { Organisation } from '../../../shared/schemas/organisations';
import type { Db } from '../../db';

const select = (db: Db) => db`
  select o.id, o.kind, o.name, o.district_ags, d.name as district_name, o.email, o.phone, o.emergency_phone, o.website,
         o.street, o.postcode, o.city, o.verified_at, o.created_at,
         case when o.verified_at is null then null else
           (select json_build_object('byName', u.display_name, 'at', v.verified_at, 'licenceRef', v.licence_ref)
            from provider_verifications v left join users u on u.id = v.verified_by
            where v.organisation_id = o.id order by v.verified_at desc limit 1) end as verification
  from organisations o left join districts d on d.ags = o.district_ags`;

export async function listOrganisations(db: Db, f: { kind?: string; unverified?: boolean; onlyId?: string }): Promise<Organisation[]> {
  return db<Organisation[]>`${select(db)}
    where (${f.kind ?? null}::org_kind is null or o.kind = ${f.kind ?? null}::org_kind)
      and (${f.unverified ?? null}::boolean is not true or o.verified_at is null)
      and (${f.onlyId ?? null}::uuid is null or o.id = ${f.onlyId ?? null}::uuid)
    order by o.kind, o.name`;
}

export async function findOrganisation(db: Db, id: string): Promise<Organisation | undefined> {
  const [o] = await db<Organisation[]>`${select(db)} where o.id = ${id}`;
  return o;
}

type OrgInput = Partial<Omit<Organisation, 'id' | 'createdAt' | 'verifiedAt' | 'districtName'>>;

export async function insertOrganisation(db: Db, o: OrgInput & { kind: string; name: string }): Promise<string> {
  const [row] = await db`
    insert into organisations (kind, name, district_ags, email, phone, emergency_phone, website, street, postcode, city)
    values (${o.kind}, ${o.name}, ${o.districtAgs ?? null}, ${o.email ?? null}, ${o.phone ?? null}, ${o.emergencyPhone ?? null},
            ${o.website ?? null}, ${o.street ?? null}, ${o.postcode ?? null}, ${o.city ?? null})
    returning id`;
  return row.id as string;
}

export async function updateOrganisation(db: Db, id: string, o: OrgInput): Promise<void> {
  const fields = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  if (Object.keys(fields).length === 0) return;
  await db`update organisations set ${db(fields as Record<string, string>)}, updated_at = now() where id = ${id}`;
}

export async function setVerified(db: Db, id: string, verified: boolean, by: string): Promise<boolean> {
  const rows = await db`update organisations
    set verified_at = case when ${verified} then coalesce(verified_at, now()) else null end,
        verified_by = case when ${verified} then ${by}::uuid else null end, updated_at = now()
    where id = ${id} and kind = 'provider' returning id`;
  return rows.length === 1;
}

/** Records what was checked, by whom (kept for every verification). */
export async function insertVerification(db: Db, orgId: string, by: string, c: { licenceRef: string; note?: string }): Promise<void> {
  await db`insert into provider_verifications (organisation_id, verified_by, licence_ref, licence_checked, address_checked, contact_checked, units_checked, note)
    values (${orgId}, ${by}, ${c.licenceRef}, true, true, true, true, ${c.note ?? null})`;
}

export async function listDistricts(db: Db) {
  return db`select ags, name, kind, state_code from districts order by name`;
}
