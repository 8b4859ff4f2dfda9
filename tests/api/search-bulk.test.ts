import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleAfterAnswer } from '../../server/after-answer';
import type { Db } from '../../server/db';
import { publishEvent, rooms } from '../../server/events';
import { lockUnits } from '../../server/features/availability/queries';
import { freshnessPeriods } from '../../server/features/freshness/periods';
import { drainRematchQueue, rematchQueuedBatch } from '../../server/features/search/rematch-queue';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient, type Client, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit, type FacilityRow } from '../helpers/places';
import { makeServiceType } from './search-fixtures';

/**
 * A provider's bulk update blocks nobody (issue 18): its commit queues the re-match of its units
 * instead of running it under the matching lock, so a caseworker opening a search meanwhile does not
 * wait; the worker (drained here by hand, as each node's worker would) announces each change once.
 */

let t: TestContext;
let provider: { client: Client; org: OrgRow };
let facility: FacilityRow;
let caseworker: { client: Client };

beforeAll(async () => {
  t = await createTestContext();
  provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
  facility = await makeFacility(t.ctx.sql, provider.org, { lat: 53.5511, lon: 9.9937, postcode: '20095', city: 'Hamburg' });
  caseworker = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
});
afterAll(() => t.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const criteria = (st: string) => ({ serviceType: st, age: 13, reference: { postcode: '20095' }, radiusKm: 25 });

/** Twelve units of a type of service of their own, none free. */
async function twelveUnits(): Promise<{ st: string; units: string[] }> {
  const st = await makeServiceType(t.ctx.sql);
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) ids.push((await makeUnit(t.ctx.sql, provider.org, facility, { serviceTypes: [st], freePlaces: 0, capacityTotal: 3 })).id);
  return { st, units: ids };
}

/** Until none of these units waits in the queue (another test's server may hold one mid-batch). */
async function drained(unitIds: string[]): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await drainRematchQueue(t.ctx);
    if (!(await t.ctx.sql`select 1 from search_rematch_queue where unit_id = any (${unitIds}::uuid[])`).length) return;
    await sleep(50);
  }
  throw new Error('the re-match queue was not worked off');
}

const addedTo = async (searchId: string) =>
  (await t.ctx.sql<{ unitId: string }[]>`
    select payload ->> 'unitId' as unit_id from events
    where rooms @> array[${rooms.search(searchId)}]::text[] and type = 'search:match-added' order by seq`).map((r) => r.unitId);

