import type { AvailabilityBody, BulkAvailabilityBody, BulkResult, CsvIssueCode, CsvResult, CsvRowError } from '../../../shared/schemas/availability';
import type { PlannedVacancyBody, Unit } from '../../../shared/schemas/places';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { Db } from '../../db';
import type { AuthedActor } from '../../http/actor';
import { AppError, conflict, invalid, notFound } from '../../http/errors';
import { freshnessPeriods } from '../freshness/periods';
import { announceVacancy, changeFreePlaces as changeFree, confirmPlaces, setFreePlacesTo, touchPlaces } from '../places/service';
import { getOwnUnit } from '../units/service';
import { parseAvailabilityCsv } from './csv';
import { deletePlannedVacancies, deletePlannedVacancy, insertPlannedVacancy, lockUnits, selectToday, type LockedUnit } from './queries';

/** Locks one own, live unit; 404 for other organisations' units, 409 for archived ones. */
async function lockOne(ctx: AppContext, tx: Db, actor: AuthedActor, id: string): Promise<LockedUnit> {
  const [u] = await lockUnits(tx, freshnessPeriods(ctx.config), actor.orgId, [id], []);
  if (!u) throw notFound('Unit');
  if (u.archivedAt) throw conflict('This unit is archived');
  return u;
}

function requirePlaces(u: LockedUnit, path: string) {
  if (u.capacityTotal === null) throw invalid(path, 'this offer has no places (directory only)');
}

/** One action: "nothing changed, the figures are current". */
export async function confirm(ctx: AppContext, actor: AuthedActor, origin: AuditOrigin, id: string): Promise<Unit> {
  return ctx.sql.begin(async (tx) => {
    await lockOne(ctx, tx, actor, id);
    const state = await confirmPlaces(tx, id);
    await announceVacancy(tx, state, 'confirmed');
    await writeAudit(tx, actor, origin, { action: 'availability.confirm', objectType: 'unit', objectId: id });
    return getOwnUnit(ctx, tx, actor, id);
  });
}

/** One action: set the free count or move it by a delta; confirms the unit too. */
export async function changeFreePlaces(ctx: AppContext, actor: AuthedActor, origin: AuditOrigin, id: string, b: AvailabilityBody): Promise<Unit> {
  return ctx.sql.begin(async (tx) => {
    const u = await lockOne(ctx, tx, actor, id);
    requirePlaces(u, b.delta !== undefined ? 'body.delta' : 'body.freePlaces');
    const state = await changeFree(tx, u, b);
    await announceVacancy(tx, state, 'free-changed');
    await writeAudit(tx, actor, origin, { action: 'availability.change', objectType: 'unit', objectId: id, details: { from: u.freePlaces, to: state.freePlaces } });
    return getOwnUnit(ctx, tx, actor, id);
  });
}

export async function addPlannedVacancy(ctx: AppContext, actor: AuthedActor, origin: AuditOrigin, id: string, b: PlannedVacancyBody): Promise<Unit> {
  return ctx.sql.begin(async (tx) => {
    const u = await lockOne(ctx, tx, actor, id);
    requirePlaces(u, 'body.places');
    if (b.places > u.capacityTotal!) throw invalid('body.places', `must not exceed the capacity of ${u.capacityTotal}`);
    if (b.availableFrom < (await selectToday(tx))) throw invalid('body.availableFrom', 'lies in the past');
    await insertPlannedVacancy(tx, id, b);
    const state = await touchPlaces(tx, id);
    await announceVacancy(tx, state, 'planned-changed');
    await writeAudit(tx, actor, origin, { action: 'availability.plan', objectType: 'unit', objectId: id, details: { availableFrom: b.availableFrom, places: b.places } });
    return getOwnUnit(ctx, tx, actor, id);
  });
}

export async function removePlannedVacancy(ctx: AppContext, actor: AuthedActor, origin: AuditOrigin, id: string, vacancyId: string): Promise<Unit> {
  return ctx.sql.begin(async (tx) => {
    await lockOne(ctx, tx, actor, id);
    if (!(await deletePlannedVacancy(tx, id, vacancyId))) throw notFound('Planned vacancy');
    const state = await touchPlaces(tx, id);
    await announceVacancy(tx, state, 'planned-changed');
    await writeAudit(tx, actor, origin, { action: 'availability.unplan', objectType: 'unit', objectId: id, details: { vacancyId } });
    return getOwnUnit(ctx, tx, actor, id);
  });
}

