import type postgres from 'postgres';
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
    if (!p) throw invalid(`${path}.postcode`, `unknown postcode ${ref.postcode}`, 'unknown_postcode', { postcode: ref.postcode });
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

/** Towns whose name matches `where` (a condition on `t`), the larger place (more postcodes) first. */
function townsWhere(db: Db, where: postgres.PendingQuery<postgres.Row[]>) {
  return db<TownCandidate[]>`
    select t.name, t.lat, t.lon,
           (select count(*)::int from postcodes p
             where t.name = any (p.towns) and abs(p.lat - t.lat) < 0.1 and abs(p.lon - t.lon) < 0.15) as postcodes,
           (select min(p.code) from postcodes p where t.name = any (p.towns) and abs(p.lat - t.lat) < 0.1 and abs(p.lon - t.lon) < 0.15) as postcode
    from towns t where ${where}
    order by 4 desc, t.id limit 10`;
}

/** A choice to offer: "50667 Köln", which the form sends back as the postcode it starts with. */
const choiceOf = (c: TownCandidate) => (c.postcode ? `${c.postcode} ${c.name}` : c.name);

function ambiguous(path: string, name: string, candidates: TownCandidate[]) {
  const options = [...new Set(candidates.filter((c) => c.postcode).map(choiceOf))].slice(0, 6);
  return new AppError('VALIDATION_FAILED', `${path}: several places match ${name}; give a postcode instead`, {
    issues: [
      {
        path,
        message: `several places match ${name}; give a postcode instead${options.length ? ` (e.g. ${options.join(', ')})` : ''}`,
        code: 'ambiguous_town',
        params: { town: name, options },
      },
    ],
  });
}

/**
 * A town by name, tolerant of how people write it: "Koeln" and "Köln" fold to the same name, a
 * district part is dropped ("Köln-Ehrenfeld" is Köln), and a close spelling ("Kölm") is found by
 * trigram similarity. Several towns share names (Neustadt, Halle): the one most postcodes point at
 * (the larger place) wins; when that does not decide, or several spellings are equally close, the
 * caller gets the candidates to choose from.
 */
async function resolveTown(db: Db, name: string, path: string): Promise<ResolvedReference> {
  const part = name.split(/\s*[-/,(]\s*/)[0].trim();
  const tries = [
    db`lower(t.name) = lower(${name})`,
    db`directory_fold(t.name) = directory_fold(${name})`,
    ...(part.length >= 2 && part !== name ? [db`directory_fold(t.name) = directory_fold(${part})`] : []),
  ];
  for (const where of tries) {
    const candidates = await townsWhere(db, where);
    if (candidates.length === 0) continue;
    const [best, second] = candidates;
    if (second && second.postcodes === best.postcodes) throw ambiguous(path, name, candidates);
    return { lat: best.lat, lon: best.lon, label: best.name, source: 'town', approximate: false };
  }
  // towns only the postcode list knows: their postcodes' mean point
  const [p] = await db<{ lat: number | null; lon: number | null; n: number; approximate: boolean }[]>`
    select avg(lat) as lat, avg(lon) as lon, count(*)::int as n, bool_or(approximate) as approximate
    from postcodes where ${name} ilike any (towns)`;
  if (p && p.n > 0 && p.lat !== null && p.lon !== null) return { lat: p.lat, lon: p.lon, label: name, source: 'town', approximate: true };
  // close spellings, the closest first; one clear winner is taken, several are offered
  const close = await db<(TownCandidate & { sim: number })[]>`
    select c.*, similarity(directory_fold(c.name), directory_fold(${part})) as sim from (
      select t.name, t.lat, t.lon, t.id,
             (select count(*)::int from postcodes p
               where t.name = any (p.towns) and abs(p.lat - t.lat) < 0.1 and abs(p.lon - t.lon) < 0.15) as postcodes,
             (select min(p.code) from postcodes p where t.name = any (p.towns) and abs(p.lat - t.lat) < 0.1 and abs(p.lon - t.lon) < 0.15) as postcode
      from towns t where lower(t.name) % lower(${part})) c
    where similarity(directory_fold(c.name), directory_fold(${part})) >= 0.45
    order by sim desc, c.postcodes desc, c.id limit 6`;
  if (close.length === 0) throw invalid(path, `unknown town ${name}`, 'unknown_town', { town: name });
  const [best, second] = close;
  if (second && best.sim - second.sim < 0.15 && second.postcodes > 0) throw ambiguous(path, name, close);
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
