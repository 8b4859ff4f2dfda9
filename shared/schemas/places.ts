import { z } from 'zod';
import { MatchingAttributesShape } from './attributes';
import { Email, Phone, Postcode, Uuid } from './common';

/** Facilities, units (Angebote) and foster places: entities, bodies and the two views of a unit. */

const Code = z.string().trim().min(1).max(40);
const codes = (max: number) => z.array(Code).max(max, `must have at most ${max} entries`);
const Lat = z.number().min(-90).max(90);
const Lon = z.number().min(-180).max(180);
const OptText = (max: number) => z.string().trim().max(max).nullable().optional();
const Age = z.number().int().min(0, 'must be 0 or more').max(27, 'must be 27 or less');

export const SETTINGS = ['stationaer', 'teilstationaer', 'ambulant', 'pflegefamilie'] as const;
export const SettingSchema = z.enum(SETTINGS);
export type Setting = z.infer<typeof SettingSchema>;
export const GENDERS = ['female', 'male', 'diverse'] as const;

export const FRESHNESS = ['fresh', 'unconfirmed', 'hidden'] as const;
/** fresh: confirmed recently; unconfirmed: marked, provider reminded; hidden: out of default search results. */
export const FreshnessSchema = z.enum(FRESHNESS);
export type Freshness = z.infer<typeof FreshnessSchema>;

// ---------------------------------------------------------------- facilities

export const FacilitySchema = z
  .object({
    id: Uuid,
    providerId: Uuid,
    name: z.string(),
    street: z.string().nullable(),
    postcode: z.string().nullable(),
    city: z.string().nullable(),
    /** The public sees only postcode and city (emergency intake facilities: true by default). */
    addressConfidential: z.boolean(),
    districtAgs: z.string().nullable(),
    lat: z.number(),
    lon: z.number(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    openingHours: z.string().nullable(),
    accessibility: z.string().nullable(),
    licenceRef: z.string().nullable(),
    licencePresent: z.boolean(),
    unitCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    archivedAt: z.string().nullable(),
  })
  .meta({ id: 'Facility' });
export type Facility = z.infer<typeof FacilitySchema>;
export const FacilityListSchema = z.object({ items: z.array(FacilitySchema) }).meta({ id: 'FacilityList' });

const FacilityFields = {
  name: z.string().trim().min(2, 'must have at least 2 characters').max(200),
  street: OptText(200),
  postcode: Postcode.nullable().optional(),
  city: OptText(100),
  districtAgs: z.string().regex(/^\d{5}$/, 'must be a five-digit district key (AGS)').nullable().optional(),
  /** Without coordinates the postcode's point is used (offline data, no geocoding service). */
  lat: Lat.optional(),
  lon: Lon.optional(),
  phone: Phone.nullable().optional(),
  email: Email.nullable().optional(),
  website: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).nullable().optional(),
  openingHours: OptText(500),
  accessibility: OptText(1000),
  licenceRef: OptText(100),
  licencePresent: z.boolean().optional(),
  /** Show the public only the town (postcode and city), never the street or the exact point. */
  addressConfidential: z.boolean().optional(),
};

const bothOrNone = (b: { lat?: number; lon?: number }) => (b.lat === undefined) === (b.lon === undefined);

export const CreateFacilityBodySchema = z
  .object(FacilityFields)
  .strict()
  .refine(bothOrNone, { path: ['lon'], message: 'give latitude and longitude together' })
  .refine((b) => b.lat !== undefined || !!b.postcode, { path: ['postcode'], message: 'is required when no coordinates are given' })
  .meta({ id: 'CreateFacilityBody' });
export type CreateFacilityBody = z.infer<typeof CreateFacilityBodySchema>;

export const UpdateFacilityBodySchema = z
  .object(FacilityFields)
  .partial()
  .strict()
  .refine(bothOrNone, { path: ['lon'], message: 'give latitude and longitude together' })
  .refine((b) => Object.keys(b).length > 0, { message: 'must change at least one field' })
  .meta({ id: 'UpdateFacilityBody' });
export type UpdateFacilityBody = z.infer<typeof UpdateFacilityBodySchema>;

// ---------------------------------------------------------------- units

export const PlannedVacancySchema = z
  .object({ id: Uuid, availableFrom: z.string(), places: z.number().int(), note: z.string().nullable() })
  .meta({ id: 'PlannedVacancy' });
export type PlannedVacancy = z.infer<typeof PlannedVacancySchema>;

export const IsoDate = z.iso.date('must be a date (YYYY-MM-DD)');

