import type { SearchResult } from '../../../shared/schemas/search';
import type { ResolvedCriteria } from './criteria';
import type { SearchRow } from './queries';

type Reason = SearchResult['match']['reasons'][number];
type Check = SearchResult['match']['preferencesMet'][number];

const km = (d: number) => Math.round(d * 10) / 10;

/**
 * Why a unit matched: every hard criterion the search set, with what the unit offers for it. A
 * criterion the search left open is not listed (it did not decide anything).
 */
export function matchReasons(c: ResolvedCriteria, r: SearchRow): Reason[] {
  const reasons: Reason[] = [];
  if (c.serviceType !== undefined) reasons.push({ criterion: 'serviceType', wanted: c.serviceType, actual: r.serviceTypes });
  if (c.age !== undefined) reasons.push({ criterion: 'age', wanted: c.age, actual: `${r.ageMin}-${r.ageMax}` });
  if (c.gender) reasons.push({ criterion: 'gender', wanted: c.gender, actual: r.genders });
  if (c.needs.length) reasons.push({ criterion: 'needs', wanted: c.needs, actual: r.specialisations });
  if (c.conditions.length) reasons.push({ criterion: 'conditions', wanted: c.conditions, actual: r.exclusions });
  if (c.secureSetting) reasons.push({ criterion: 'secureSetting', wanted: true, actual: r.secureSetting });
  if (c.siblings >= 2) reasons.push({ criterion: 'siblings', wanted: c.siblings, actual: r.siblingsMax });
  if (c.emergencyIntake) reasons.push({ criterion: 'emergencyIntake', wanted: true, actual: r.emergencyIntake });
  reasons.push({
    criterion: 'availability',
    wanted: c.availableBy ? `${Math.max(1, c.siblings)} by ${c.availableBy}` : `${Math.max(1, c.siblings)} now`,
    actual: r.pausedUntil
      ? `paused until ${r.pausedUntil}`
      : (r.availablePlaces >= Math.max(1, c.siblings) ? `${r.availablePlaces} now` : `from ${r.availableFrom}`) +
        (r.admittablePlaces !== null ? ` (admittable ${r.admittablePlaces} of ${r.freePlaces} free)` : ''),
  });
  if (c.radiusKm !== undefined && r.distanceKm !== null) reasons.push({ criterion: 'distance', wanted: c.radiusKm, actual: km(r.distanceKm) });
  reasons.push({ criterion: 'freshness', wanted: c.includeStale ? 'any' : 'not stale', actual: r.freshness });
  return reasons;
}

/** Each preference the search gave, met or missed, with the unit's value. */
export function preferenceChecks(c: ResolvedCriteria, r: SearchRow): { met: Check[]; missed: Check[] } {
  const met: Check[] = [];
  const missed: Check[] = [];
  const put = (ok: boolean, check: Check) => (ok ? met : missed).push(check);
  const p = c.preferences;
  for (const lang of p.languages) put(r.languages.includes(lang), { preference: 'language', wanted: lang, actual: r.languages });
  for (const spec of p.specialisations) put(r.specialisations.includes(spec), { preference: 'specialisation', wanted: spec, actual: r.specialisations });
  if (p.withinKm !== undefined && r.distanceKm !== null) {
    put(r.distanceKm <= p.withinKm, { preference: 'distance', wanted: p.withinKm, actual: km(r.distanceKm) });
  }
  if (p.confirmedWithinDays !== undefined) {
    put(r.freshPrefMet === true, { preference: 'freshness', wanted: p.confirmedWithinDays, actual: r.lastConfirmedAt });
  }
  if (p.maxDailyRate !== undefined) {
    put(r.dailyRate !== null && r.dailyRate <= p.maxDailyRate, { preference: 'dailyRate', wanted: p.maxDailyRate, actual: r.dailyRate });
  }
  return { met, missed };
}

/** The result DTO of one row: the same shape feeds the list and the map. */
export function toResult(c: ResolvedCriteria, r: SearchRow, position: number, answerTimes?: SearchResult['answerTimes']): SearchResult {
  const prefs = preferenceChecks(c, r);
  return {
    unitId: r.unitId,
    name: r.name,
    setting: r.setting,
    serviceTypes: r.serviceTypes,
    provider: { id: r.ownerId, name: r.ownerName, kind: r.ownerKind },
    facility: r.facilityId ? { id: r.facilityId, name: r.facilityName!, postcode: r.facilityPostcode, city: r.facilityCity } : null,
    contact: { phone: r.contactPhone, email: r.contactEmail, website: r.contactWebsite, emergencyPhone: r.emergencyPhone },
    location: { lat: r.lat, lon: r.lon, coarse: r.locationIsCoarse, postcode: r.postcode, city: r.city },
    distanceKm: r.distanceKm === null ? null : km(r.distanceKm),
    ageMin: r.ageMin,
    ageMax: r.ageMax,
    genders: r.genders,
    specialisations: r.specialisations,
    exclusions: r.exclusions,
    languages: r.languages,
    secureSetting: r.secureSetting,
    siblingsMax: r.siblingsMax,
    stepFree: r.stepFree,
    emergencyIntake: r.emergencyIntake,
    therapyInHouse: r.therapyInHouse,
    schoolingOnSite: r.schoolingOnSite,
    staffingRatio: r.staffingRatio,
    maxAnswerHours: r.maxAnswerHours,
    dailyRate: r.dailyRate,
    places: {
      capacityTotal: r.capacityTotal,
      freePlaces: r.freePlaces,
      heldPlaces: r.heldPlaces,
      availablePlaces: r.availablePlaces,
      admittablePlaces: r.admittablePlaces,
      pause: r.pausedReason && r.pausedUntil ? { reason: r.pausedReason, until: r.pausedUntil } : null,
      availableFrom: r.availableFrom,
      plannedVacancies: r.plannedVacancies,
      lastConfirmedAt: r.lastConfirmedAt,
      availabilityChangedAt: r.availabilityChangedAt,
      confirmedAgeHours: r.confirmedAgeHours,
      freshness: r.freshness,
    },
    match: { reasons: matchReasons(c, r), preferencesMet: prefs.met, preferencesMissed: prefs.missed },
    position,
    // given here, not spread onto the result afterwards (a copy of every result of a page)
    answerTimes,
  };
}
