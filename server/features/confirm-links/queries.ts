import type { Db } from '../../db';

export interface ConfirmLinkRow {
  id: string;
  providerId: string;
  providerName: string;
  unitIds: string[];
  scope: 'unit' | 'all';
  sentTo: 'staff' | 'admin';
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  expired: boolean;
}

/** Issues one link; `hours` is capped by the table's rule (72 h at most). */
export async function insertLink(db: Db, l: { providerId: string; unitIds: string[]; scope: 'unit' | 'all'; sentTo: 'staff' | 'admin'; hours: number; at: Date }): Promise<{ id: string; expiresAt: string }> {
  const [r] = await db<{ id: string; expiresAt: string }[]>`
    insert into confirm_links (provider_id, unit_ids, scope, sent_to, created_at, expires_at)
    values (${l.providerId}, ${l.unitIds}::uuid[], ${l.scope}, ${l.sentTo}, ${l.at}, ${l.at}::timestamptz + make_interval(secs => ${l.hours * 3600}::float8))
    returning id, expires_at`;
  return r;
}

/** The link, optionally locked for the confirmation. */
export async function selectLink(db: Db, id: string, at: Date, lock = false): Promise<ConfirmLinkRow | undefined> {
  const [r] = await db<ConfirmLinkRow[]>`
    select l.id, l.provider_id, o.name as provider_name, l.unit_ids, l.scope, l.sent_to, l.created_at, l.expires_at, l.used_at,
      l.expires_at <= ${at}::timestamptz as expired
    from confirm_links l join organisations o on o.id = l.provider_id
    where l.id = ${id}
    ${lock ? db`for update of l` : db``}`;
  return r;
}

export interface LinkUnit {
  id: string;
  name: string;
  facilityName: string | null;
  capacityTotal: number;
  freePlaces: number;
  lastConfirmedAt: string | null;
}

/** The link's units that are still the provider's, live and with places, in a stable order. */
export async function selectLinkUnits(db: Db, providerId: string, ids: string[], lock = false): Promise<LinkUnit[]> {
  return db<LinkUnit[]>`
    select u.id, u.name, f.name as facility_name, u.capacity_total, u.free_places, u.last_confirmed_at
    from units u left join facilities f on f.id = u.facility_id
    where u.id = any(${ids}::uuid[]) and u.owner_id = ${providerId} and u.archived_at is null and u.capacity_total is not null
    order by u.id
    ${lock ? db`for update of u` : db``}`;
}

export async function markUsed(db: Db, id: string): Promise<void> {
  await db`update confirm_links set used_at = now() where id = ${id}`;
}
