import simplify from '@turf/simplify';
import truncate from '@turf/truncate';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { BoundaryFeatureSchema, DISTRICT_KEY_CANDIDATES, type BoundaryGeometry } from '../../../shared/schemas/district-boundaries';
import { AppError, invalid } from '../../http/errors';
import { toFieldIssues } from '../../http/validate';

/**
 * Simplification of uploaded boundaries, so the dashboard's answer stays small: coordinates are
 * rounded to 4 decimals (about 11 m) and then simplified with Douglas-Peucker (@turf/simplify) at
 * 0.005° (about 350 m east-west, 550 m north-south: about a screen pixel at zoom 8). Turf keeps every
 * ring closed with at least 4 positions.
 */
export const SIMPLIFY_TOLERANCE_DEG = 0.005;
export const COORDINATE_DECIMALS = 4;
/** Issues reported for one broken feature: a file in the wrong projection breaks every coordinate. */
const MAX_ISSUES = 5;

export interface ParsedBoundaries {
  /** AGS → simplified geometry, the features of one district merged. */
  geometries: Map<string, { geometry: BoundaryGeometry; points: number }>;
  features: number;
  pointsIn: number;
  pointsOut: number;
  keyProperty: string;
}

/** Polygons of a geometry (a Polygon is one). */
const polygonsOf = (g: BoundaryGeometry): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
const countPoints = (polygons: Position[][][]) => polygons.reduce((n, p) => n + p.reduce((m, r) => m + r.length, 0), 0);

/** The district key of a feature: a 5-digit string, or an integer whose leading zero a converter dropped. */
function districtKey(value: unknown): string | undefined {
  if (typeof value === 'string' && /^\d{5}$/.test(value.trim())) return value.trim();
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1000 && value <= 99999) return String(value).padStart(5, '0');
  return undefined;
}

function chooseKeyProperty(first: Record<string, unknown>, named: string | undefined): string {
  if (named) return named;
  const found = DISTRICT_KEY_CANDIDATES.find((k) => first[k] !== undefined && first[k] !== null);
  if (!found) {
    throw invalid('body.features.0.properties', `no district key: none of ${DISTRICT_KEY_CANDIDATES.join(', ')} found; name the property with ?keyProperty=`, 'required', {
      candidates: [...DISTRICT_KEY_CANDIDATES],
    });
  }
  return found;
}

/**
 * Checks every feature of an uploaded FeatureCollection (the first broken one is answered, naming
 * its fields), reads its district key, refuses keys that are not known districts, merges the
 * features of one district and simplifies them.
 */
export function parseBoundaries(features: unknown[], known: ReadonlySet<string>, keyPropertyNamed?: string): ParsedBoundaries {
  const polygons = new Map<string, Position[][][]>();
  const unknown: { key: string; path: string }[] = [];
  let keyProperty = keyPropertyNamed;
  let pointsIn = 0;
  features.forEach((raw, i) => {
    const r = BoundaryFeatureSchema.safeParse(raw);
    if (!r.success) {
      const issues = toFieldIssues(`body.features.${i}`, r.error, raw).slice(0, MAX_ISSUES);
      throw new AppError('VALIDATION_FAILED', `Invalid feature ${i}: ${issues.map((x) => `${x.path}: ${x.message}`).join('; ')}`, { issues });
    }
    keyProperty ??= chooseKeyProperty(r.data.properties, keyPropertyNamed);
    const path = `body.features.${i}.properties.${keyProperty}`;
    const value = r.data.properties[keyProperty];
    if (value === undefined || value === null) throw invalid(path, `is required: the district key (AGS, 5 digits)`, 'required');
    const key = districtKey(value);
    if (!key) throw invalid(path, `must be a district key (AGS) of 5 digits, got ${JSON.stringify(value).slice(0, 40)}`, 'invalid_format', { format: 'ags5' });
    if (!known.has(key)) {
      unknown.push({ key, path });
      return;
    }
    const own = polygonsOf(r.data.geometry);
    pointsIn += countPoints(own);
    polygons.set(key, [...(polygons.get(key) ?? []), ...own]);
  });
  if (unknown.length) {
    const keys = [...new Set(unknown.map((u) => u.key))];
    throw invalid(unknown[0].path, `not a known district: ${keys.slice(0, 20).join(', ')}${keys.length > 20 ? ', …' : ''}`, 'unknown_code', { value: keys.slice(0, 20).join(', ') });
  }
  const geometries = new Map<string, { geometry: BoundaryGeometry; points: number }>();
  let pointsOut = 0;
  for (const [ags, polys] of polygons) {
    const geometry = simplifyGeometry(polys.length === 1 ? { type: 'Polygon', coordinates: polys[0] } : { type: 'MultiPolygon', coordinates: polys });
    const points = countPoints(polygonsOf(geometry));
    pointsOut += points;
    geometries.set(ags, { geometry, points });
  }
  return { geometries, features: features.length, pointsIn, pointsOut, keyProperty: keyProperty ?? keyPropertyNamed ?? '' };
}

/** Rounds, then simplifies one geometry (altitudes dropped). */
export function simplifyGeometry(geometry: Polygon | MultiPolygon): BoundaryGeometry {
  const feature: Feature<Polygon | MultiPolygon> = { type: 'Feature', properties: {}, geometry };
  const rounded = truncate(feature, { precision: COORDINATE_DECIMALS, coordinates: 2 });
  const simple = simplify(rounded, { tolerance: SIMPLIFY_TOLERANCE_DEG, highQuality: false });
  return simple.geometry as BoundaryGeometry;
}
