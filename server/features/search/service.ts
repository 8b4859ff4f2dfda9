import {
  SearchCriteriaSchema,
  type CreateOpenSearchBody,
  type OpenSearch,
  type SearchCriteria,
  type SearchResponse,
  type SearchResult,
  type SearchSort,
} from '../../../shared/schemas/search';
import type { AnswerTimes } from '../../../shared/schemas/requests';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import { publishEvent, rooms } from '../../events';
import type { UserActor } from '../../http/actor';
import { conflict, forbidden, notFound } from '../../http/errors';
import { freshnessSecs, resolveCriteria, type ResolvedCriteria } from './criteria';
import { toResult } from './explain';
import {
  closeOpenSearch,
  insertOpenSearch,
  lockForOpening,
  setOpenedAtNow,
  selectOpenSearches,
  type OpenSearchRow,
} from './open-queries';
import { answerTimesOf, answerTimesPart, toAnswerTimes } from '../requests/answer-times';
import { confirmFirstPage, insertInitialCount, insertInitialMatches, readFirstPage, type FirstPage } from './match-store';
import {
  ORDER_EXPLAINED,
  orderKeys,
  selectPausedMatches,
  selectSearchPage,
  selectSearchPageAndPaused,
  selectSearchUnit,
  type AnswerTimesPart,
  type SearchPage,
  type SearchRow,
  type SearchRowWithTimes,
} from './queries';

export interface PageOpts {
  sort: SearchSort;
  page: number;
  perPage: number;
}

/** A row's owner's answer times, read with the row (providers only; offices have none). */
function timesOfRow(r: SearchRowWithTimes): AnswerTimes | undefined {
  if (r.ownerKind !== 'provider') return undefined;
  if (r.atRequests === null) return toAnswerTimes(undefined);
  return toAnswerTimes({
    providerId: r.ownerId,
    requests: r.atRequests,
    medianMinutes: r.atMedianMinutes,
    emergencyRequests: r.atEmergencyRequests!,
    emergencyWithin30: r.atEmergencyWithin30!,
    regularRequests: r.atRegularRequests!,
    regularWithin24h: r.atRegularWithin24h!,
  });
}

/** An ad-hoc search's reading: its resolved criteria, one page and the paused units, with answer times. */
export interface AdHocRead {
  c: ResolvedCriteria;
  page: SearchPage;
  paused: SearchRowWithTimes[];
}

/** The page and the paused units of resolved criteria in one statement, each with its providers' answer times. */
async function readPage(ctx: AppContext, c: ResolvedCriteria, o: PageOpts): Promise<{ page: SearchPage; paused: SearchRowWithTimes[] }> {
  const offset = (o.page - 1) * o.perPage;
  const times: AnswerTimesPart = (which) => answerTimesPart(ctx.sql, which);
  return c.includePaused
    ? ((await selectSearchPageAndPaused(ctx.sql, c, o.sort, o.perPage, offset, times)) as { page: SearchPage; paused: SearchRowWithTimes[] })
    : { page: await selectSearchPage(ctx.sql, c, o.sort, o.perPage, offset, times), paused: [] };
}

/**
 * An ad-hoc search's reads (criteria resolved, then one round trip): the same for every caller, so the
 * route runs them beside the session's lookup (RouteDef.prefetch). Throws the criteria's 400.
 */
export async function readAdHocSearch(ctx: AppContext, criteria: SearchCriteria, o: PageOpts): Promise<AdHocRead> {
  const c = await resolveCriteria(ctx.sql, ctx.config, criteria, 'body.criteria');
  return { c, ...(await readPage(ctx, c, o)) };
}

/**
 * Runs resolved criteria and shapes the answer: one page, its order explained, the stream position.
 * The page and the paused units are read in one statement, each with its providers' answer times:
 * one round trip. `alongside` runs once
 * the page is known and must neither throw nor make the answer wait (e.g. recording the search
 * after the answer). `ready`: the page, when the caller runs it (opening a search: the paused units
 * are read meanwhile); its answer times are then read after it.
 */
export async function searchPage(
  ctx: AppContext,
  c: ResolvedCriteria,
  o: PageOpts,
  alongside?: (page: { total: number; unitIds: string[] }) => void,
  ready?: SearchPage | Promise<SearchPage>,
  /** False when no paused unit can be among the paused list (known with the caller's page): its statement is skipped. */
  pausedCandidates?: Promise<boolean>,
): Promise<SearchResponse> {
  const times: AnswerTimesPart = (which) => answerTimesPart(ctx.sql, which);
  const pausedRows = async (): Promise<SearchRowWithTimes[]> => {
    if (!c.includePaused || (pausedCandidates && !(await pausedCandidates))) return [];
    return selectPausedMatches(ctx.sql, c, undefined, times) as Promise<SearchRowWithTimes[]>;
  };
  // an ad-hoc page and its paused units in one statement; a page run by the caller (an opening) beside
  // its paused units, read only when its page said a paused unit may be listed
  const { page, paused } = ready
    ? await Promise.all([ready, pausedRows()]).then(([page, paused]) => ({ page, paused }))
    : await readPage(ctx, c, o);
  alongside?.({ total: page.total, unitIds: page.rows.map((r) => r.unitId) });
  // a page run by the caller came without its answer times: read after it
  const readyTimes = ready && (await answerTimesOf(ctx.sql, page.rows.filter((r) => r.ownerKind === 'provider').map((r) => r.ownerId)));
  const pageTimes = readyTimes ? (r: SearchRow) => readyTimes.get(r.ownerId) : (r: SearchRow) => timesOfRow(r as SearchRowWithTimes);
  return answerOf(ctx, { c, page, paused }, o, pageTimes);
}

