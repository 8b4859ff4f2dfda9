import { z } from 'zod';

/**
 * District boundaries for the monitoring map: GeoJSON (RFC 7946, WGS84 longitude/latitude) of the
 * Kreise and kreisfreie Städte, one feature per district, keyed by its AGS (5 digits).
 */

/** Property names a district key is looked for in, in this order, when the upload names none. */
export const DISTRICT_KEY_CANDIDATES = ['AGS', 'ags', 'RS', 'rs', 'ARS', 'ars', 'krs_code', 'KRS_CODE', 'krs', 'KRS', 'district_ags', 'AGS_0'] as const;

const Longitude = z.number().min(-180, 'longitude must be between -180 and 180 (WGS84 degrees expected)').max(180, 'longitude must be between -180 and 180 (WGS84 degrees expected)');
const Latitude = z.number().min(-90, 'latitude must be between -90 and 90 (WGS84 degrees expected)').max(90, 'latitude must be between -90 and 90 (WGS84 degrees expected)');
/** [longitude, latitude], an altitude after them is allowed and dropped. */
const Position = z.tuple([Longitude, Latitude], z.number());
/** A closed ring: at least 4 positions, the last equal to the first. */
const Ring = z
  .array(Position)
  .min(4, 'a ring needs at least 4 positions')
  .refine((r) => r.length < 4 || (r[0][0] === r.at(-1)![0] && r[0][1] === r.at(-1)![1]), { message: 'a ring must end where it starts', params: { code: 'invalid' } });
const PolygonCoordinates = z.array(Ring).min(1, 'a polygon needs an outer ring');

export const BoundaryGeometrySchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Polygon'), coordinates: PolygonCoordinates }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoordinates).min(1, 'a multipolygon needs a polygon') }),
  ],
  { error: 'must be a Polygon or MultiPolygon geometry' },
);
export type BoundaryGeometry = z.infer<typeof BoundaryGeometrySchema>;

/** One uploaded feature: checked one by one, so a broken file is answered with its first bad feature. */
export const BoundaryFeatureSchema = z.object({
  type: z.literal('Feature', { error: 'must be "Feature"' }),
  geometry: BoundaryGeometrySchema,
  properties: z.record(z.string(), z.unknown(), { error: 'must be an object holding the district key' }),
});

/** Upload body: the envelope; its features are checked one by one with `BoundaryFeatureSchema`. */
export const BoundaryUploadSchema = z
  .object({
    type: z.literal('FeatureCollection', { error: 'must be "FeatureCollection"' }),
    features: z
      .array(z.unknown())
      .min(1, 'must hold at least one feature')
      .max(20_000, 'must hold at most 20,000 features')
      .meta({ description: 'GeoJSON features: Polygon or MultiPolygon in WGS84, each with the district key (AGS, 5 digits) in its properties' }),
  })
  .meta({ id: 'DistrictBoundaryUpload' });

export const BoundaryUploadQuerySchema = z.object({
  /** The property holding the district key; empty: the first of DISTRICT_KEY_CANDIDATES the first feature has. */
  keyProperty: z.string().trim().min(1).max(64).optional(),
});

export const DistrictBoundariesSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    /** When the set shown was uploaded; null: none (the map shows circles). */
    uploadedAt: z.iso.datetime().nullable(),
    /** The largest file an upload may be (DISTRICT_BOUNDARIES_MAX_MB). */
    maxMegabytes: z.number().int(),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        id: z.string(),
        properties: z.object({ ags: z.string(), name: z.string() }),
        geometry: BoundaryGeometrySchema,
      }),
    ),
  })
  .meta({ id: 'DistrictBoundaries' });
export type DistrictBoundaries = z.infer<typeof DistrictBoundariesSchema>;

export const BoundaryUploadResultSchema = z
  .object({
    districts: z.number().int(),
    features: z.number().int(),
    pointsIn: z.number().int(),
    pointsOut: z.number().int(),
    keyProperty: z.string(),
  })
  .meta({ id: 'DistrictBoundaryUploadResult' });
export type BoundaryUploadResult = z.infer<typeof BoundaryUploadResultSchema>;
