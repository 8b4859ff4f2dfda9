import { unitRuleIssues, type CreateUnitBody, type FosterAddress, type PublicUnit, type Unit, type UpdateUnitBody } from '../../../shared/schemas/places';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { Db } from '../../db';
import type { AuthedActor, UserActor } from '../../http/actor';
import { AppError, conflict, invalid, notFound } from '../../http/errors';
import { freshnessPeriods } from '../freshness/periods';
import { announceVacancy, freePlacesForCapacity, freePlacesOnCreate, guardLastPlace } from '../places/service';
import { checkTaxonomyCodes } from '../taxonomies/service';
import {
  archiveUnitRow,
  insertUnit,
  lockOwnUnit,
  relocateFacilityUnits,
  selectFacilityLocation,
  selectListedUnits,
  selectOwnUnit,
  selectOwnUnits,
  selectPostcode,
  updateUnitColumns,
  upsertFosterAddress,
  type UnitColumns,
} from './queries';

/** A facility moved or changed its address: its groups follow, and each move is announced. */
export async function followFacility(tx: Db, facilityId: string): Promise<void> {
  for (const u of await relocateFacilityUnits(tx, facilityId)) await announceVacancy(tx, u, 'attributes-changed');
}

export async function listOwnUnits(ctx: AppContext, actor: AuthedActor, f: { includeArchived?: boolean; facilityId?: string }): Promise<Unit[]> {
  return selectOwnUnits(ctx.sql, freshnessPeriods(ctx.config), actor.orgId, f);
}

export async function getOwnUnit(ctx: AppContext, db: Db, actor: AuthedActor, id: string): Promise<Unit> {
  const u = await selectOwnUnit(db, freshnessPeriods(ctx.config), actor.orgId, id);
  if (!u) throw notFound('Unit');
  return u;
}

/** Another organisation's unit as offices see it; 404 unless its owner is listed (verified). */
export async function getListedUnit(ctx: AppContext, id: string): Promise<PublicUnit> {
  const [u] = await selectListedUnits(ctx.sql, freshnessPeriods(ctx.config), { id });
  if (!u) throw notFound('Offer');
  return u;
}

export async function listListedUnitsOf(ctx: AppContext, ownerId: string): Promise<PublicUnit[]> {
  return selectListedUnits(ctx.sql, freshnessPeriods(ctx.config), { ownerId });
}

function failIf(issues: { path: string; message: string }[]) {
  if (!issues.length) return;
  const withBody = issues.map((i) => ({ path: `body.${i.path}`, message: i.message }));
  throw new AppError('VALIDATION_FAILED', withBody.map((i) => `${i.path}: ${i.message}`).join('; '), { issues: withBody });
}

/** The coarse point of a foster place: its postcode's town point, never the address itself. */
async function fosterLocation(db: Db, a: FosterAddress) {
  const pc = await selectPostcode(db, a.postcode);
  if (!pc) throw invalid('body.fosterAddress.postcode', 'is not a known German postcode');
  const city = pc.towns.includes(a.city) ? a.city : pc.towns[0];
  return { lat: Math.round(pc.lat * 100) / 100, lon: Math.round(pc.lon * 100) / 100, city, locationIsCoarse: true, postcode: null };
}

async function facilityLocation(db: Db, ownerId: string, facilityId: string) {
  const f = await selectFacilityLocation(db, facilityId, ownerId);
  if (!f) throw invalid('body.facilityId', 'is not a facility of your organisation');
  if (f.archivedAt) throw invalid('body.facilityId', 'is archived');
  return { lat: f.lat, lon: f.lon, postcode: f.postcode, city: f.city, districtAgs: f.districtAgs, locationIsCoarse: false };
}

async function checkDistrict(db: Db, ags: string | null | undefined) {
  if (!ags) return;
  const [d] = await db`select 1 from districts where ags = ${ags}`;
  if (!d) throw invalid('body.districtAgs', 'is not a known district key (AGS)');
}

