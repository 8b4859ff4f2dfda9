import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { insertVacancyEvent } from '../../server/features/places/queries';
import { announceOwnerUnits } from '../../server/features/places/service';
import { startTestServer } from '../helpers/context';
import { makeOrg } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

// A hold and a confirmation write their vacancy:changed in SQL, in the same round trip as the
// unit's update (server/features/places/queries.ts insertVacancyEvent); what the nodes and the
// live matching read must be exactly the announcement the TypeScript side builds (announceVacancy).
let s: RunningServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => {
  await s?.stop();
});

class Rollback extends Error {}

async function bothPayloads(unitId: string, ownerId: string) {
  let out: { sql: unknown; ts: unknown; sqlRooms: unknown; tsRooms: unknown } | undefined;
  await s.ctx.sql
    .begin(async (tx) => {
      await announceOwnerUnits(tx, ownerId, 'held-changed');
      await insertVacancyEvent(tx, unitId, 'held-changed');
      const rows = await tx`select rooms, payload from events where xid = pg_current_xact_id() and type = 'vacancy:changed' order by seq`;
      expect(rows).toHaveLength(2);
      out = { ts: rows[0].payload, sql: rows[1].payload, tsRooms: rows[0].rooms, sqlRooms: rows[1].rooms };
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return out!;
}

describe('the vacancy announcement written in SQL', () => {
  it('is the one announceVacancy builds, to the same room (confirmed to the microsecond, and never confirmed)', async () => {
    const provider = await makeOrg(s.ctx.sql, 'provider');
    const unit = await makeUnit(s.ctx.sql, provider, await makeFacility(s.ctx.sql, provider), { freePlaces: 3, capacityTotal: 5 });
    await s.ctx.sql`update units set last_confirmed_at = '2026-11-30 22:27:00.987654+00' where id = ${unit.id}`;
    const confirmed = await bothPayloads(unit.id, provider.id);
    expect(confirmed.sql).toEqual(confirmed.ts);
    expect(confirmed.sqlRooms).toEqual(confirmed.tsRooms);
    expect(confirmed.sql).toMatchObject({ unitId: unit.id, freePlaces: 3, lastConfirmedAt: '2026-11-30T22:27:00.987Z', reason: 'held-changed' });
    await s.ctx.sql`update units set last_confirmed_at = null, free_places = null, capacity_total = null where id = ${unit.id}`;
    const never = await bothPayloads(unit.id, provider.id);
    expect(never.sql).toEqual(never.ts);
    expect(never.sql).toMatchObject({ freePlaces: null, lastConfirmedAt: null });
  });
});