describe('bulk updates and open searches', () => {
  it('a bulk update of 12 units queues their re-match; each new match is announced once, after the commit', async () => {
    const { st, units } = await twelveUnits();
    const opened = await caseworker.client.post('/api/v1/searches', { criteria: criteria(st) });
    expect(opened.status).toBe(201);
    expect(opened.body.search.matchCount).toBe(0);
    const bulk = await provider.client.put('/api/v1/availability', { units: units.map((unitId) => ({ unitId, freePlaces: 1 })) });
    expect(bulk.status).toBe(200);
    expect(bulk.body.changed).toBe(12);
    const xids = await t.ctx.sql`select distinct xid::text from events where type = 'vacancy:changed' and payload ->> 'unitId' = any (${units})`;
    expect(xids).toHaveLength(1);
    // the provider's transaction announced its changes but re-matched nothing itself
    expect(await t.ctx.sql`select seq from events where xid = ${xids[0].xid}::xid8 and type like 'search:%'`).toEqual([]);
    await drained(units);
    expect((await addedTo(opened.body.search.id)).sort()).toEqual([...units].sort());
    const [{ n }] = await t.ctx.sql`select count(*)::int as n from unnest(${units}::uuid[]) u, search_matched(u) m where m.search_id = ${opened.body.search.id}`;
    expect(n).toBe(12);
    // the listing's count follows
    expect((await caseworker.client.get(`/api/v1/searches/${opened.body.search.id}`)).body.matchCount).toBe(12);
  });

  it('opening a search does not wait for a bulk transaction at its commit; it still hears each change once', async () => {
    const { st, units } = await twelveUnits();
    const tx = await t.ctx.sql.reserve();
    try {
      await tx`begin`;
      for (const id of units) {
        const [u] = await tx`update units set free_places = 2, version = version + 1, updated_at = now() where id = ${id} returning owner_id, free_places, last_confirmed_at`;
        await publishEvent(tx as unknown as Db, 'vacancy:changed', [rooms.org(u.ownerId)], { unitId: id, providerId: u.ownerId, freePlaces: u.freePlaces, lastConfirmedAt: u.lastConfirmedAt, reason: 'free-changed' });
      }
      // the commit-time work (the deferred re-match trigger) runs now; the transaction stays open
      await tx`set constraints all immediate`;
      const t0 = performance.now();
      const opened = await caseworker.client.post('/api/v1/searches', { criteria: criteria(st) });
      const waited = performance.now() - t0;
      expect(opened.status).toBe(201);
      expect(waited).toBeLessThan(2000); // before: blocked until the bulk ended (504 after the lock timeout)
      expect(opened.body.search.matchCount).toBe(0); // the bulk is not committed yet
      await tx`commit`;
      await drained(units);
      expect((await addedTo(opened.body.search.id)).sort()).toEqual([...units].sort());
    } finally {
      await tx`rollback`.catch(() => {});
      tx.release();
    }
  });

  it('a search (recording the units it found) does not wait for a bulk holding those units', async () => {
    const { st, units } = await twelveUnits();
    await t.ctx.sql`update units set free_places = 1 where id = any (${units}::uuid[])`;
    const tx = await t.ctx.sql.reserve();
    try {
      await tx`begin`;
      // the bulk's lock on its units, as PUT /api/v1/availability takes it
      expect(await lockUnits(tx as unknown as Db, freshnessPeriods(t.ctx.config), provider.org.id, units, [])).toHaveLength(12);
      const t0 = performance.now();
      const res = await caseworker.client.post('/api/v1/search', { criteria: criteria(st) });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(12);
      expect(performance.now() - t0).toBeLessThan(2000); // before: waited for the lock timeout (5 s)
      await settleAfterAnswer(); // written after the answer
      const [{ n }] = await t.ctx.sql`select count(*)::int as n from unit_appearances where unit_id = any (${units}::uuid[])`;
      expect(n).toBe(12); // and its appearances were recorded, not dropped
    } finally {
      await tx`rollback`.catch(() => {});
      tx.release();
    }
  });

  it('a batch of the queue ends at its time budget: the units not reached stay queued and are announced once later', async () => {
    const { st, units } = await twelveUnits();
    const opened = await caseworker.client.post('/api/v1/searches', { criteria: criteria(st) });
    const bulk = await provider.client.put('/api/v1/availability', { units: units.map((unitId) => ({ unitId, freePlaces: 1 })) });
    expect(bulk.status).toBe(200);
    // first in line, before any other test's queued units
    await t.ctx.sql`update search_rematch_queue set queued_at = '2000-01-01' where unit_id = any (${units}::uuid[])`;
    const queued = async () => (await t.ctx.sql`select unit_id from search_rematch_queue where unit_id = any (${units}::uuid[])`).length;
    // no budget: one re-match, then the transaction (and the matching lock an opening waits for) ends
    expect(await rematchQueuedBatch(t.ctx.sql, 12, 0)).toBe(1);
    expect(await queued()).toBe(11);
    expect(await addedTo(opened.body.search.id)).toEqual([[...units].sort()[0]]);
    // a budget that is not used up: the whole batch in one transaction
    expect(await rematchQueuedBatch(t.ctx.sql, 12, 60_000)).toBe(11);
    expect(await queued()).toBe(0);
    expect((await addedTo(opened.body.search.id)).sort()).toEqual([...units].sort());
  });
});
