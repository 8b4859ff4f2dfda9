import type { SearchCriteria } from '../../../shared/schemas/search';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { addAppearances, insertSearchRecord } from './record-queries';
import { selectOfficeCentre } from './scope-queries';

/** What an empty search learnt: the criterion whose removal finds units, and how many it finds. */
export interface BindingConstraint {
  constraint: string;
  found: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Records a search anonymously for the monitoring figures: criteria, result count, office, time and
 * a reference point rounded to ~10 km (the office's district centre when none was given); never
 * a case reference or free text. The units on the first page count as appearances.
 */
export async function recordSearch(
  ctx: AppContext,
  actor: UserActor,
  c: SearchCriteria & { point?: { lat: number; lon: number } | null },
  result: { total: number; unitIds: string[]; binding: BindingConstraint | null },
): Promise<void> {
  // a browse without an age (issue 14) is no demand for a place for a child: not recorded
  if (c.age === undefined) return;
  const office = await selectOfficeCentre(ctx.sql, actor.orgId);
  const lat = c.point?.lat ?? office.lat;
  const lon = c.point?.lon ?? office.lon;
  await insertSearchRecord(ctx.sql, {
    officeId: actor.orgId,
    districtAgs: office.districtAgs,
    serviceType: c.serviceType ?? null,
    age: c.age,
    gender: c.gender ?? null,
    needs: c.needs,
    conditions: c.conditions,
    secureSetting: c.secureSetting,
    siblings: c.siblings,
    emergencyIntake: c.emergencyIntake,
    radiusKm: c.radiusKm === undefined ? null : Math.round(c.radiusKm),
    refLat: lat === null ? null : round1(lat),
    refLon: lon === null ? null : round1(lon),
    resultCount: result.total,
    bindingConstraint: result.total === 0 ? (result.binding?.constraint ?? 'none') : null,
    relaxedFound: result.total === 0 ? (result.binding?.found ?? 0) : null,
  });
  await addAppearances(ctx.sql, result.unitIds);
}
