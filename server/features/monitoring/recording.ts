import type { SearchCriteria } from '../../../shared/schemas/search';
import { AfterAnswerBatch } from '../../after-answer';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { insertSearchRecords, type SearchRecord, type SearchRecordWrite } from './record-queries';

/** What an empty search learnt: the criterion whose removal finds units, and how many it finds. */
export interface BindingConstraint {
  constraint: string;
  found: number;
}

type Criteria = Omit<SearchRecord, 'officeId' | 'refLat' | 'refLon' | 'resultCount' | 'bindingConstraint' | 'relaxedFound'>;

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * One anonymous record: criteria, result count, office, time and a reference point rounded to ~10 km
 * (the statement takes the office's district centre when none was given); never a case reference or
 * free text. The units shown count as appearances.
 */
function toRecord(actor: UserActor, c: Criteria, point: { lat: number; lon: number } | null | undefined, result: { total: number; binding: BindingConstraint | null }): SearchRecord {
  return {
    ...c,
    officeId: actor.orgId,
    refLat: point ? round1(point.lat) : null,
    refLon: point ? round1(point.lon) : null,
    resultCount: result.total,
    bindingConstraint: result.total === 0 ? (result.binding?.constraint ?? 'none') : null,
    relaxedFound: result.total === 0 ? (result.binding?.found ?? 0) : null,
  };
}

function criteriaOf(c: SearchCriteria): Criteria {
  return {
    kind: c.age === undefined ? 'browse' : 'search',
    serviceType: c.serviceType ?? null,
    age: c.age ?? null,
    gender: c.gender ?? null,
    needs: c.needs,
    conditions: c.conditions,
    secureSetting: c.secureSetting,
    siblings: c.siblings,
    emergencyIntake: c.emergencyIntake,
    radiusKm: c.radiusKm === undefined ? null : Math.round(c.radiusKm),
  };
}

/** A record waiting for its batch; an empty search's binding constraint is looked up by the batch's write. */
interface PendingRecord {
  write?: SearchRecordWrite;
  make: () => Promise<SearchRecordWrite>;
}

const batches = new WeakMap<AppContext, AfterAnswerBatch<PendingRecord>>();

/** This app's batch of records written after their answers: searches and emergency searches alike. */
function batchOf(ctx: AppContext): AfterAnswerBatch<PendingRecord> {
  let batch = batches.get(ctx);
  if (!batch) {
    batch = new AfterAnswerBatch(ctx.log, 'recording searches for monitoring', async (items) => {
      // a batch tried again after an outage keeps what it already looked up
      for (const item of items) item.write ??= await item.make();
      await insertSearchRecords(ctx.sql, items.map((i) => i.write!));
    }, RECORD_BATCH_MS);
    batches.set(ctx, batch);
  }
  return batch;
}

/** Window in which the records of searches answered are gathered into one statement (ms). */
export const RECORD_BATCH_MS = 20;

/**
 * Records an ad-hoc search after its answer (server/after-answer.ts), written together with the
 * other searches' records of the same few milliseconds: one statement for all of them. For an empty
 * search, `binding` finds its binding constraint when the batch is written (not on the answer's way).
 */
export function recordSearchAfterAnswer(
  ctx: AppContext,
  actor: UserActor,
  c: SearchCriteria & { point?: { lat: number; lon: number } | null },
  result: { total: number; unitIds: string[] },
  binding: () => Promise<BindingConstraint | null>,
): void {
  const criteria = criteriaOf(c);
  batchOf(ctx).add({
    make: async () => ({
      record: toRecord(actor, criteria, c.point, { total: result.total, binding: result.total === 0 ? await binding() : null }),
      unitIds: result.unitIds,
    }),
  });
}

/**
 * Records the first look of an emergency search (units with 24/7 intake within `maxKm`) after its
 * answer, in the same batch as the searches' records. When it found nothing, the binding constraint
 * is the distance: `beyond` units lie further out (up to 300 km).
 */
export function recordEmergencySearchAfterAnswer(
  ctx: AppContext,
  actor: UserActor,
  c: { age: number; gender: string; point: { lat: number; lon: number }; maxKm: number },
  result: { total: number; unitIds: string[]; beyond: number },
): void {
  const criteria: Criteria = {
    kind: 'emergency',
    serviceType: null,
    age: c.age,
    gender: c.gender,
    needs: [],
    conditions: [],
    secureSetting: false,
    siblings: 0,
    emergencyIntake: true,
    radiusKm: Math.round(c.maxKm),
  };
  const binding = result.total === 0 ? { constraint: result.beyond > 0 ? 'radius' : 'none', found: result.beyond } : null;
  const write = { record: toRecord(actor, criteria, c.point, { total: result.total, binding }), unitIds: result.unitIds };
  batchOf(ctx).add({ write, make: async () => write });
}
