import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerTimesOf } from '../../server/features/requests/answer-times';
import { createTestContext, type TestContext } from '../helpers/context';
import { makeOrg, makeUser, userClient } from '../helpers/factories';
import { makeFacility, makeUnit } from '../helpers/places';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t?.close());

/** A hand-made history: one request per entry, created `ageMin` minutes ago, answered after `answerMin` (null: not yet). */
async function history(entries: { urgency: 'emergency' | 'regular'; answerMin: number | null; ageMin?: number; withdrawn?: boolean }[]) {
  const db = t.ctx.sql;
  const provider = await makeOrg(db, 'provider');
  const office = await makeOrg(db, 'office');
  const cw = await makeUser(db, office, 'caseworker');
  const unit = await makeUnit(db, provider, await makeFacility(db, provider, { lat: 47.6, lon: 7.6 }), { emergencyIntake: true, emergencyPhone: '0761 1234', lat: 47.6, lon: 7.6, ageMin: 0, ageMax: 17 });
  // one case reference per request: a case asks a unit only once at a time (since issue 14)
  for (const [i, e] of entries.entries()) {
    const age = e.ageMin ?? 3 * 24 * 60;
    const created = new Date(Date.now() - age * 60_000);
    const answered = e.answerMin === null ? null : new Date(created.getTime() + e.answerMin * 60_000);
    const status = e.withdrawn ? 'withdrawn' : answered ? 'question' : 'open';
    await db`insert into placement_requests (group_id, office_id, created_by, unit_id, provider_id, case_ref, child_age, child_gender, desired_start, urgency, status, answered_at, closed_at, created_at)
      values (${randomUUID()}, ${office.id}, ${cw.id}, ${unit.id}, ${provider.id}, ${`AZ-T-${i}`}, 12, 'female', current_date, ${e.urgency}, ${status}, ${answered}, ${e.withdrawn ? new Date() : null}, ${created})`;
  }
  return { provider, office, unit };
}

describe('who answers: answer times over 90 days', () => {
  it('median minutes to the first answer and the shares within 30 min (emergency) and 24 h (regular), from a hand-made history', async () => {
    const h = await history([
      ...[10, 20, 25, 40, 90].map((m) => ({ urgency: 'emergency' as const, answerMin: m })),
      ...[60, 120, 600, 1800].map((m) => ({ urgency: 'regular' as const, answerMin: m })),
      // still unanswered after two days: counts with its time so far (2880 min), not within 24 h
      { urgency: 'regular', answerMin: null, ageMin: 2880 },
      // withdrawn before any answer: not counted; older than 90 days: not counted
      { urgency: 'emergency', answerMin: null, withdrawn: true },
      { urgency: 'emergency', answerMin: 1, ageMin: 100 * 24 * 60 },
    ]);
    const times = (await answerTimesOf(t.ctx.sql, [h.provider.id])).get(h.provider.id);
    // sorted: 10 20 25 40 60 | 90 120 600 1800 2880 → (60 + 90) / 2
    expect(times).toEqual({ enough: true, requests: 10, medianMinutes: 75, emergencyWithin30: 0.6, regularWithin24h: 0.6 });
  });

  it('below five requests: not enough to say ("noch zu wenige Anfragen"); shown in the emergency list', async () => {
    const h = await history([10, 20, 30, 40].map((m) => ({ urgency: 'emergency' as const, answerMin: m })));
    expect((await answerTimesOf(t.ctx.sql, [h.provider.id])).get(h.provider.id)).toEqual({ enough: false, requests: null, medianMinutes: null, emergencyWithin30: null, regularWithin24h: null });
    const oncall = (await userClient(t.app, t.ctx.sql, 'office', 'oncall')).client;
    const res = await oncall.get('/api/v1/emergency/units?age=12&gender=female&lat=47.6&lon=7.6&limit=50');
    expect(res.status).toBe(200);
    const item = res.body.items.find((i: { unitId: string }) => i.unitId === h.unit.id);
    expect(item.answerTimes.enough).toBe(false);
  });
});

describe('answer times in the search', () => {
  it("each result and each paused unit carries its provider's answer times (read in the page's statement); an office's unit none", async () => {
    const db = t.ctx.sql;
    const at = { lat: 47.2 + Math.random() * 0.5, lon: 9.6 + Math.random() * 0.3 };
    const h = await history([...[10, 20, 25, 40, 90].map((m) => ({ urgency: 'emergency' as const, answerMin: m })), ...[60, 120].map((m) => ({ urgency: 'regular' as const, answerMin: m }))]);
    await db`update units set lat = ${at.lat}, lon = ${at.lon} where id = ${h.unit.id}`;
    const few = await history([{ urgency: 'regular', answerMin: 30 }]);
    await db`update units set lat = ${at.lat}, lon = ${at.lon} where id = ${few.unit.id}`;
    const silent = await makeOrg(db, 'provider');
    const silentUnit = await makeUnit(db, silent, await makeFacility(db, silent, at), { ...at, ageMin: 0, ageMax: 17 });
    const pausedUnit = await makeUnit(db, h.provider, await makeFacility(db, h.provider, at), { ...at, ageMin: 0, ageMax: 17 });
    await db`update units set paused_at = now(), paused_reason = 'other', paused_until = current_date + 7 where id = ${pausedUnit.id}`;
    const office = await makeOrg(db, 'office');
    const fosterUnit = await makeUnit(db, office, null, { ...at, ageMin: 0, ageMax: 17, setting: 'pflegefamilie' });

    const cw = (await userClient(t.app, db, 'office', 'caseworker')).client;
    const res = await cw.post('/api/v1/search', { criteria: { age: 12, gender: 'female', reference: at, radiusKm: 1 }, perPage: 50 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const times = await answerTimesOf(db, [h.provider.id, few.provider.id, silent.id]);
    const item = (id: string) => res.body.items.find((i: { unitId: string }) => i.unitId === id);
    expect(times.get(h.provider.id)).toMatchObject({ enough: true, requests: 7 });
    expect(item(h.unit.id).answerTimes).toEqual(times.get(h.provider.id));
    expect(item(few.unit.id).answerTimes).toEqual({ enough: false, requests: null, medianMinutes: null, emergencyWithin30: null, regularWithin24h: null });
    expect(item(silentUnit.id).answerTimes).toEqual(times.get(silent.id));
    expect(item(fosterUnit.id)).toBeDefined();
    expect(item(fosterUnit.id).answerTimes).toBeUndefined();
    const paused = res.body.paused.find((i: { unitId: string }) => i.unitId === pausedUnit.id);
    expect(paused.answerTimes).toEqual(times.get(h.provider.id));
  });
});
