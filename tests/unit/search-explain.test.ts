import { describe, expect, it } from 'vitest';
import type { ResolvedCriteria } from '../../server/features/search/criteria';
import { matchReasons, preferenceChecks, toResult } from '../../server/features/search/explain';
import type { SearchRow } from '../../server/features/search/queries';
import { SearchCriteriaSchema, SearchResultSchema } from '../../shared/schemas/search';

const row: SearchRow = {
  unitId: '11111111-1111-4111-8111-111111111111',
  name: 'Wohngruppe Linde',
  setting: 'stationaer',
  serviceTypes: ['34', '41'],
  ageMin: 12,
  ageMax: 17,
  genders: ['female', 'diverse'],
  specialisations: ['trauma', 'attachment'],
  exclusions: ['acute-psychosis'],
  languages: ['de', 'ar'],
  secureSetting: false,
  siblingsMax: 3,
  stepFree: true,
  emergencyIntake: true,
  therapyInHouse: false,
  schoolingOnSite: false,
  staffingRatio: '1:2',
  maxAnswerHours: 4,
  dailyRate: 240,
  capacityTotal: 8,
  freePlaces: 3,
  heldPlaces: 1,
  availablePlaces: 2,
  admittablePlaces: null,
  pausedReason: null,
  pausedUntil: null,
  lat: 52.52,
  lon: 13.4,
  locationIsCoarse: false,
  postcode: '10115',
  city: 'Berlin',
  ownerId: '22222222-2222-4222-8222-222222222222',
  ownerKind: 'provider',
  ownerName: 'Träger e. V.',
  facilityId: '33333333-3333-4333-8333-333333333333',
  facilityName: 'Haus Linde',
  facilityPostcode: '10115',
  facilityCity: 'Berlin',
  contactPhone: '030 123',
  contactEmail: 'linde@example.org',
  contactWebsite: null,
  emergencyPhone: '030 999',
  distanceKm: 12.345,
  availableFrom: '2026-01-01',
  lastConfirmedAt: '2025-12-30T10:00:00.000Z',
  availabilityChangedAt: '2025-12-29T10:00:00.000Z',
  confirmedAgeHours: 30,
  freshness: 'fresh',
  freshPrefMet: false,
  missed: 0,
  plannedVacancies: [{ from: '2026-02-01', places: 1 }],
};

const criteria = (c: object): ResolvedCriteria => ({
  ...SearchCriteriaSchema.parse(c),
  point: { lat: 52.5, lon: 13.3, label: 'x', source: 'coordinates', approximate: false },
  staleAfterSecs: 14 * 86_400,
  unconfirmedAfterSecs: 7 * 86_400,
});

describe('explanations', () => {
  it('lists every hard criterion the search set, with what the unit offers', () => {
    const c = criteria({
      serviceType: '34',
      age: 14,
      gender: 'female',
      needs: ['trauma'],
      conditions: ['acute-suicidality'],
      siblings: 2,
      emergencyIntake: true,
      reference: { lat: 52.5, lon: 13.3 },
      radiusKm: 25,
    });
    expect(matchReasons(c, row)).toEqual([
      { criterion: 'serviceType', wanted: '34', actual: ['34', '41'] },
      { criterion: 'age', wanted: 14, actual: '12-17' },
      { criterion: 'gender', wanted: 'female', actual: ['female', 'diverse'] },
      { criterion: 'needs', wanted: ['trauma'], actual: ['trauma', 'attachment'] },
      { criterion: 'conditions', wanted: ['acute-suicidality'], actual: ['acute-psychosis'] },
      { criterion: 'siblings', wanted: 2, actual: 3 },
      { criterion: 'emergencyIntake', wanted: true, actual: true },
      { criterion: 'availability', wanted: '2 now', actual: '2 now' },
      { criterion: 'distance', wanted: 25, actual: 12.3 },
      { criterion: 'freshness', wanted: 'not stale', actual: 'fresh' },
    ]);
  });

  it('leaves out criteria the search left open, and tells a planned vacancy from a free place', () => {
    const c = criteria({ age: 14, siblings: 3, availableBy: '2026-03-01' });
    const reasons = matchReasons(c, row);
    expect(reasons.map((r) => r.criterion)).toEqual(['age', 'siblings', 'availability', 'freshness']);
    expect(reasons.find((r) => r.criterion === 'availability')).toEqual({ criterion: 'availability', wanted: '3 by 2026-03-01', actual: 'from 2026-01-01' });
  });

  it('names each preference met and missed, with both values', () => {
    const c = criteria({
      age: 14,
      reference: { lat: 52.5, lon: 13.3 },
      preferences: { languages: ['ar', 'uk'], specialisations: ['psychiatric', 'attachment'], withinKm: 10, confirmedWithinDays: 1, maxDailyRate: 250 },
    });
    const { met, missed } = preferenceChecks(c, row);
    expect(met).toEqual([
      { preference: 'language', wanted: 'ar', actual: ['de', 'ar'] },
      { preference: 'specialisation', wanted: 'attachment', actual: ['trauma', 'attachment'] },
      { preference: 'dailyRate', wanted: 250, actual: 240 },
    ]);
    expect(missed).toEqual([
      { preference: 'language', wanted: 'uk', actual: ['de', 'ar'] },
      { preference: 'specialisation', wanted: 'psychiatric', actual: ['trauma', 'attachment'] },
      { preference: 'distance', wanted: 10, actual: 12.3 },
      { preference: 'freshness', wanted: 1, actual: '2025-12-30T10:00:00.000Z' },
    ]);
  });

  it('counts an unknown daily rate as a missed rate preference', () => {
    const { missed } = preferenceChecks(criteria({ age: 14, preferences: { maxDailyRate: 300 } }), { ...row, dailyRate: null });
    expect(missed).toEqual([{ preference: 'dailyRate', wanted: 300, actual: null }]);
  });

  it('builds a DTO the response schema accepts, with held and available places apart', () => {
    const r = toResult(criteria({ age: 14 }), row, 7);
    expect(SearchResultSchema.parse(r)).toEqual(r);
    expect(r.places).toMatchObject({ freePlaces: 3, heldPlaces: 1, availablePlaces: 2 });
    expect(r.position).toBe(7);
    expect(r.distanceKm).toBe(12.3);
    expect(r.contact).toEqual({ phone: '030 123', email: 'linde@example.org', website: null, emergencyPhone: '030 999' });
  });
});
