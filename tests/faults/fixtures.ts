import { createDb, type Sql } from '../../server/db';
import { replayEventRows, type EventRow } from '../../server/realtime/grouped-events';
import { PASSWORD, makeOrg, makeUser, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

/** The cluster's owner connection: writes test data, inspects what the nodes did. */
export function ownerDb(url: string): Sql {
  return createDb(url, { max: 2, connectTimeoutSeconds: 2 });
}

/** A provider with staff and an emergency-capable unit in Köln, and an office with a caseworker. */
export async function world(db: Sql, o: { freePlaces?: number } = {}) {
  const provider = await makeOrg(db, 'provider');
  const staff = await makeUser(db, provider, 'provider_staff');
  const facility = await makeFacility(db, provider, { lat: 50.94, lon: 6.96, postcode: '50667', city: 'Köln' });
  const unit = await makeUnit(db, provider, facility, {
    freePlaces: o.freePlaces ?? 2,
    capacityTotal: 8,
    emergencyIntake: true,
    emergencyPhone: '0221 4711',
    serviceTypes: ['34', '42'],
    lat: 50.94,
    lon: 6.96,
  });
  const office: OrgRow = await makeOrg(db, 'office');
  const caseworker = await makeUser(db, office, 'caseworker');
  return { provider, staff, facility, unit, office, caseworker, password: PASSWORD };
}

/** Seqs of the committed events of a room after `since`: what every client of that room must see. */
export async function committedSeqs(db: Sql, room: string, since: number): Promise<number[]> {
  const rows = await db<EventRow[]>`select seq, type, at, payload from events where seq > ${since} and rooms @> array[${room}]::text[] order by seq`;
  // a grouped row holds the events of several search rooms, each with its own number
  return replayEventRows(rows, [room], since).map((e) => Number(e.seq));
}

export async function maxSeq(db: Sql): Promise<number> {
  const [r] = await db`select coalesce(max(seq), 0)::bigint as m from events`;
  return Number(r.m);
}
