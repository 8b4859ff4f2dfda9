import { z } from 'zod';
import { MatchingAttributesShape } from './attributes';
import { Postcode, Uuid } from './common';
import { AnswerTimesSchema } from './requests';
import { pseudonymousText } from './text';

/** A taxonomy code (service type, specialisation, exclusion); checked against the tables on the server. */
const Code = z.string().regex(/^[a-z0-9-]{1,40}$/, 'must be a taxonomy code (lower-case letters, digits, -)');
const LanguageCode = z.string().regex(/^[a-z]{2,3}$/, 'must be a language code (ISO 639)');
const Km = z.number().positive('must be greater than 0').max(1000, 'must be at most 1000 km');

export const GENDERS = ['female', 'male', 'diverse'] as const;

/** Where distances are measured from: exactly one of a postcode, a town, or coordinates. */
export const ReferenceSchema = z
  .object({
    postcode: Postcode.optional(),
    town: z.string().trim().min(2, 'must have at least 2 characters').max(100).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const given = [r.postcode !== undefined, r.town !== undefined, r.lat !== undefined || r.lon !== undefined].filter(Boolean).length;
    if (given !== 1) ctx.addIssue({ code: 'custom', message: 'give exactly one of postcode, town, or lat and lon', params: { code: 'one_of' } });
    else if ((r.lat === undefined) !== (r.lon === undefined)) {
      ctx.addIssue({ code: 'custom', path: [r.lat === undefined ? 'lat' : 'lon'], message: 'is required with the other coordinate', params: { code: 'required' } });
    }
  })
  .meta({ id: 'SearchReference' });
export type Reference = z.infer<typeof ReferenceSchema>;

export const SearchPreferencesSchema = z
  .object({
    languages: z.array(LanguageCode).max(10).default([]),
    specialisations: z.array(Code).max(12).default([]),
    /** Nearer than this ranks higher; needs a reference point. */
    withinKm: Km.optional(),
    /** Confirmed within this many days ranks higher. */
    confirmedWithinDays: z.number().int().min(0).max(365).optional(),
    /** A daily rate at or below this ranks higher (an unknown rate counts as missed). */
    maxDailyRate: z.number().positive().max(100_000).optional(),
  })
  .strict()
  .meta({ id: 'SearchPreferences' });

/**
 * What a caseworker looks for. Hard criteria must all hold; preferences only rank. No child
 * identity: an age in years, gender and needs.
 */
export const SearchCriteriaSchema = z
  .object({
    /** Type of service (service_types.code), e.g. '34'. The unit must offer it. */
    serviceType: Code.optional(),
    /**
     * The child's age in years; the unit's age range must include it. Left out (with gender), the
     * search browses what is free by type of service and distance; an open search needs it.
     */
    age: z.number().int('must be a whole number').min(0, 'must be at least 0').max(27, 'must be at most 27').optional(),
    /** The unit must accept this gender. */
    gender: z.enum(GENDERS).optional(),
    /** Specialisations the unit must cover (all of them). */
    needs: z.array(Code).max(12).default([]),
    /** Exclusion codes that apply to the child: units excluding any of them are left out. */
    conditions: z.array(Code).max(10).default([]),
    /** true: only secure settings (§ 1631b BGB). */
    secureSetting: z.boolean().default(false),
    /** Children placed together as siblings, this child included (0 or 1: the child alone). */
    siblings: z.number().int().min(0).max(10).default(0),
    /** true: only units with emergency intake 24/7. */
    emergencyIntake: z.boolean().default(false),
    /** Without: free places now. With a date: free now or by then, counting planned vacancies. */
    availableBy: z.iso.date({ message: 'must be a date (YYYY-MM-DD)' }).optional(),
    reference: ReferenceSchema.optional(),
    /** Maximum distance from the reference point. */
    radiusKm: Km.optional(),
    preferences: SearchPreferencesSchema.default({ languages: [], specialisations: [] }),
    /** Include units whose availability has not been confirmed for too long (left out by default). */
    includeStale: z.boolean().default(false),
    /** false: leave out units with an Aufnahmestopp (by default they are listed as paused, with the date). */
    includePaused: z.boolean().default(true),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.radiusKm !== undefined && !c.reference) ctx.addIssue({ code: 'custom', path: ['reference'], message: 'is required with radiusKm', params: { code: 'required_with', other: 'radiusKm' } });
    if (c.preferences.withinKm !== undefined && !c.reference) {
      ctx.addIssue({ code: 'custom', path: ['reference'], message: 'is required with preferences.withinKm', params: { code: 'required_with', other: 'withinKm' } });
    }
  })
  .meta({ id: 'SearchCriteria' });
