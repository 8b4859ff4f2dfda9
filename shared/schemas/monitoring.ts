import { z } from 'zod';

/** What a suppressed cell shows: it counted fewer than `MIN_CELL` cases. */
export const SUPPRESSED = '< 5' as const;
export const MIN_CELL = 5;

/** A count of cases, or "< 5" when it counted fewer than 5 (0 included). */
export const CellSchema = z.union([z.number().int(), z.literal(SUPPRESSED)]).meta({ id: 'MonitoringCell' });
export type Cell = z.infer<typeof CellSchema>;
/** A figure derived from cases (share, median): null when its cases were fewer than 5 (or none). */
const Derived = z.number().nullable();

export const AGE_BANDS = ['0-5', '6-11', '12-13', '14-17', '18-27'] as const;
export const SCOPES = ['office', 'district', 'region', 'all'] as const;

export const MonitoringQuerySchema = z.object({
  days: z.coerce.number().int().min(1, 'must be at least 1').max(366, 'must be at most 366').default(30),
  /** office: own office (requests, searches) or own district (supply); district: own district; region: districts within MONITORING_RADIUS_KM; all: platform admin only. */
  scope: z.enum(SCOPES).optional(),
  /** Platform admin: one district (AGS). */
  district: z.string().regex(/^\d{5}$/, 'must be a 5-digit AGS').optional(),
});
export type MonitoringQuery = z.infer<typeof MonitoringQuerySchema>;

const Scope = z.object({
  scope: z.enum(SCOPES),
  days: z.number().int(),
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  /** The districts (AGS) counted; null: all. */
  districts: z.array(z.string()).nullable(),
  radiusKm: z.number().nullable(),
});

const PlacesRow = z.object({ key: z.string(), units: z.number().int(), free: z.number().int(), held: z.number().int(), available: z.number().int() });
const CountRow = z.object({ key: z.string(), count: CellSchema });
const Freshness = z.object({
  units: z.number().int(),
  unitsConfirmed: z.number().int(),
  shareUnits: z.number().nullable(),
  freePlaces: z.number().int(),
  freePlacesConfirmed: z.number().int(),
  sharePlaces: z.number().nullable(),
});

export const SupplySchema = Scope.extend({
  available: z.object({
    byServiceType: z.array(PlacesRow),
    byAgeBand: z.array(PlacesRow),
    byGender: z.array(PlacesRow),
    byDistrict: z.array(PlacesRow.extend({ name: z.string(), lat: z.number().nullable(), lon: z.number().nullable() })),
  }),
  plannedNext30Days: z.array(z.object({ key: z.string(), places: z.number().int() })),
  freshness: z.object({
    withinHours: z.number().int(),
    region: Freshness,
    providers: z.array(Freshness.extend({ providerId: z.uuid(), name: z.string() })),
  }),
  trend: z.array(z.object({ at: z.iso.datetime(), free: z.number().int(), held: z.number().int(), available: z.number().int() })),
}).meta({ id: 'MonitoringSupply' });
export type MonitoringSupply = z.infer<typeof SupplySchema>;

const Breakdown = z.object({
  total: CellSchema,
  byServiceType: z.array(CountRow),
  byAgeBand: z.array(CountRow),
  byGender: z.array(CountRow),
  byNeed: z.array(CountRow),
  byDistrict: z.array(CountRow),
  byHour: z.array(CountRow),
});
export type Breakdown = z.infer<typeof Breakdown>;

export const SEARCH_KINDS = ['search', 'browse', 'emergency'] as const;
export const DemandSchema = Scope.extend({
  /** Recorded searches by kind: with a child's age (search), without (browse), emergency mode (emergency); all three count in `searches`. */
  searchKinds: z.array(CountRow),
  searches: Breakdown,
  requests: Breakdown,
  emergencyRequests: Breakdown,
}).meta({ id: 'MonitoringDemand' });
export type MonitoringDemand = z.infer<typeof DemandSchema>;

export const UnmetRow = z.object({
  serviceType: z.string().nullable(),
  ageBand: z.string(),
  gender: z.string().nullable(),
  needs: z.array(z.string()),
  count: CellSchema,
  bindingConstraint: z.string().nullable(),
  /** Units a relaxed search found (sum over the cell's searches). */
  relaxedFound: CellSchema.nullable(),
});
export const UnmetSchema = Scope.extend({
  emptySearches: z.object({
    total: CellSchema,
    byCriteria: z.array(UnmetRow),
    byConstraint: z.array(CountRow.extend({ relaxedFound: CellSchema })),
    /** By the searching office's district, with the district's centre for the map. */
    byDistrict: z.array(CountRow.extend({ name: z.string(), lat: z.number().nullable(), lon: z.number().nullable() })),
  }),
  requestsWithoutPlacement: z.object({ total: CellSchema, byServiceType: z.array(CountRow), byDeclineReason: z.array(CountRow) }),
  escalatedEmergencies: CellSchema,
}).meta({ id: 'MonitoringUnmet' });
export type MonitoringUnmet = z.infer<typeof UnmetSchema>;

const Timing = z.object({ key: z.string(), urgency: z.string(), cases: CellSchema, medianMinutes: Derived, p90Minutes: Derived });
export const PlacementTimeSchema = Scope.extend({
  overall: Timing,
  byServiceType: z.array(Timing),
}).meta({ id: 'MonitoringPlacementTime' });
export type MonitoringPlacementTime = z.infer<typeof PlacementTimeSchema>;

const Answer = z.object({ requests: CellSchema, shareWithinTarget: Derived, medianMinutes: Derived });
export const AnswerTimesSchema = Scope.extend({
  targets: z.object({ emergencyMinutes: z.number().int(), regularMinutes: z.number().int() }),
  region: Answer.extend({ emergency: Answer, regular: Answer }),
  providers: z.array(Answer.extend({ providerId: z.uuid(), name: z.string() })),
}).meta({ id: 'MonitoringAnswerTimes' });
export type MonitoringAnswerTimes = z.infer<typeof AnswerTimesSchema>;

export const ProviderMonitoringSchema = z.object({
  days: z.number().int(),
  radiusKm: z.number(),
  units: z.array(z.object({ unitId: z.uuid(), name: z.string(), appearances: CellSchema, requests: CellSchema, accepted: CellSchema })),
  unmetAround: z.array(UnmetRow.omit({ bindingConstraint: true, relaxedFound: true })),
  unmetAroundTotal: CellSchema,
  freshness: z.object({ own: Freshness, regionMedianShareUnits: z.number().nullable() }),
  answerTimes: z.object({ own: Answer, regionMedianShareWithinTarget: Derived, regionMedianMinutes: Derived }),
}).meta({ id: 'MonitoringProvider' });
export type ProviderMonitoring = z.infer<typeof ProviderMonitoringSchema>;