/** The answer to a page read: results explained, the order, the reference point, freshness, stream position. */
export function answerOf(ctx: AppContext, { c, page, paused }: AdHocRead, o: PageOpts, pageTimes = (r: SearchRow) => timesOfRow(r as SearchRowWithTimes)): SearchResponse {
  const offset = (o.page - 1) * o.perPage;
  return {
    paused: paused.map((r, i) => toResult(c, r, i + 1, timesOfRow(r))),
    items: page.rows.map((r, i) => toResult(c, r, offset + i + 1, pageTimes(r))),
    total: page.total,
    page: o.page,
    perPage: o.perPage,
    sort: o.sort,
    order: orderKeys(o.sort).map((k) => (k === 'unitId' ? 'unitId ascending (ties)' : ORDER_EXPLAINED[k])),
    reference: c.point,
    hiddenStale: page.hiddenStale,
    freshness: {
      unconfirmedAfterDays: Math.round(ctx.config.FRESHNESS_UNCONFIRMED_HOURS / 24),
      hiddenAfterDays: Math.round(c.staleAfterSecs / 86_400),
    },
    lastSeq: page.lastSeq,
  };
}

/** An ad-hoc search (POST /api/v1/search). */
export async function runSearch(ctx: AppContext, criteria: SearchCriteria, o: PageOpts): Promise<SearchResponse> {
  const c = await resolveCriteria(ctx.sql, ctx.config, criteria, 'body.criteria');
  return searchPage(ctx, c, o);
}

function statusOf(r: OpenSearchRow): OpenSearch['status'] {
  if (r.closeReason === 'closed') return 'closed';
  if (r.closeReason === 'expired' || r.expired) return 'expired';
  return 'open';
}

function toOpenSearch(r: OpenSearchRow): OpenSearch {
  return {
    id: r.id,
    officeId: r.officeId,
    ownerUserId: r.ownerUserId,
    ownerName: r.ownerName,
    name: r.name ?? r.caseRef,
    caseRef: r.caseRef,
    criteria: SearchCriteriaSchema.parse(r.criteria),
    reference: r.reference,
    status: statusOf(r),
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    closedAt: r.closedAt,
    matchCount: r.matchCount,
    room: rooms.search(r.id),
  };
}

/** The stored criteria as they were resolved when the search was opened (same point, same staleness limit). */
function storedCriteria(ctx: AppContext, r: OpenSearchRow): ResolvedCriteria {
  return {
    ...SearchCriteriaSchema.parse(r.criteria),
    point: r.reference,
    staleAfterSecs: r.staleAfterSecs,
    unconfirmedAfterSecs: freshnessSecs(ctx.config).unconfirmedAfterSecs,
  };
}

async function findOwn(ctx: AppContext, actor: UserActor, id: string): Promise<OpenSearchRow> {
  const [row] = await selectOpenSearches(ctx.sql, actor.orgId, { id, status: 'all' });
  if (!row) throw notFound('Search');
  return row;
}

/** Tests only: runs between a new search's first page and the opening lock, where a change may race it. */
export interface OpeningHooks {
  beforeLock?: () => Promise<void>;
}

/**
 * Opens a search: stores its criteria (no child identity) and its current match set, under the
 * lock that makes concurrent re-matches wait, so every later change is announced against this set.
 * The first page is read before the lock; under it, opening only confirms that no unit was
 * re-matched since (confirmFirstPage) and reads the page again when one was.
 */
export async function openSearch(ctx: AppContext, actor: UserActor, origin: AuditOrigin, body: CreateOpenSearchBody, hooks: OpeningHooks = {}) {
  const c = await resolveCriteria(ctx.sql, ctx.config, body.criteria, 'body.criteria');
  // before the transaction, never inside it: a transaction waiting for the lock while holding a
  // connection must not wait for another connection of the pool
  const first = readFirstPage(ctx.sql, c, { sort: body.sort, perPage: body.perPage, offset: (body.page - 1) * body.perPage });
  first.catch(() => {});
  const opening = storeOpenSearch(ctx, actor, origin, body, c, hooks, first);
  // the rest of the answer (the paused units, when the first page's statement found any the search
  // may list) is read meanwhile, on another connection; it fails with the opening, whose error is the one thrown
  const answer = searchPage(ctx, c, body, undefined, opening.then((r) => r.page), first.then((f) => f.paused));
  answer.catch(() => {});
  const { row } = await opening;
  return { search: toOpenSearch(row), results: await answer };
}

