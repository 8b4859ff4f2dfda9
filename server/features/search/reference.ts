import type { Reference, ResolvedReference } from '../../../shared/schemas/search';
import type { Db } from '../../db';
import { AppError, invalid } from '../../http/errors';

/**
 * Resolves the reference point offline, from the postcodes and towns tables (migration 0003):
 * no geocoding service at run time. `path` names the field in errors (e.g. body.criteria.reference).
 */
export async function resolveReference(db: Db, ref: Reference, path: string): Promise<ResolvedReference> {
  if (ref.postcode !== undefined) {
    const p = (await postcodes(db)).get(ref.postcode);
    if (!p) throw invalid(`${path}.postcode`, `unknown postcode ${ref.postcode}`);
    return { lat: p.lat, lon: p.lon, label: `${ref.postcode} ${p.towns[0] ?? ''}`.trim(), source: 'postcode', approximate: p.approximate };
  }
  if (ref.town !== undefined) return resolveTown(db, ref.town, `${path}.town`);
  return { lat: ref.lat!, lon: ref.lon!, label: `${ref.lat!.toFixed(4)}, ${ref.lon!.toFixed(4)}`, source: 'coordinates', approximate: false };
}

interface PostcodePoint {
  lat: number;
  lon: number;
  towns: string[];
  approximate: boolean;
}

const POSTCODES_TTL_MS = 3_600_000;
let postcodeCache: { at: number; map: Promise<Map<string, PostcodePoint>> } | undefined;

/** The postcode table (about 8,200 rows, data of a migration) held in memory: one lookup less per search. */
function postcodes(db: Db): Promise<Map<string, PostcodePoint>> {
  if (!postcodeCache || Date.now() - postcodeCache.at > POSTCODES_TTL_MS) {
    const map = db<({ code: string } & PostcodePoint)[]>`select code, lat, lon, towns, approximate from postcodes`.then(
      (rows) => new Map(rows.map((r) => [r.code, { lat: r.lat, lon: r.lon, towns: r.towns, approximate: r.approximate }])),
    );
    postcodeCache = { at: Date.now(), map };
    map.catch(() => (postcodeCache = undefined));
  }
  return postcodeCache.map;
}

interface TownCandidate {
  name: string;
  lat: number;
  lon: number;
  postcodes: number;
  postcode: string | null;
}

/**
 * A town by name. Several towns share names (Neustadt, Halle): the one most postcodes point at
 * (the larger place) wins; when that does not decide, the caller is asked for a postcode.
 */
async function resolveTown(db: Db, name: string, path: string): Promise<ResolvedReference> {
  const candidates = await db<TownCandidate[]>`
    select t.name, t.lat, t.lon,
           (select count(*)::int from postcodes p
             where t.name = any (p.towns) and abs(p.lat - t.lat) < 0.1 and abs(p.lon - t.lon) < 0.15) as postcodes,
           (select min(p.code) from postcodes p where t.name = any (p.towns) and abs(p.lat - t.lat) < 0.1 and abs(p.lon - t.lon) < 0.15) as postcode
    from towns t where lower(t.name) = lower(${name})
    order by 4 desc, t.id limit 10`;
  if (candidates.length === 0) {
    // towns only the postcode list knows: their postcodes' mean point
    const [p] = await db<{ lat: number | null; lon: number | null; n: number; approximate: boolean }[]>`
      select avg(lat) as lat, avg(lon) as lon, count(*)::int as n, bool_or(approximate) as approximate
      from postcodes where ${name} ilike any (towns)`;
    if (!p || p.n === 0 || p.lat === null || p.lon === null) throw invalid(path, `unknown town ${name}`);
    return { lat: p.lat, lon: p.lon, label: name, source: 'town', approximate: true };
  }
  const [best, second] = candidates;
  if (second && second.postcodes === best.postcodes) {
    const options = candidates.filter((c) => c.postcode).map((c) => c.postcode).join(', ');
    throw new AppError('VALIDATION_FAILED', `${path}: several places are called ${name}; give a postcode instead`, {
      issues: [{ path, message: `several places are called ${name}; give a postcode instead${options ? ` (e.g. ${options})` : ''}` }],
    });
  }
  return { lat: best.lat, lon: best.lon, label: best.name, source: 'town', approximate: false };
}

/** Suggestions for a reference field: postcodes by prefix, towns by name prefix. */
export async function suggestReferences(db: Db, q: string): Promise<(ResolvedReference & { postcode: string | null })[]> {
  if (/^\d{2,5}$/.test(q)) {
    const rows = await db<{ code: string; towns: string[]; lat: number; lon: number; approximate: boolean }[]>`
      select code, towns, lat, lon, approximate from postcodes where code like ${q + '%'} order by code limit 10`;
    return rows.map((r) => ({ lat: r.lat, lon: r.lon, label: `${r.code} ${r.towns.join(', ')}`, source: 'postcode' as const, approximate: r.approximate, postcode: r.code }));
  }
  const rows = await db<{ name: string; lat: number; lon: number; postcode: string | null }[]>`
    select t.name, t.lat, t.lon,
           (select min(p.code) from postcodes p where t.name = any (p.towns) and abs(p.lat - t.lat) < 0.1 and abs(p.lon - t.lon) < 0.15) as postcode
    from towns t where lower(t.name) like ${q.toLowerCase().replace(/[%_\\]/g, '') + '%'}
    order by length(t.name), t.name limit 10`;
  return rows.map((r) => ({ lat: r.lat, lon: r.lon, label: r.postcode ? `${r.name} (${r.postcode})` : r.name, source: 'town' as const, approximate: false, postcode: r.postcode }));
}