export type SearchCriteria = z.infer<typeof SearchCriteriaSchema>;
export type SearchCriteriaInput = z.input<typeof SearchCriteriaSchema>;

export const SORTS = ['fit', 'distance', 'freshness', 'dailyRate', 'availablePlaces', 'availableFrom'] as const;
export const SortSchema = z.enum(SORTS);
export type SearchSort = z.infer<typeof SortSchema>;

const Paging = {
  sort: SortSchema.default('fit'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(25),
};

/** POST /api/v1/search: the criteria plus order and page. */
export const SearchRequestSchema = z
  .object({ criteria: SearchCriteriaSchema, ...Paging })
  .strict()
  .meta({ id: 'SearchRequest' });
export type SearchRequest = z.infer<typeof SearchRequestSchema>;

export const SearchPageQuerySchema = z.object(Paging);

const Json = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);

export const MatchReasonSchema = z
  .object({
    criterion: z.enum(['serviceType', 'age', 'gender', 'needs', 'conditions', 'secureSetting', 'siblings', 'emergencyIntake', 'availability', 'distance', 'freshness']),
    /** What the search asked for. */
    wanted: Json,
    /** What the unit offers. */
    actual: Json,
  })
  .meta({ id: 'SearchMatchReason' });

export const PreferenceCheckSchema = z
  .object({
    preference: z.enum(['language', 'specialisation', 'distance', 'freshness', 'dailyRate']),
    wanted: Json,
    actual: Json,
  })
  .meta({ id: 'SearchPreferenceCheck' });

export const FRESHNESS = ['fresh', 'unconfirmed', 'stale'] as const;

export const SearchResultSchema = z
  .object({
    unitId: Uuid,
    name: z.string(),
    setting: z.string(),
    serviceTypes: z.array(z.string()),
    provider: z.object({ id: Uuid, name: z.string(), kind: z.enum(['provider', 'office']) }),
    /** How quickly the provider answers requests (last 90 days); absent in live match events. */
    answerTimes: AnswerTimesSchema.optional(),
    facility: z.object({ id: Uuid, name: z.string(), postcode: z.string().nullable(), city: z.string().nullable() }).nullable(),
    contact: z.object({
      phone: z.string().nullable(),
      email: z.string().nullable(),
      website: z.string().nullable(),
      /** 24/7 number for emergency intake (the unit's, else the provider's). */
      emergencyPhone: z.string().nullable(),
    }),
    /** Foster places: a coarse point (postcode area) only, `coarse: true`. */
    location: z.object({ lat: z.number(), lon: z.number(), coarse: z.boolean(), postcode: z.string().nullable(), city: z.string().nullable() }),
    distanceKm: z.number().nullable(),
    ...MatchingAttributesShape,
    places: z.object({
      capacityTotal: z.number().int(),
      freePlaces: z.number().int(),
      /** Held by accepted requests (0 until requests hold places). */
      heldPlaces: z.number().int(),
      /** What can be requested now: free - held, or the admittable figure minus held when the unit gives one; 0 while paused. */
      availablePlaces: z.number().int(),
      /** What the unit says it can admit now (staff limits); null: as many as are free. */
      admittablePlaces: z.number().int().nullable(),
      /** Aufnahmestopp: takes no requests until `until` (inclusive). */
      pause: z.object({ reason: z.enum(['staff-shortage', 'group-crisis', 'renovation', 'other']), until: z.iso.date() }).nullable(),
      /** Today when available now, else the planned date by which enough places are free. */
      availableFrom: z.iso.date(),
      plannedVacancies: z.array(z.object({ from: z.iso.date(), places: z.number().int() })),
      lastConfirmedAt: z.string().nullable(),
      availabilityChangedAt: z.string().nullable(),
      /** Age of the figures: hours since the provider last confirmed them. */
      confirmedAgeHours: z.number().int().nullable(),
      freshness: z.enum(FRESHNESS),
    }),
    match: z.object({
      /** Every hard criterion of the search, and what the unit offers for it. */
      reasons: z.array(MatchReasonSchema),
      preferencesMet: z.array(PreferenceCheckSchema),
      preferencesMissed: z.array(PreferenceCheckSchema),
    }),
    /** 1-based position in the current order; no hidden score. */
    position: z.number().int(),
  })
  .meta({ id: 'SearchResult' });
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const ResolvedReferenceSchema = z
  .object({
    lat: z.number(),
    lon: z.number(),
    label: z.string(),
    source: z.enum(['postcode', 'town', 'coordinates']),
    /** The point is interpolated (postcode not in the gazetteer) and may be a few km off. */
    approximate: z.boolean(),
  })
  .meta({ id: 'SearchResolvedReference' });
