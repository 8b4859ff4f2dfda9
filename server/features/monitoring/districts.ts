import { OFFICE_ROLES } from '../../../shared/roles';
import { BoundaryUploadQuerySchema, BoundaryUploadResultSchema, BoundaryUploadSchema, DistrictBoundariesSchema } from '../../../shared/schemas/district-boundaries';
import { defineRoute } from '../../http/route';
import { getBoundaries, putBoundaries, removeBoundaries } from './districts-service';

const tags = ['monitoring'];
const PATH = '/api/v1/monitoring/district-boundaries';

/** District polygons of the platform admin's monitoring map (README: Monitoring, district boundaries). */
export const districtBoundaryRoutes = [
  defineRoute({
    method: 'get',
    path: PATH,
    summary: 'District boundaries (GeoJSON, WGS84, simplified) the monitoring map shades; an empty collection when none were uploaded.',
    tags,
    access: [...OFFICE_ROLES, 'platform_admin'],
    response: DistrictBoundariesSchema,
    handler: async ({ ctx }) => getBoundaries(ctx),
  }),
  defineRoute({
    method: 'put',
    path: PATH,
    summary:
      'Replaces the district boundaries with a GeoJSON FeatureCollection (Polygon/MultiPolygon in WGS84, the AGS in a property: keyProperty, or AGS, ags, RS, krs_code, …). Features of one district are merged; coordinates rounded to 4 decimals and simplified (Douglas-Peucker, 0.002°). Largest body: DISTRICT_BOUNDARIES_MAX_MB. Audited.',
    tags,
    access: ['platform_admin'],
    query: BoundaryUploadQuerySchema,
    body: BoundaryUploadSchema,
    bodyLimit: (config) => config.DISTRICT_BOUNDARIES_MAX_MB * 1024 * 1024,
    response: BoundaryUploadResultSchema,
    handler: async ({ ctx, actor, origin, query, body }) => putBoundaries(ctx, actor, origin, body.features, query.keyProperty),
  }),
  defineRoute({
    method: 'delete',
    path: PATH,
    summary: 'Removes every district boundary; the map shows circles at the district centres again. Audited.',
    tags,
    access: ['platform_admin'],
    handler: async ({ ctx, actor, origin }) => removeBoundaries(ctx, actor, origin),
  }),
];