export const PlannedVacancyBodySchema = z
  .object({
    availableFrom: IsoDate,
    places: z.number().int().min(1, 'must be at least 1').max(500),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .strict()
  .meta({ id: 'PlannedVacancyBody' });
export type PlannedVacancyBody = z.infer<typeof PlannedVacancyBodySchema>;

/** The exact address of a foster place: stored for its owner only, never in any other response. */
export const FosterAddressSchema = z
  .object({
    street: z.string().trim().min(2).max(200),
    postcode: Postcode,
    city: z.string().trim().min(2).max(100),
    lat: Lat.nullable().optional(),
    lon: Lon.nullable().optional(),
  })
  .strict()
  .meta({ id: 'FosterAddress' });
export type FosterAddress = z.infer<typeof FosterAddressSchema>;

/** Every matching attribute of the domain guide, as the owner edits it. */
const UnitFields = {
  name: z.string().trim().min(2, 'must have at least 2 characters').max(200),
  description: OptText(4000),
  setting: SettingSchema,
  serviceTypes: codes(10).min(1, 'needs at least one type of service'),
  ageMin: Age,
  ageMax: Age,
  genders: z.array(z.enum(GENDERS)).min(1, 'needs at least one gender').max(3),
  specialisations: codes(30).optional(),
  exclusions: codes(30).optional(),
  languages: codes(40).optional(),
  secureSetting: z.boolean().optional(),
  siblingsMax: z.number().int().min(0).max(10).optional(),
  stepFree: z.boolean().optional(),
  emergencyIntake: z.boolean().optional(),
  emergencyPhone: Phone.nullable().optional(),
  maxAnswerHours: z.number().int().min(1).max(720).nullable().optional(),
  staffingRatio: z
    .string()
    .trim()
    .regex(/^\d{1,2}(,\d)?:\d{1,2}(,\d)?$/, 'must look like 1:1 or 1:2,5')
    .nullable()
    .optional(),
  therapyInHouse: z.boolean().optional(),
  schoolingOnSite: z.boolean().optional(),
  dailyRate: z.number().min(0).max(100_000).nullable().optional(),
  agreementPresent: z.boolean().optional(),
  licencePresent: z.boolean().optional(),
  residentsAgeMin: Age.nullable().optional(),
  residentsAgeMax: Age.nullable().optional(),
  residentsFemale: z.number().int().min(0).max(500).nullable().optional(),
  residentsMale: z.number().int().min(0).max(500).nullable().optional(),
  residentsDiverse: z.number().int().min(0).max(500).nullable().optional(),
  /** null: an offer without places (directory only: counselling, ambulant, …) */
  capacityTotal: z.number().int().min(0).max(500).nullable().optional(),
  contactPhone: Phone.nullable().optional(),
  contactEmail: Email.nullable().optional(),
  externalRef: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._:/-]{1,64}$/, 'must be 1 to 64 letters, digits or . _ : / -')
    .nullable()
    .optional(),
  /** groups: the facility they belong to (its location is theirs) */
  facilityId: Uuid.nullable().optional(),
  /** foster places: the district they lie in (shown instead of an address) */
  districtAgs: z.string().regex(/^\d{5}$/, 'must be a five-digit district key (AGS)').nullable().optional(),
  fosterAddress: FosterAddressSchema.nullable().optional(),
};

type Checkable = {
  ageMin?: number;
  ageMax?: number;
  residentsAgeMin?: number | null;
  residentsAgeMax?: number | null;
  emergencyIntake?: boolean;
  emergencyPhone?: string | null;
  capacityTotal?: number | null;
  freePlaces?: number | null;
  setting?: Setting;
  facilityId?: string | null;
  fosterAddress?: FosterAddress | null;
};

/** Rules across fields; the service runs them again on the merged state of an update. */
export function unitRuleIssues(b: Checkable): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (b.ageMin !== undefined && b.ageMax !== undefined && b.ageMin > b.ageMax) out.push({ path: 'ageMax', message: 'must not be below the minimum age' });
  if (b.residentsAgeMin != null && b.residentsAgeMax != null && b.residentsAgeMin > b.residentsAgeMax) {
    out.push({ path: 'residentsAgeMax', message: 'must not be below the youngest resident' });
  }
  if (b.emergencyIntake && !b.emergencyPhone) out.push({ path: 'emergencyPhone', message: 'is required for 24/7 emergency intake' });
  if (b.freePlaces != null && (b.capacityTotal == null || b.freePlaces > b.capacityTotal)) {
    out.push({ path: 'freePlaces', message: b.capacityTotal == null ? 'needs a capacity' : 'must not exceed the capacity' });
  }
  if (b.setting === 'pflegefamilie' && b.facilityId) out.push({ path: 'facilityId', message: 'foster places belong to no facility' });
  if (b.setting && b.setting !== 'pflegefamilie' && b.fosterAddress) out.push({ path: 'fosterAddress', message: 'only foster places have a foster address' });
  return out;
}

