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
  it('speaks in hours: 48/72/168 h for units with free places, longer for full units; fractions allowed; periods in order', () => {
    expect(freshnessPeriods(loadConfig({}))).toEqual({
      free: { remindSecs: 48 * 3600, unconfirmedSecs: 72 * 3600, hiddenSecs: 7 * 86_400 },
      full: { remindSecs: 7 * 86_400, unconfirmedSecs: 14 * 86_400, hiddenSecs: 30 * 86_400 },
    });
    expect(freshnessPeriods(loadConfig({ FRESHNESS_REMIND_HOURS: '0.5', FRESHNESS_UNCONFIRMED_HOURS: '12', FRESHNESS_HIDDEN_HOURS: '48' })).free).toEqual({
      remindSecs: 1800,
      unconfirmedSecs: 43_200,
      hiddenSecs: 172_800,
    });
    expect(() => loadConfig({ FRESHNESS_UNCONFIRMED_HOURS: '100', FRESHNESS_HIDDEN_HOURS: '50' })).toThrow(/FRESHNESS_HIDDEN_HOURS/);
    expect(() => loadConfig({ FRESHNESS_REMIND_HOURS: '80' })).toThrow(/FRESHNESS_UNCONFIRMED_HOURS/);
    expect(() => loadConfig({ FRESHNESS_FULL_HIDDEN_HOURS: '300' })).toThrow(/FRESHNESS_FULL_HIDDEN_HOURS/);
    expect(() => loadConfig({ FRESHNESS_UNCONFIRMED_HOURS: '0' })).toThrow(/FRESHNESS_UNCONFIRMED_HOURS/);
    expect(() => loadConfig({ REGION_BBOX: 'germany' })).toThrow(/REGION_BBOX/);
  });
});
