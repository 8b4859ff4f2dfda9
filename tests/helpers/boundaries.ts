import type { Sql } from '../../server/db';

/**
 * District boundaries are one set for the whole platform: the test files that replace it (API and
 * browser run at the same time) take turns on this advisory lock, held on a connection of its own.
 */
export async function lockBoundaries(sql: Sql): Promise<() => Promise<void>> {
  const conn = await sql.reserve();
  await conn`select pg_advisory_lock(hashtext('tests:district_boundaries'))`;
  return async () => {
    await conn`select pg_advisory_unlock(hashtext('tests:district_boundaries'))`;
    conn.release();
  };
}

/** A square around a point (degrees), closed, as GeoJSON polygon coordinates. */
export const square = (lon: number, lat: number, d = 0.1): number[][][] => [
  [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]],
];

/** A ring of `n` points on a circle: a dense boundary the upload simplifies. */
export function circle(lon: number, lat: number, r: number, n: number): number[][][] {
  const ring = Array.from({ length: n }, (_, i) => [lon + r * Math.cos((2 * Math.PI * i) / n), lat + r * Math.sin((2 * Math.PI * i) / n)]);
  return [[...ring, ring[0]]];
}
