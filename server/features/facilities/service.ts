import type { CreateFacilityBody, Facility, UpdateFacilityBody } from '../../../shared/schemas/places';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { Config } from '../../config';
import type { AppContext } from '../../context';
import type { Db } from '../../db';
import type { AuthedActor, UserActor } from '../../http/actor';
import { conflict, invalid, notFound } from '../../http/errors';
import { followFacility } from '../units/service';
import {
  archiveFacilityRow,
  countLiveUnits,
  insertFacility,
  lockFacility,
  selectFacilities,
  selectFacility,
  selectPostcodePoint,
  selectRegion,
  updateFacilityRow,
  updateRegion,
} from './queries';

const regionSynced = new WeakMap<Config, Promise<void>>();

/** REGION_BBOX (when set) becomes the region every coordinate must lie in; once per process. */
export function syncRegion(ctx: AppContext): Promise<void> {
  const bbox = ctx.config.REGION_BBOX;
  if (!bbox) return Promise.resolve();
  let p = regionSynced.get(ctx.config);
  if (!p) {
    const [minLat, minLon, maxLat, maxLon] = bbox.split(',').map(Number);
    p = updateRegion(ctx.sql, { minLat, minLon, maxLat, maxLon });
    regionSynced.set(ctx.config, p);
  }
  return p;
}

async function resolveLocation(db: Db, b: { lat?: number; lon?: number; postcode?: string | null }) {
  if (b.lat !== undefined && b.lon !== undefined) {
    const r = await selectRegion(db);
    if (b.lat < r.minLat || b.lat > r.maxLat) throw invalid('body.lat', `lies outside the configured region (${r.minLat} to ${r.maxLat})`);
    if (b.lon < r.minLon || b.lon > r.maxLon) throw invalid('body.lon', `lies outside the configured region (${r.minLon} to ${r.maxLon})`);
    return { lat: b.lat, lon: b.lon };
  }
  if (!b.postcode) return {};
  const p = await selectPostcodePoint(db, b.postcode);
  if (!p) throw invalid('body.postcode', 'is not a known German postcode; give coordinates instead');
  return { lat: p.lat, lon: p.lon };
}

async function checkDistrict(db: Db, ags: string | null | undefined) {
  if (!ags) return;
  const [d] = await db`select 1 from districts where ags = ${ags}`;
  if (!d) throw invalid('body.districtAgs', 'is not a known district key (AGS)');
}

export async function listFacilities(ctx: AppContext, actor: AuthedActor, includeArchived: boolean): Promise<Facility[]> {
  return selectFacilities(ctx.sql, actor.orgId, includeArchived);
}

export async function getFacility(db: Db, actor: AuthedActor, id: string): Promise<Facility> {
  const f = await selectFacility(db, actor.orgId, id);
  if (!f) throw notFound('Facility');
  return f;
}

export async function createFacility(ctx: AppContext, actor: UserActor, origin: AuditOrigin, b: CreateFacilityBody): Promise<Facility> {
  await syncRegion(ctx);
  return ctx.sql.begin(async (tx) => {
    await checkDistrict(tx, b.districtAgs);
    const { lat: _lat, lon: _lon, ...rest } = b;
    const id = await insertFacility(tx, { ...rest, ...(await resolveLocation(tx, b)), providerId: actor.orgId });
    await writeAudit(tx, actor, origin, { action: 'facility.create', objectType: 'facility', objectId: id });
    return getFacility(tx, actor, id);
  });
}

export async function updateFacility(ctx: AppContext, actor: UserActor, origin: AuditOrigin, id: string, b: UpdateFacilityBody): Promise<Facility> {
  await syncRegion(ctx);
  return ctx.sql.begin(async (tx) => {
    const cur = await lockFacility(tx, actor.orgId, id);
    if (!cur) throw notFound('Facility');
    if (cur.archivedAt) throw conflict('This facility is archived');
    await checkDistrict(tx, b.districtAgs);
    const { lat: _lat, lon: _lon, ...rest } = b;
    // a new postcode without coordinates moves the facility to the postcode's point
    const moved = b.lat !== undefined || (b.postcode && b.postcode !== cur.postcode) ? await resolveLocation(tx, b) : {};
    await updateFacilityRow(tx, id, { ...rest, ...moved });
    // its groups share its address and point: they follow, and each change is announced
    await followFacility(tx, id);
    await writeAudit(tx, actor, origin, { action: 'facility.update', objectType: 'facility', objectId: id, details: { changed: Object.keys(b) } });
    return getFacility(tx, actor, id);
  });
}

export async function archiveFacility(ctx: AppContext, actor: UserActor, origin: AuditOrigin, id: string): Promise<Facility> {
  return ctx.sql.begin(async (tx) => {
    const cur = await lockFacility(tx, actor.orgId, id);
    if (!cur) throw notFound('Facility');
    if (cur.archivedAt) throw conflict('This facility is archived already');
    const live = await countLiveUnits(tx, id);
    if (live > 0) throw conflict(`The facility still has ${live} active unit(s); archive or move them first`, { activeUnits: live });
    await archiveFacilityRow(tx, id);
    await writeAudit(tx, actor, origin, { action: 'facility.archive', objectType: 'facility', objectId: id });
    return getFacility(tx, actor, id);
  });
}