export type ResolvedReference = z.infer<typeof ResolvedReferenceSchema>;

export const SearchResponseSchema = z
  .object({
    items: z.array(SearchResultSchema),
    total: z.number().int(),
    page: z.number().int(),
    perPage: z.number().int(),
    sort: SortSchema,
    /** How the list is ordered, key by key: the explanation of every position. */
    order: z.array(z.string()),
    reference: ResolvedReferenceSchema.nullable(),
    /** Units matching everything but left out because their figures are too old (includeStale shows them). */
    /** Units that match but have an Aufnahmestopp: listed apart, with the date (empty with includePaused: false). */
    paused: z.array(SearchResultSchema).default([]),
    hiddenStale: z.number().int(),
    freshness: z.object({ unconfirmedAfterDays: z.number().int(), hiddenAfterDays: z.number().int() }),
    /** The event stream position this answer reflects: resume live updates from here. */
    lastSeq: z.number().int(),
  })
  .meta({ id: 'SearchResponse' });
export type SearchResponse = z.infer<typeof SearchResponseSchema>;

// ---- open searches

/** The office's pseudonymous case reference (no names), checked like the one of a placement request. */
export const CaseRefSchema = pseudonymousText(40, { min: 1, caseRef: true });

export const CreateOpenSearchBodySchema = z
  .object({
    criteria: SearchCriteriaSchema,
    /** What the caseworker calls the search; without it, the case reference names it. */
    name: z.string().trim().min(1).max(80).optional(),
    caseRef: CaseRefSchema.optional(),
    /**
     * When the caller already has an open search with the same criteria and case reference:
     * `offer` answers 409 (reason duplicate-search) naming it for reuse; `open` opens another.
     */
    onDuplicate: z.enum(['offer', 'open']).optional(),
    /** Closes by itself after this many hours (default SEARCH_OPEN_HOURS). */
    expiresInHours: z.number().int().min(1).max(24 * 30).optional(),
    ...Paging,
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.criteria.age === undefined) {
      ctx.addIssue({ code: 'custom', path: ['criteria', 'age'], message: 'is required to keep a search open', params: { code: 'required' } });
    }
  })
  .meta({ id: 'CreateOpenSearchBody' });
export type CreateOpenSearchBody = z.infer<typeof CreateOpenSearchBodySchema>;

export const OpenSearchSchema = z
  .object({
    id: Uuid,
    officeId: Uuid,
    ownerUserId: Uuid,
    ownerName: z.string(),
    /** The caseworker's name for it (default: the case reference); null for unnamed older searches. */
    name: z.string().nullable(),
    caseRef: z.string().nullable(),
    criteria: SearchCriteriaSchema,
    reference: ResolvedReferenceSchema.nullable(),
    status: z.enum(['open', 'closed', 'expired']),
    createdAt: z.string(),
    expiresAt: z.string(),
    closedAt: z.string().nullable(),
    matchCount: z.number().int(),
    /** The socket room with this search's live updates ('search:<id>'). */
    room: z.string(),
  })
  .meta({ id: 'OpenSearch' });
export type OpenSearch = z.infer<typeof OpenSearchSchema>;

export const OpenSearchListSchema = z.object({ items: z.array(OpenSearchSchema) }).meta({ id: 'OpenSearchList' });

export const OpenSearchListQuerySchema = z.object({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  mine: z.enum(['true', 'false']).optional(),
});

export const OpenSearchCreatedSchema = z
  .object({ search: OpenSearchSchema, results: SearchResponseSchema })
  .meta({ id: 'OpenSearchCreated' });

export const UnitParams = z.object({ id: z.uuid(), unitId: z.uuid() });

export const ReferenceSuggestQuerySchema = z.object({
  q: z.string().trim().min(2, 'must have at least 2 characters').max(100),
});
export const ReferenceSuggestionsSchema = z
  .object({ items: z.array(ResolvedReferenceSchema.extend({ postcode: z.string().nullable() })) })
  .meta({ id: 'SearchReferenceSuggestions' });
