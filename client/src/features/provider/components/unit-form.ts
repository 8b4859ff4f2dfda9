import type { Setting, Unit } from '../../../../../shared/schemas/places';

/** The unit editor's form state (strings as typed) and its mapping from and to the API's unit. */
const TEXT = ['name', 'description', 'emergencyPhone', 'staffingRatio', 'contactPhone', 'contactEmail', 'externalRef', 'street', 'postcode', 'city', 'districtAgs', 'facilityId'] as const;
const NUMS = ['ageMin', 'ageMax', 'siblingsMax', 'maxAnswerHours', 'dailyRate', 'residentsAgeMin', 'residentsAgeMax', 'residentsFemale', 'residentsMale', 'residentsDiverse', 'capacityTotal', 'freePlaces'] as const;
const FLAGS = ['secureSetting', 'stepFree', 'emergencyIntake', 'therapyInHouse', 'schoolingOnSite', 'agreementPresent', 'licencePresent'] as const;
const LISTS = ['serviceTypes', 'genders', 'specialisations', 'exclusions', 'languages'] as const;

export type UnitForm = Record<(typeof TEXT)[number] | (typeof NUMS)[number], string> &
  Record<(typeof FLAGS)[number], boolean> &
  Record<(typeof LISTS)[number], string[]> & { setting: Setting };

export const EMPTY_UNIT: UnitForm = {
  ...(Object.fromEntries([...TEXT, ...NUMS].map((k) => [k, ''])) as Record<(typeof TEXT)[number] | (typeof NUMS)[number], string>),
  ...(Object.fromEntries(FLAGS.map((k) => [k, false])) as Record<(typeof FLAGS)[number], boolean>),
  serviceTypes: [],
  genders: ['female', 'male', 'diverse'],
  specialisations: [],
  exclusions: [],
  languages: ['de'],
  setting: 'stationaer',
  ageMin: '0',
  ageMax: '17',
  siblingsMax: '0',
  freePlaces: '0',
};

export function fromUnit(u: Unit): UnitForm {
  const f: UnitForm = { ...EMPTY_UNIT, setting: u.setting };
  for (const k of TEXT) if (k in u) f[k] = ((u as unknown as Record<string, unknown>)[k] as string | null) ?? '';
  for (const k of NUMS) f[k] = (u as unknown as Record<string, unknown>)[k] == null ? '' : String((u as unknown as Record<string, unknown>)[k]);
  for (const k of FLAGS) f[k] = u[k];
  for (const k of LISTS) f[k] = [...u[k]];
  f.facilityId = u.facilityId ?? '';
  if (u.fosterAddress) Object.assign(f, { street: u.fosterAddress.street, postcode: u.fosterAddress.postcode, city: u.fosterAddress.city });
  return f;
}

const num = (s: string): number | string | null => {
  const v = s.trim().replace(',', '.');
  if (v === '') return null;
  return Number.isFinite(Number(v)) ? Number(v) : v;
};
const text = (s: string) => (s.trim() === '' ? null : s.trim());

export function toBody(f: UnitForm, isNew: boolean): Record<string, unknown> {
  const foster = f.setting === 'pflegefamilie';
  const b: Record<string, unknown> = { setting: f.setting };
  for (const k of ['name', 'description', 'emergencyPhone', 'staffingRatio', 'contactPhone', 'contactEmail', 'externalRef'] as const) b[k] = text(f[k]);
  for (const k of NUMS) if (k !== 'freePlaces') b[k] = num(f[k]);
  for (const k of FLAGS) b[k] = f[k];
  for (const k of LISTS) b[k] = f[k];
  if (isNew && b.capacityTotal !== null) b.freePlaces = num(f.freePlaces) ?? 0;
  if (foster) {
    b.fosterAddress = { street: f.street.trim(), postcode: f.postcode.trim(), city: f.city.trim() };
    b.districtAgs = text(f.districtAgs);
  } else {
    b.facilityId = text(f.facilityId);
  }
  return b;
}
