import type { FallbackContact, OfflinePack } from '../../../shared/schemas/fallback-contacts';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { Db } from '../../db';
import type { UserActor } from '../../http/actor';

/** The office's fallback contacts, in the order its admin gave them. */
export async function selectFallbackContacts(db: Db, officeId: string): Promise<FallbackContact[]> {
  return db<FallbackContact[]>`select kind, label, phone from office_fallback_contacts where office_id = ${officeId} order by position`;
}

/** Replaces the office's list in one transaction (the list is short and edited as a whole). */
export async function replaceFallbackContacts(ctx: AppContext, origin: AuditOrigin, actor: UserActor, items: FallbackContact[]) {
  await ctx.sql.begin(async (tx) => {
    await tx`delete from office_fallback_contacts where office_id = ${actor.orgId}`;
    for (const [i, c] of items.entries()) {
      await tx`insert into office_fallback_contacts (office_id, kind, label, phone, position) values (${actor.orgId}, ${c.kind}, ${c.label}, ${c.phone}, ${i})`;
    }
    await writeAudit(tx, actor, origin, { action: 'office.fallback-contacts', objectType: 'organisation', objectId: actor.orgId, details: { count: items.length } });
  });
  return { items: await selectFallbackContacts(ctx.sql, actor.orgId) };
}

/**
 * What the emergency page keeps on the device for a night without server: the 24/7 units within
 * EMERGENCY_MAX_KM of the office (its postcode's point) with their numbers, and the fallback contacts.
 * Only numbers and names: no child data, no figures that would mislead once stale.
 */
export async function offlinePack(ctx: AppContext, actor: UserActor): Promise<OfflinePack> {
  const units = await ctx.sql<OfflinePack['units']>`
    with home as (select pc.lat, pc.lon from organisations o join postcodes pc on pc.code = o.postcode where o.id = ${actor.orgId})
    select u.id as unit_id, u.name as unit_name, p.name as provider_name, u.city, u.emergency_phone
    from home, units u join organisations p on p.id = u.owner_id
    where u.archived_at is null and u.emergency_intake and u.owner_kind = 'provider' and p.verified_at is not null
      and earth_box(ll_to_earth(home.lat, home.lon), ${ctx.config.EMERGENCY_MAX_KM * 1000}) @> u.pt
      and earth_distance(ll_to_earth(home.lat, home.lon), u.pt) <= ${ctx.config.EMERGENCY_MAX_KM * 1000}
    order by earth_distance(ll_to_earth(home.lat, home.lon), u.pt)
    limit 50`;
  return { at: new Date().toISOString(), units, fallbackContacts: await selectFallbackContacts(ctx.sql, actor.orgId) };
}