// ---------------------------------------------------------------- bulk (API and CSV)

interface Wanted {
  unitId?: string;
  externalRef?: string;
  freePlaces: number;
  planned?: { availableFrom: string; places: number; note?: string | null }[];
}

interface Problem {
  index: number;
  field: 'unitId' | 'externalRef' | 'freePlaces' | 'plannedVacancies';
  code: CsvIssueCode;
  message: string;
  params?: Record<string, string | number>;
}

const samePlanned = (a: { availableFrom: string; places: number; note?: string | null }[], b: typeof a) =>
  a.length === b.length &&
  [...a].sort((x, y) => x.availableFrom.localeCompare(y.availableFrom) || x.places - y.places).every((x, i) => {
    const y = [...b].sort((p, q) => p.availableFrom.localeCompare(q.availableFrom) || p.places - q.places)[i];
    return x.availableFrom === y.availableFrom && x.places === y.places && (x.note ?? null) === (y.note ?? null);
  });

/** Looks up and checks every wanted state; returns the problems of all rows, not just the first. */
async function resolve(ctx: AppContext, tx: Db, actor: AuthedActor, wanted: Wanted[]) {
  const ids = wanted.flatMap((w) => (w.unitId ? [w.unitId] : []));
  const refs = wanted.flatMap((w) => (w.externalRef ? [w.externalRef] : []));
  const units = await lockUnits(tx, freshnessPeriods(ctx.config), actor.orgId, ids, refs);
  const today = await selectToday(tx);
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const pairs: { w: Wanted; u: LockedUnit; index: number }[] = [];
  wanted.forEach((w, index) => {
    const field = w.unitId ? 'unitId' : 'externalRef';
    const u = units.find((x) => (w.unitId ? x.id === w.unitId : x.externalRef === w.externalRef));
    if (!u) return problems.push({ index, field, code: 'not_own_unit', message: 'is not a unit of your organisation' });
    if (u.archivedAt) return problems.push({ index, field, code: 'archived', message: 'is an archived unit' });
    if (seen.has(u.id)) return problems.push({ index, field, code: 'twice', message: 'appears twice' });
    seen.add(u.id);
    if (u.capacityTotal === null) return problems.push({ index, field: 'freePlaces', code: 'no_places', message: 'this offer has no places (directory only)' });
    if (w.freePlaces > u.capacityTotal) problems.push({ index, field: 'freePlaces', code: 'above_capacity', message: `must not exceed the capacity of ${u.capacityTotal}`, params: { capacity: u.capacityTotal } });
    for (const p of w.planned ?? []) {
      if (p.places > u.capacityTotal) problems.push({ index, field: 'plannedVacancies', code: 'above_capacity', message: `${p.places} planned places exceed the capacity of ${u.capacityTotal}`, params: { capacity: u.capacityTotal } });
      if (p.availableFrom < today) problems.push({ index, field: 'plannedVacancies', code: 'in_past', message: `${p.availableFrom} lies in the past` });
    }
    pairs.push({ w, u, index });
  });
  return { pairs, problems };
}

/**
 * Brings every unit to its wanted state in the caller's transaction. Idempotent: sending the same
 * state again confirms the units but changes nothing and announces nothing, unless a unit had gone
 * stale (then its return to the default results is announced as 'confirmed').
 */
async function apply(tx: Db, pairs: { w: Wanted; u: LockedUnit }[]) {
  const out: BulkResult['items'] = [];
  for (const { w, u } of pairs) {
    const plannedChanged = w.planned !== undefined && !samePlanned(u.planned, w.planned);
    if (plannedChanged) {
      await deletePlannedVacancies(tx, u.id);
      for (const p of w.planned!) await insertPlannedVacancy(tx, u.id, p);
    }
    let state = await setFreePlacesTo(tx, u.id, w.freePlaces);
    if (plannedChanged) state = { ...(await touchPlaces(tx, u.id)), changed: true };
    const changed = state.changed || plannedChanged;
    if (changed) await announceVacancy(tx, state, plannedChanged && !state.changed ? 'planned-changed' : 'free-changed');
    else if (u.freshness !== 'fresh') await announceVacancy(tx, state, 'confirmed');
    out.push({ unitId: u.id, externalRef: u.externalRef, freePlaces: w.freePlaces, changed, lastConfirmedAt: state.lastConfirmedAt! });
  }
  return out;
}

