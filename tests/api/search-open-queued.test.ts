import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEvent, rooms } from '../../server/events';
import { drainRematchQueue } from '../../server/features/search/rematch-queue';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient, type Client, type OrgRow } from '../helpers/factories';
import { makeFacility, makeUnit, type FacilityRow } from '../helpers/places';
import { makeServiceType } from './search-fixtures';

/**
 * A change that reaches units without writing their rows (a provider's verification withdrawn: an
 * organisation:changed of more than ten units) is only queued at its commit. A search opened before
 * the worker re-matches those units was shown them gone; it must not hear them removed afterwards,
 * while a search opened before the change hears each removal once.
 */

let t: TestContext;
let provider: { client: Client; org: OrgRow };
let facility: FacilityRow;
let caseworker: { client: Client };

beforeAll(async () => {
  t = await createTestContext();
  provider = await userClient(t.app, t.ctx.sql, 'provider', 'provider_staff');
  facility = await makeFacility(t.ctx.sql, provider.org, { lat: 48.1372, lon: 11.5756, postcode: '80331', city: 'München' });
  caseworker = await userClient(t.app, t.ctx.sql, 'office', 'caseworker');
});
afterAll(() => t.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const criteria = (st: string) => ({ serviceType: st, age: 13, reference: { postcode: '80331' }, radiusKm: 25 });

const eventsOf = async (searchId: string) =>
  (await t.ctx.sql<{ type: string; unitId: string }[]>`
    select type, payload ->> 'unitId' as unit_id from events
    where rooms @> array[${rooms.search(searchId)}]::text[] order by seq`).map((r) => `${r.type} ${r.unitId}`);

describe('opening a search while an organisation change waits in the re-match queue', () => {
  it('a search opened in between hears nothing of units it was shown gone; one opened before hears each removal once', async () => {
    const st = await makeServiceType(t.ctx.sql);
    const units: string[] = [];
    for (let i = 0; i < 12; i++) units.push((await makeUnit(t.ctx.sql, provider.org, facility, { serviceTypes: [st], freePlaces: 2, capacityTotal: 3 })).id);
    const before = await caseworker.client.post('/api/v1/searches', { criteria: criteria(st) });
    expect(before.body.search.matchCount).toBe(12);
    // the verification withdrawn, as verifyOrg commits it: the organisation's row and its event
    await t.ctx.sql.begin(async (tx) => {
      await tx`update organisations set verified_at = null where id = ${provider.org.id}`;
      await publishEvent(tx, 'organisation:changed', [rooms.org(provider.org.id), rooms.all], { organisationId: provider.org.id, verified: false });
    });
    const between = await caseworker.client.post('/api/v1/searches', { criteria: criteria(st) });
    expect(between.status).toBe(201);
    expect(between.body.results.total).toBe(0);
    expect(between.body.search.matchCount).toBe(0);
    for (let i = 0; i < 200; i++) {
      await drainRematchQueue(t.ctx);
      if (!(await t.ctx.sql`select 1 from search_rematch_queue where unit_id = any (${units}::uuid[])`).length) break;
      await sleep(50);
    }
    expect(await eventsOf(between.body.search.id)).toEqual([]);
    expect((await eventsOf(before.body.search.id)).sort()).toEqual(units.map((u) => `search:match-removed ${u}`).sort());
    expect((await caseworker.client.get(`/api/v1/searches/${between.body.search.id}`)).body.matchCount).toBe(0);
    expect((await caseworker.client.get(`/api/v1/searches/${before.body.search.id}`)).body.matchCount).toBe(0);
  });
});
