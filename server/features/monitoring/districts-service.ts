import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BoundaryUploadResult, DistrictBoundaries } from '../../../shared/schemas/district-boundaries';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { parseBoundaries } from './districts-geo';
import { deleteBoundaries, replaceBoundaries, selectBoundaries, selectDistrictKeys } from './districts-queries';

/** The demo's boundaries, shipped in the repository (see README, Data sources and licences). */
export const DEMO_BOUNDARIES_FILE = join(import.meta.dirname, '..', '..', 'demo', 'district-boundaries.geojson');

/** The district boundaries the map draws; an empty collection: none uploaded (the map shows circles). */
export async function getBoundaries(ctx: AppContext): Promise<DistrictBoundaries> {
  const rows = await selectBoundaries(ctx.sql);
  const times = rows.map((r) => new Date(r.uploadedAt).getTime());
  return {
    type: 'FeatureCollection',
    uploadedAt: times.length ? new Date(Math.max(...times)).toISOString() : null,
    maxMegabytes: ctx.config.DISTRICT_BOUNDARIES_MAX_MB,
    features: rows.map((r) => ({ type: 'Feature', id: r.ags, properties: { ags: r.ags, name: r.name }, geometry: r.geometry })),
  };
}

async function store(ctx: AppContext, actor: UserActor | 'system', origin: AuditOrigin, features: unknown[], keyProperty?: string): Promise<BoundaryUploadResult> {
  const known = new Set((await selectDistrictKeys(ctx.sql)).map((r) => r.ags));
  const parsed = parseBoundaries(features, known, keyProperty);
  const result = { districts: parsed.geometries.size, features: parsed.features, pointsIn: parsed.pointsIn, pointsOut: parsed.pointsOut, keyProperty: parsed.keyProperty };
  await ctx.sql.begin(async (tx) => {
    const rows = [...parsed.geometries].map(([ags, g]) => ({ ags, ...g }));
    await replaceBoundaries(tx, rows, actor === 'system' ? null : actor.userId);
    await writeAudit(tx, actor, origin, { action: 'monitoring.boundaries.upload', objectType: 'district_boundaries', details: result });
  });
  return result;
}

/** Platform admin: replaces the set of district boundaries with an uploaded FeatureCollection. */
export function putBoundaries(ctx: AppContext, actor: UserActor, origin: AuditOrigin, features: unknown[], keyProperty?: string) {
  return store(ctx, actor, origin, features, keyProperty);
}

/** Platform admin: removes every boundary; the map goes back to circles. */
export async function removeBoundaries(ctx: AppContext, actor: UserActor, origin: AuditOrigin): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    const removed = await deleteBoundaries(tx);
    await writeAudit(tx, actor, origin, { action: 'monitoring.boundaries.delete', objectType: 'district_boundaries', details: { districts: removed.count } });
  });
}

/** Demo data: the shipped boundaries of a few demo districts, through the same checks as an upload. */
export async function seedDemoBoundaries(ctx: AppContext): Promise<void> {
  const file = JSON.parse(readFileSync(DEMO_BOUNDARIES_FILE, 'utf8')) as { features: unknown[] };
  await store(ctx, 'system', {}, file.features, 'AGS');
}