export async function bulkUpdate(ctx: AppContext, actor: AuthedActor, origin: AuditOrigin, b: BulkAvailabilityBody): Promise<BulkResult> {
  return ctx.sql.begin(async (tx) => {
    const { pairs, problems } = await resolve(ctx, tx, actor, b.units.map((i) => ({ ...i, planned: i.plannedVacancies })));
    if (problems.length) {
      const issues = problems.map((p) => ({ path: `body.units.${p.index}.${p.field}`, message: p.message }));
      throw new AppError('VALIDATION_FAILED', `Nothing was applied: ${issues.length} problem(s), first ${issues[0].path}: ${issues[0].message}`, { issues });
    }
    const items = await apply(tx, pairs);
    const changed = items.filter((i) => i.changed).length;
    await writeAudit(tx, actor, origin, { action: 'availability.bulk', objectType: 'unit', details: { units: items.length, changed } });
    return { items, changed, unchanged: items.length - changed };
  });
}

const CSV_COLUMN = { unitId: 'unit_id', externalRef: 'external_ref', freePlaces: 'free_places', plannedVacancies: 'planned_from' } as const;

/** The CSV upload: a dry run lists every row's effect and error; applying is all or nothing. */
export async function uploadCsv(ctx: AppContext, actor: AuthedActor, origin: AuditOrigin, text: string, dryRun: boolean, encoding?: string): Promise<CsvResult> {
  return ctx.sql.begin(async (tx) => {
    const parsed = parseAvailabilityCsv(text, await selectToday(tx));
    const wanted: Wanted[] = parsed.items.map((i) => ({ unitId: i.unitId, externalRef: i.externalRef, freePlaces: i.freePlaces, planned: i.planned }));
    const { pairs, problems } = await resolve(ctx, tx, actor, wanted);
    const errors: CsvRowError[] = [
      ...parsed.errors,
      ...problems.map((p) => ({ p, column: p.field === 'plannedVacancies' && p.code === 'above_capacity' ? ('planned_places' as const) : CSV_COLUMN[p.field] })).map(({ p, column }) => ({
        line: parsed.items[p.index].line,
        column,
        columnIndex: parsed.columns?.[column] ?? null,
        code: p.code,
        ...(p.params ? { params: p.params } : {}),
        message: p.message,
      })),
    ].sort((a, b) => a.line - b.line);
    const rows = pairs.map(({ w, u, index }) => {
      const plannedChanged = w.planned !== undefined && !samePlanned(u.planned, w.planned);
      return {
        line: parsed.items[index].line,
        unitId: u.id,
        unitName: u.name,
        externalRef: u.externalRef,
        freePlacesBefore: u.freePlaces,
        freePlaces: w.freePlaces,
        plannedFrom: w.planned?.[0]?.availableFrom ?? null,
        plannedPlaces: w.planned?.[0]?.places ?? null,
        changed: u.freePlaces !== w.freePlaces || plannedChanged,
      };
    });
    const valid = errors.length === 0;
    if (dryRun || !valid) {
      if (!dryRun) {
        // all or nothing: one bad row and nothing is applied; the answer lists every error
        throw new AppError('VALIDATION_FAILED', `Nothing was applied: ${errors.length} error(s) in the file`, {
          issues: errors.map((e) => ({ path: `csv.line${e.line}.${e.column}`, message: e.message })),
          errors,
          rows,
        });
      }
      return { dryRun, valid, applied: false, rows, errors, ...(encoding ? { encoding } : {}) };
    }
    await apply(tx, pairs);
    await writeAudit(tx, actor, origin, { action: 'availability.csv', objectType: 'unit', details: { rows: rows.length, changed: rows.filter((r) => r.changed).length } });
    return { dryRun, valid, applied: true, rows, errors, ...(encoding ? { encoding } : {}) };
  });
}
