import type { Db } from '../../db';

export interface StoredDialogue {
  districtAgs: string;
  districtName: string;
  dialogue: unknown;
  version: number;
  loadedAt: string;
}

export async function findStoredDialogue(db: Db, ags: string): Promise<StoredDialogue | undefined> {
  const [row] = await db<StoredDialogue[]>`
    select n.district_ags, d.name as district_name, n.dialogue, n.version, n.loaded_at
    from navigator_dialogues n join districts d on d.ags = n.district_ags where n.district_ags = ${ags}`;
  return row;
}

export async function listStoredDialogues(db: Db): Promise<StoredDialogue[]> {
  return db<StoredDialogue[]>`
    select n.district_ags, d.name as district_name, n.dialogue, n.version, n.loaded_at
    from navigator_dialogues n join districts d on d.ags = n.district_ags order by d.name`;
}

/** Loads or replaces a municipality's dialogue; the version counts up with each replacement. */
export async function upsertDialogue(db: Db, ags: string, dialogue: object, userId: string): Promise<{ version: number; loadedAt: string }> {
  const [row] = await db<{ version: number; loadedAt: string }[]>`
    insert into navigator_dialogues (district_ags, dialogue, loaded_by)
    values (${ags}, ${db.json(dialogue as never)}, ${userId})
    on conflict (district_ags) do update
      set dialogue = excluded.dialogue, loaded_by = excluded.loaded_by, loaded_at = now(), version = navigator_dialogues.version + 1
    returning version, loaded_at`;
  return row;
}

export async function deleteDialogue(db: Db, ags: string): Promise<boolean> {
  const rows = await db`delete from navigator_dialogues where district_ags = ${ags} returning district_ags`;
  return rows.length > 0;
}

export interface DistrictRow {
  ags: string;
  name: string;
  kind: string;
}

export async function findDistrict(db: Db, ags: string): Promise<DistrictRow | undefined> {
  const [row] = await db<DistrictRow[]>`select ags, name, kind from districts where ags = ${ags}`;
  return row;
}

/** The districts a postcode lies in (a few postcodes span two or more). */
export async function findDistrictsOfPostcode(db: Db, code: string): Promise<(DistrictRow & { towns: string[] })[]> {
  return db<(DistrictRow & { towns: string[] })[]>`
    select d.ags, d.name, d.kind, p.towns
    from postcode_districts pd join districts d on d.ags = pd.district_ags join postcodes p on p.code = pd.code
    where pd.code = ${code} order by d.name`;
}

/**
 * The districts where a town of this name lies (exact name first, case-insensitive; else names
 * starting with it), with the matching town names.
 */
export async function findDistrictsOfTown(db: Db, town: string): Promise<(DistrictRow & { towns: string[] })[]> {
  const q = town.toLowerCase();
  return db<(DistrictRow & { towns: string[] })[]>`
    with hits as (
      select t.name as town, pd.district_ags, (lower(t.name) = ${q}) as exact
      from postcodes p cross join lateral unnest(p.towns) as t(name)
      join postcode_districts pd on pd.code = p.code
      where lower(t.name) = ${q} or lower(t.name) like ${q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}
    ), best as (select * from hits where exact or not exists (select 1 from hits where exact))
    select d.ags, d.name, d.kind, array_agg(distinct b.town order by b.town) as towns
    from best b join districts d on d.ags = b.district_ags
    group by d.ags, d.name, d.kind order by d.name limit 20`;
}

export interface OfficeContact {
  name: string;
  phone: string | null;
  emergencyPhone: string | null;
}

/**
 * The youth welfare office of a district. Should there be several, the one with an emergency
 * number comes first, then the oldest.
 */
export async function findOffice(db: Db, ags: string): Promise<OfficeContact | undefined> {
  const [row] = await db<OfficeContact[]>`
    select name, phone, emergency_phone from organisations
    where kind = 'office' and district_ags = ${ags}
    order by (emergency_phone is not null) desc, created_at, id limit 1`;
  return row;
}

/**
 * Removes the e-mail address (and the answers) from queued navigator mails: from one mail by its
 * ref once it is sent, or from every mail that is finished or older than a day. pg-boss keeps
 * finished jobs for a while (and archives them); this leaves only the ref behind.
 */
export async function anonymiseMailJobs(db: Db, queue: string, ref?: string): Promise<number> {
  const where = ref
    ? db`data->>'ref' = ${ref}`
    : db`(state in ('completed', 'failed', 'cancelled') or created_on < now() - interval '1 day')`;
  const a = await db`
    update pgboss.job set data = jsonb_build_object('ref', data->'ref', 'anonymised', true)
    where name = ${queue} and data ? 'to' and ${where}`;
  const b = await db`
    update pgboss.archive set data = jsonb_build_object('ref', data->'ref', 'anonymised', true)
    where name = ${queue} and data ? 'to' and ${ref ? db`data->>'ref' = ${ref}` : db`true`}`;
  return a.count + b.count;
}

/** The district of an organisation (an office's), if it has one. */
export async function findOrgDistrict(db: Db, orgId: string): Promise<DistrictRow | undefined> {
  const [row] = await db<DistrictRow[]>`
    select d.ags, d.name, d.kind from organisations o join districts d on d.ags = o.district_ags where o.id = ${orgId}`;
  return row;
}
