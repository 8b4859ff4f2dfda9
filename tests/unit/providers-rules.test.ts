import { describe, expect, it } from 'vitest';
import { AvailabilityBodySchema } from '../../shared/schemas/availability';
import { CreateUnitBodySchema, unitRuleIssues } from '../../shared/schemas/places';
import { loadConfig } from '../../server/config';
import { freshnessPeriods } from '../../server/features/freshness/periods';

describe('unit rules shared by client and server', () => {
  it('names each broken rule by field', () => {
    expect(unitRuleIssues({ ageMin: 14, ageMax: 12, emergencyIntake: true, capacityTotal: 2, freePlaces: 3 }).map((i) => i.path)).toEqual(['ageMax', 'emergencyPhone', 'freePlaces']);
    expect(unitRuleIssues({ capacityTotal: null, freePlaces: 1 })).toEqual([{ path: 'freePlaces', message: 'needs a capacity' }]);
    expect(unitRuleIssues({ setting: 'pflegefamilie', facilityId: '8d0c4b57-1d2e-4f6a-9b3c-2a1e0f9d8c7b' })[0].path).toBe('facilityId');
    expect(unitRuleIssues({ ageMin: 0, ageMax: 27 })).toEqual([]);
  });

  it('a foster place needs its address; a group its facility', () => {
    const base = { name: 'X Y', serviceTypes: ['33'], ageMin: 0, ageMax: 3, genders: ['female'] };
    const foster = CreateUnitBodySchema.safeParse({ ...base, setting: 'pflegefamilie' });
    expect(foster.success).toBe(false);
    expect(foster.error!.issues.map((i) => i.path.join('.'))).toEqual(['fosterAddress']);
    const group = CreateUnitBodySchema.safeParse({ ...base, setting: 'stationaer' });
    expect(group.error!.issues.map((i) => i.path.join('.'))).toEqual(['facilityId']);
  });

  it('the availability body takes exactly one of freePlaces and delta', () => {
    expect(AvailabilityBodySchema.safeParse({ delta: 1 }).success).toBe(true);
    expect(AvailabilityBodySchema.safeParse({ freePlaces: 0 }).success).toBe(true);
    expect(AvailabilityBodySchema.safeParse({}).success).toBe(false);
    expect(AvailabilityBodySchema.safeParse({ delta: 0 }).success).toBe(false);
    expect(AvailabilityBodySchema.safeParse({ freePlaces: 1, delta: 1 }).success).toBe(false);
  });
});

describe('freshness configuration', () => {
  it('defaults to 7 and 14 days, allows fractions, and refuses a hidden period not longer than the unconfirmed one', () => {
    expect(freshnessPeriods(loadConfig({}))).toEqual({ unconfirmedSecs: 7 * 86_400, hiddenSecs: 14 * 86_400 });
    expect(freshnessPeriods(loadConfig({ FRESHNESS_UNCONFIRMED_DAYS: '0.5', FRESHNESS_HIDDEN_DAYS: '2' }))).toEqual({ unconfirmedSecs: 43_200, hiddenSecs: 172_800 });
    expect(() => loadConfig({ FRESHNESS_UNCONFIRMED_DAYS: '10', FRESHNESS_HIDDEN_DAYS: '5' })).toThrow(/FRESHNESS_HIDDEN_DAYS/);
    expect(() => loadConfig({ FRESHNESS_UNCONFIRMED_DAYS: '0' })).toThrow(/FRESHNESS_UNCONFIRMED_DAYS/);
    expect(() => loadConfig({ REGION_BBOX: 'germany' })).toThrow(/REGION_BBOX/);
  });
});