/** The search's row, its first match set and its audit entry; its first page. */
async function storeOpenSearch(
  ctx: AppContext, actor: UserActor, origin: AuditOrigin, body: CreateOpenSearchBody, c: ResolvedCriteria, hooks: OpeningHooks, firstPage: Promise<FirstPage>,
) {
  const caseRef = body.caseRef ?? null;
  const o = { sort: body.sort, perPage: body.perPage, offset: (body.page - 1) * body.perPage };
  const first = await firstPage;
  await hooks.beforeLock?.();
  return ctx.sql.begin(async (tx) => {
    // the lock, the duplicate check, the confirmation and the search's row in one round trip
    // (pipelined, run in this order; a duplicate rolls the row back)
    const [, sameRows, confirmed, id] = await Promise.all([
      lockForOpening(tx),
      // the same search for the same case, already open by this caseworker: offered to reuse, not opened twice
      body.onDuplicate === 'offer' ? selectOpenSearches(tx, actor.orgId, { ownerUserId: actor.userId, status: 'open', criteria: body.criteria, sameCaseRef: caseRef }) : [],
      confirmFirstPage(tx, first),
      insertOpenSearch(tx, {
        name: body.name ?? caseRef,
        caseRef,
        officeId: actor.orgId,
        ownerUserId: actor.userId,
        criteria: body.criteria,
        c,
        expiresInHours: body.expiresInHours ?? ctx.config.SEARCH_OPEN_HOURS,
        // the page's time: the snapshots' "matched before" is evaluated at it, as the page was
        createdAt: first.at,
      }),
    ]);
    const [same] = sameRows;
    if (same) {
      throw conflict('You already have this search open', { reason: 'duplicate-search', existing: { id: same.id, name: same.name ?? same.caseRef } });
    }
    // not confirmed: the first page again, under the lock (the same snapshot as the first match
    // set), at the search's opening time
    if (!confirmed) await setOpenedAtNow(tx, id);
    const page = confirmed ? first.page : await selectSearchPage(tx, c, body.sort, body.perPage, o.offset);
    // the search as listed (with its count) read in the same round trip, after the count
    const [, , [row]] = await Promise.all([
      confirmed ? insertInitialCount(tx, id, page.total) : insertInitialMatches(tx, id, c, page),
      writeAudit(tx, actor, origin, { action: 'search.open', objectType: 'open_search', objectId: id, details: { matches: page.total } }),
      selectOpenSearches(tx, actor.orgId, { id, status: 'all' }),
    ]);
    return { row, page };
  });
}

export async function listSearches(ctx: AppContext, actor: UserActor, f: { status: 'open' | 'closed' | 'all'; mine?: 'true' | 'false' }) {
  const rows = await selectOpenSearches(ctx.sql, actor.orgId, { status: f.status, ownerUserId: f.mine === 'true' ? actor.userId : undefined });
  return { items: rows.map(toOpenSearch) };
}

export async function getSearch(ctx: AppContext, actor: UserActor, id: string): Promise<OpenSearch> {
  return toOpenSearch(await findOwn(ctx, actor, id));
}

/** The current results of an open (or closed) search of the office, re-run with its stored criteria. */
export async function openSearchResults(ctx: AppContext, actor: UserActor, id: string, o: PageOpts): Promise<SearchResponse> {
  return searchPage(ctx, storedCriteria(ctx, await findOwn(ctx, actor, id)), o);
}

/** One unit as a result of the search, explained; 404 when it does not match (any more). */
export async function openSearchResult(ctx: AppContext, actor: UserActor, id: string, unitId: string): Promise<SearchResult> {
  const c = storedCriteria(ctx, await findOwn(ctx, actor, id));
  const row = await selectSearchUnit(ctx.sql, c, unitId);
  if (!row) throw notFound('Matching unit');
  return toResult(c, row, 0);
}

/** Closes a search (its owner or the office admin); its room is told to reload. Closing twice is fine. */
export async function closeSearch(ctx: AppContext, actor: UserActor, origin: AuditOrigin, id: string): Promise<OpenSearch> {
  const row = await findOwn(ctx, actor, id);
  if (row.ownerUserId !== actor.userId && actor.role !== 'office_admin') throw forbidden('Only its owner or the office admin closes a search');
  await ctx.sql.begin(async (tx) => {
    if (!(await closeOpenSearch(tx, actor.orgId, id, 'closed'))) return;
    await publishEvent(tx, 'search:reload', [rooms.search(id)], { searchId: id, reason: 'closed' });
    await writeAudit(tx, actor, origin, { action: 'search.close', objectType: 'open_search', objectId: id });
  });
  return toOpenSearch(await findOwn(ctx, actor, id));
}

/** The office's searches (open or closed) for one case reference. */
export async function searchesOfCase(ctx: AppContext, actor: UserActor, caseRef: string): Promise<OpenSearch[]> {
  return (await selectOpenSearches(ctx.sql, actor.orgId, { status: 'all', caseRef })).map(toOpenSearch);
}