async function checkRegion(db: Db, lat: number | null | undefined, lon: number | null | undefined, path: string) {
  if (lat == null || lon == null) return;
  const [r] = await db`select min_lat, max_lat, min_lon, max_lon from region`;
  if (lat < r.minLat || lat > r.maxLat || lon < r.minLon || lon > r.maxLon) throw invalid(path, 'lies outside the configured region');
}

const ATTRIBUTE_KEYS = [
  'name', 'description', 'setting', 'serviceTypes', 'ageMin', 'ageMax', 'genders', 'specialisations', 'exclusions', 'languages',
  'secureSetting', 'siblingsMax', 'stepFree', 'emergencyIntake', 'emergencyPhone', 'maxAnswerHours', 'staffingRatio',
  'therapyInHouse', 'schoolingOnSite', 'dailyRate', 'agreementPresent', 'licencePresent', 'residentsAgeMin', 'residentsAgeMax',
  'residentsFemale', 'residentsMale', 'residentsDiverse', 'capacityTotal', 'contactPhone', 'contactEmail', 'externalRef', 'districtAgs',
] as const;

function pickAttributes(b: Partial<Record<(typeof ATTRIBUTE_KEYS)[number], unknown>>): UnitColumns {
  const out: UnitColumns = {};
  for (const k of ATTRIBUTE_KEYS) if (b[k] !== undefined) out[k] = b[k];
  return out;
}

async function checkExternalRef(db: Db, ownerId: string, ref: string | null | undefined, exceptId?: string) {
  if (!ref) return;
  const [dup] = await db`select 1 from units where owner_id = ${ownerId} and external_ref = ${ref} and id <> ${exceptId ?? '00000000-0000-0000-0000-000000000000'}`;
  if (dup) throw new AppError('CONFLICT', `Another unit of yours has the reference ${ref}`, { issues: [{ path: 'body.externalRef', message: 'is used by another unit' }] });
}

export async function createUnit(ctx: AppContext, actor: UserActor, origin: AuditOrigin, b: CreateUnitBody): Promise<Unit> {
  const ownerKind = actor.orgKind === 'office' ? 'office' : 'provider';
  if (ownerKind === 'office' && b.setting !== 'pflegefamilie') throw invalid('body.setting', 'a youth welfare office keeps foster places only');
  return ctx.sql.begin(async (tx) => {
    await checkTaxonomyCodes(tx, b);
    await checkDistrict(tx, b.districtAgs);
    await checkExternalRef(tx, actor.orgId, b.externalRef);
    let location: UnitColumns;
    if (b.setting === 'pflegefamilie') {
      await checkRegion(tx, b.fosterAddress!.lat, b.fosterAddress!.lon, 'body.fosterAddress.lat');
      let districtAgs = b.districtAgs ?? null;
      if (!districtAgs && ownerKind === 'office') [{ districtAgs }] = await tx`select district_ags from organisations where id = ${actor.orgId}`;
      location = { ...(await fosterLocation(tx, b.fosterAddress!)), districtAgs };
    } else {
      location = await facilityLocation(tx, actor.orgId, b.facilityId!);
    }
    const capacity = b.capacityTotal ?? null;
    const row: UnitColumns = {
      specialisations: [],
      exclusions: [],
      languages: ['de'],
      ...pickAttributes(b),
      ...location,
      ownerId: actor.orgId,
      ownerKind,
      facilityId: b.setting === 'pflegefamilie' ? null : b.facilityId,
      capacityTotal: capacity,
      freePlaces: freePlacesOnCreate(capacity, b.freePlaces),
      lastConfirmedAt: new Date().toISOString(),
      availabilityChangedAt: new Date().toISOString(),
    };
    const state = await insertUnit(tx, row);
    if (b.fosterAddress) await upsertFosterAddress(tx, state.id, b.fosterAddress);
    await announceVacancy(tx, state, 'created');
    await writeAudit(tx, actor, origin, { action: 'unit.create', objectType: 'unit', objectId: state.id, details: { setting: b.setting, serviceTypes: b.serviceTypes } });
    return getOwnUnit(ctx, tx, actor, state.id);
  });
}