export const CreateUnitBodySchema = z
  .object({ ...UnitFields, freePlaces: z.number().int().min(0, 'must be 0 or more').max(500).nullable().optional() })
  .strict()
  .superRefine((b, ctx) => {
    for (const i of unitRuleIssues(b)) ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
    if (b.setting === 'pflegefamilie' && !b.fosterAddress) ctx.addIssue({ code: 'custom', path: ['fosterAddress'], message: 'is required for a foster place' });
    if (b.setting !== 'pflegefamilie' && !b.facilityId) ctx.addIssue({ code: 'custom', path: ['facilityId'], message: 'is required (the facility of the group or offer)' });
  })
  .meta({ id: 'CreateUnitBody' });
export type CreateUnitBody = z.infer<typeof CreateUnitBodySchema>;

export const UpdateUnitBodySchema = z
  .object({
    ...UnitFields,
    /** Refuse the change (409) when the unit was changed since this version. */
    expectedVersion: z.number().int().min(1),
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).some((k) => k !== 'expectedVersion'), { message: 'must change at least one field' })
  .meta({ id: 'UpdateUnitBody' });
export type UpdateUnitBody = z.infer<typeof UpdateUnitBodySchema>;

const UnitCommon = {
  id: Uuid,
  name: z.string(),
  description: z.string().nullable(),
  setting: SettingSchema,
  serviceTypes: z.array(z.string()),
  ...MatchingAttributesShape,
  emergencyPhone: z.string().nullable(),
  agreementPresent: z.boolean(),
  licencePresent: z.boolean(),
  residentsAgeMin: z.number().int().nullable(),
  residentsAgeMax: z.number().int().nullable(),
  residentsFemale: z.number().int().nullable(),
  residentsMale: z.number().int().nullable(),
  residentsDiverse: z.number().int().nullable(),
  capacityTotal: z.number().int().nullable(),
  freePlaces: z.number().int().nullable(),
  /** Held for accepted placement requests (part of the free places, not requestable by others). */
  heldPlaces: z.number().int(),
  plannedVacancies: z.array(PlannedVacancySchema),
  /** What the unit can admit now (staff limits, at most the free places); null: as many as are free. */
  admittablePlaces: z.number().int().nullable(),
  /** Aufnahmestopp: no requests until `until` (inclusive); null when the unit takes requests. */
  pause: z
    .object({ reason: z.enum(['staff-shortage', 'group-crisis', 'renovation', 'other']), until: z.string(), note: z.string().nullable(), since: z.string() })
    .nullable(),
  /** When availability was last confirmed (changed or not): the age of every figure. */
  lastConfirmedAt: z.string().nullable(),
  /** When the free count or planned vacancies last changed. */
  availabilityChangedAt: z.string().nullable(),
  freshness: FreshnessSchema,
  /** For foster places a coarse point (the town's), never the address. */
  lat: z.number(),
  lon: z.number(),
  locationIsCoarse: z.boolean(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  districtAgs: z.string().nullable(),
  districtName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  facilityId: Uuid.nullable(),
  facility: z.object({ id: Uuid, name: z.string(), street: z.string().nullable(), postcode: z.string().nullable(), city: z.string().nullable() }).nullable(),
  /** When attributes were last edited (kept apart from lastConfirmedAt). */
  updatedAt: z.string(),
};

/** The owner's view: everything, including the foster address. */
export const UnitSchema = z
  .object({
    ...UnitCommon,
    ownerId: Uuid,
    ownerKind: z.enum(['provider', 'office']),
    externalRef: z.string().nullable(),
    fosterAddress: FosterAddressSchema.nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    archivedAt: z.string().nullable(),
  })
  .meta({ id: 'Unit' });
export type Unit = z.infer<typeof UnitSchema>;
export const UnitListSchema = z.object({ items: z.array(UnitSchema) }).meta({ id: 'UnitList' });

/** What offices see of another organisation's unit: no foster address, no internal references. */
export const PublicUnitSchema = z
  .object({
    ...UnitCommon,
    provider: z.object({ id: Uuid, name: z.string(), phone: z.string().nullable(), emergencyPhone: z.string().nullable(), email: z.string().nullable() }),
  })
  .meta({ id: 'PublicUnit' });
export type PublicUnit = z.infer<typeof PublicUnitSchema>;
export const PublicUnitListSchema = z.object({ items: z.array(PublicUnitSchema) }).meta({ id: 'PublicUnitList' });

export const UnitListQuerySchema = z.object({
  includeArchived: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  facilityId: Uuid.optional(),
});
