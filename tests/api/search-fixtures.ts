import { randomUUID } from 'node:crypto';
import type { Db } from '../../server/db';
import { publishEvent, rooms } from '../../server/events';

/**
 * A type of service of this test's own: searching for it finds only this test's units, although
 * other tests create units in the same database at the same time.
 */
export async function makeServiceType(db: Db): Promise<string> {
  const code = `t-${randomUUID().slice(0, 12)}`;
  await db`insert into service_types (code, section, name_de, name_en, marketplace, sort)
    values (${code}, 'Test', ${`Test ${code}`}, ${`Test ${code}`}, true, 999)`;
  return code;
}

/**
 * What a provider's change is, by the providers' contract: the units row changes and
 * `vacancy:changed` is published in the same transaction.
 */
export async function changeUnit(db: Db, unitId: string, set: Record<string, unknown>, reason: 'free-changed' | 'attributes-changed' | 'confirmed' | 'archived' = 'free-changed'): Promise<void> {
  await (db as Db & { begin: (fn: (tx: Db) => Promise<void>) => Promise<void> }).begin(async (tx) => {
    const [u] = await tx`
      update units set ${tx(set as Record<string, never>)}, version = version + 1, updated_at = now()
      where id = ${unitId} returning id, owner_id, free_places, last_confirmed_at`;
    await publishEvent(tx, 'vacancy:changed', [rooms.org(u.ownerId)], {
      unitId,
      providerId: u.ownerId,
      freePlaces: u.freePlaces,
      lastConfirmedAt: u.lastConfirmedAt,
      reason,
    });
  });
}

export const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