export async function updateUnit(ctx: AppContext, actor: UserActor, origin: AuditOrigin, id: string, b: UpdateUnitBody): Promise<Unit> {
  return ctx.sql.begin(async (tx) => {
    const cur = await lockOwnUnit(tx, actor.orgId, id);
    if (!cur) throw notFound('Unit');
    if (cur.archivedAt) throw conflict('This unit is archived');
    if (b.expectedVersion !== undefined && b.expectedVersion !== cur.version) {
      throw conflict('The unit was changed in the meantime; reload and apply your change again', { currentVersion: cur.version });
    }
    const foster = cur.setting === 'pflegefamilie';
    if (b.setting && (b.setting === 'pflegefamilie') !== foster) {
      throw invalid('body.setting', foster ? 'a foster place stays a foster place' : 'a group cannot become a foster place; create a foster place instead');
    }
    if (foster && b.facilityId) throw invalid('body.facilityId', 'foster places belong to no facility');
    if (!foster && b.facilityId === null) throw invalid('body.facilityId', 'a group needs its facility');
    if (!foster && b.fosterAddress) throw invalid('body.fosterAddress', 'only foster places have a foster address');
    if (foster && b.fosterAddress === null) throw invalid('body.fosterAddress', 'a foster place needs its address');

    const row = pickAttributes(b);
    const freePlaces = freePlacesForCapacity(cur, b.capacityTotal);
    if (freePlaces !== undefined) row.freePlaces = freePlaces;
    failIf(
      unitRuleIssues({
        ageMin: b.ageMin ?? cur.ageMin,
        ageMax: b.ageMax ?? cur.ageMax,
        residentsAgeMin: b.residentsAgeMin !== undefined ? b.residentsAgeMin : cur.residentsAgeMin,
        residentsAgeMax: b.residentsAgeMax !== undefined ? b.residentsAgeMax : cur.residentsAgeMax,
        emergencyIntake: b.emergencyIntake ?? cur.emergencyIntake,
        emergencyPhone: b.emergencyPhone !== undefined ? b.emergencyPhone : cur.emergencyPhone,
      }),
    );
    await checkTaxonomyCodes(tx, b);
    await checkDistrict(tx, b.districtAgs);
    await checkExternalRef(tx, actor.orgId, b.externalRef, id);
    if (b.facilityId && b.facilityId !== cur.facilityId) {
      Object.assign(row, await facilityLocation(tx, actor.orgId, b.facilityId), { facilityId: b.facilityId });
    }
    if (!foster) delete row.districtAgs; // a group lies in its facility's district
    if (b.fosterAddress) {
      await checkRegion(tx, b.fosterAddress.lat, b.fosterAddress.lon, 'body.fosterAddress.lat');
      Object.assign(row, await fosterLocation(tx, b.fosterAddress));
      await upsertFosterAddress(tx, id, b.fosterAddress);
    }
    const state = await guardLastPlace(updateUnitColumns(tx, id, row));
    await announceVacancy(tx, state, 'attributes-changed');
    await writeAudit(tx, actor, origin, { action: 'unit.update', objectType: 'unit', objectId: id, details: { changed: Object.keys(b).filter((k) => k !== 'fosterAddress' && k !== 'expectedVersion'), fosterAddressChanged: !!b.fosterAddress } });
    return getOwnUnit(ctx, tx, actor, id);
  });
}

export async function archiveUnit(ctx: AppContext, actor: UserActor, origin: AuditOrigin, id: string): Promise<Unit> {
  return ctx.sql.begin(async (tx) => {
    const cur = await lockOwnUnit(tx, actor.orgId, id);
    if (!cur) throw notFound('Unit');
    if (cur.archivedAt) throw conflict('This unit is archived already');
    const state = await archiveUnitRow(tx, id);
    await announceVacancy(tx, state, 'archived');
    await writeAudit(tx, actor, origin, { action: 'unit.archive', objectType: 'unit', objectId: id });
    return getOwnUnit(ctx, tx, actor, id);
  });
}
