import type { PauseBody } from '../../../shared/schemas/availability';
import type { Unit } from '../../../shared/schemas/places';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { Db } from '../../db';
import type { AuthedActor } from '../../http/actor';
import { conflict, invalid, notFound } from '../../http/errors';
import { freshnessPeriods } from '../freshness/periods';
import { announceVacancy, setAdmittablePlaces } from '../places/service';
import { getOwnUnit } from '../units/service';
import { endPause } from '../freshness/service';
import { lockUnits, selectToday, setPause } from './queries';

async function lockLive(ctx: AppContext, tx: Db, actor: AuthedActor, id: string) {
  const [u] = await lockUnits(tx, freshnessPeriods(ctx.config), actor.orgId, [id], []);
  if (!u) throw notFound('Unit');
  if (u.archivedAt) throw conflict('This unit is archived');
  return u;
}

/** Aufnahmestopp with a reason and the last day; one tap on the board. Announced, audited. */
export async function pauseUnit(ctx: AppContext, actor: AuthedActor, origin: AuditOrigin, id: string, b: PauseBody): Promise<Unit> {
  return ctx.sql.begin(async (tx) => {
    const u = await lockLive(ctx, tx, actor, id);
    if (u.capacityTotal === null) throw invalid('body.reason', 'this offer has no places (directory only)');
    const today = await selectToday(tx);
    if (b.until < today) throw invalid('body.until', 'lies in the past');
    if (b.until > addDays(today, 180)) throw invalid('body.until', 'must lie within 180 days; pause again later if needed');
    const state = await setPause(tx, id, { reason: b.reason, until: b.until, note: b.note ?? null });
    await announceVacancy(tx, state, 'paused');
    await writeAudit(tx, actor, origin, { action: 'availability.pause', objectType: 'unit', objectId: id, details: { reason: b.reason, until: b.until } });
    return getOwnUnit(ctx, tx, actor, id);
  });
}

/** Takes requests again before the date. */
export async function resumeUnit(ctx: AppContext, actor: AuthedActor, origin: AuditOrigin, id: string): Promise<Unit> {
  return ctx.sql.begin(async (tx) => {
    await lockLive(ctx, tx, actor, id);
    if (await endPause(tx, id)) await writeAudit(tx, actor, origin, { action: 'availability.resume', objectType: 'unit', objectId: id, details: { early: true } });
    return getOwnUnit(ctx, tx, actor, id);
  });
}

/** How many the unit can admit now (null: as many as are free); confirms the unit too. */
export async function changeAdmittable(ctx: AppContext, actor: AuthedActor, origin: AuditOrigin, id: string, admittable: number | null): Promise<Unit> {
  return ctx.sql.begin(async (tx) => {
    const u = await lockLive(ctx, tx, actor, id);
    if (u.capacityTotal === null) throw invalid('body.admittablePlaces', 'this offer has no places (directory only)');
    const state = await setAdmittablePlaces(tx, u, admittable);
    await announceVacancy(tx, state, 'admittable-changed');
    await writeAudit(tx, actor, origin, { action: 'availability.admittable', objectType: 'unit', objectId: id, details: { admittable } });
    return getOwnUnit(ctx, tx, actor, id);
  });
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
