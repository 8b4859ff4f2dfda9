import type { BoundaryGeometry } from '../../../shared/schemas/district-boundaries';
import type { Db } from '../../db';

export const selectDistrictKeys = (db: Db) => db<{ ags: string }[]>`select ags from districts`;

export interface BoundaryRow {
  ags: string;
  name: string;
  geometry: BoundaryGeometry;
  uploadedAt: Date | string;
}

export const selectBoundaries = (db: Db) => db<BoundaryRow[]>`
  select b.ags, d.name, b.geometry, b.uploaded_at
  from district_boundaries b join districts d on d.ags = b.ags
  order by b.ags`;

/** Replaces the whole set: the districts of one upload, nothing of an earlier one. */
export async function replaceBoundaries(db: Db, rows: { ags: string; geometry: BoundaryGeometry; points: number }[], userId: string | null) {
  await db`delete from district_boundaries`;
  // a few districts per statement: each row carries a whole geometry
  for (let i = 0; i < rows.length; i += 50) {
    const batch = rows.slice(i, i + 50).map((r) => ({ ags: r.ags, geometry: r.geometry, points: r.points }));
    await db`
      insert into district_boundaries (ags, geometry, points, uploaded_by)
      select ags, geometry, points, ${userId}::uuid
      from jsonb_to_recordset(${db.json(batch as never)}) as t (ags text, geometry jsonb, points int)`;
  }
}

export const deleteBoundaries = (db: Db) => db`delete from district_boundaries`;
