import { IdParams } from '../../../shared/schemas/common';
import {
  CreateOpenSearchBodySchema,
  OpenSearchCreatedSchema,
  OpenSearchListQuerySchema,
  OpenSearchListSchema,
  OpenSearchSchema,
  ReferenceSuggestionsSchema,
  ReferenceSuggestQuerySchema,
  SearchPageQuerySchema,
  SearchRequestSchema,
  SearchResponseSchema,
  SearchResultSchema,
  UnitParams,
} from '../../../shared/schemas/search';
import { OFFICE_ROLES as SEARCHERS } from '../../../shared/roles';
import { defineRoute } from '../../http/route';
import { suggestReferences } from './reference';
import { runRecordedSearch } from './recorded';
import { closeSearch, getSearch, listSearches, openSearch, openSearchResult, openSearchResults, readAdHocSearch } from './service';

/** Who searches: the youth welfare office's caseworkers, on-call workers and admins. */
const tags = ['search'];

export const searchRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/v1/search',
    summary: 'Search places: hard criteria filter, preferences rank; every result explains itself',
    tags,
    access: SEARCHERS,
    body: SearchRequestSchema,
    response: SearchResponseSchema,
    responseBuilt: true,
    // the page's statement needs no identity: it runs while the session is looked up
    prefetch: async ({ ctx, body }) => readAdHocSearch(ctx, body.criteria, body),
    handler: async ({ ctx, actor, body, prefetched }) => runRecordedSearch(ctx, actor, body.criteria, body, prefetched),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/search/references',
    summary: 'Postcodes and towns for the reference point (offline data)',
    tags,
    access: SEARCHERS,
    query: ReferenceSuggestQuerySchema,
    response: ReferenceSuggestionsSchema,
    handler: async ({ ctx, query }) => ({ items: await suggestReferences(ctx.sql, query.q) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/searches',
    summary: 'Keep a search open: live updates in room search:<id>, e-mail digest when away',
    tags,
    access: SEARCHERS,
    body: CreateOpenSearchBodySchema,
    response: OpenSearchCreatedSchema,
    status: 201,
    handler: async ({ ctx, origin, actor, body }) => openSearch(ctx, actor, origin, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/searches',
    summary: "The office's open (or closed) searches",
    tags,
    access: SEARCHERS,
    query: OpenSearchListQuerySchema,
    response: OpenSearchListSchema,
    handler: async ({ ctx, actor, query }) => listSearches(ctx, actor, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/searches/:id',
    summary: 'One search of the office',
    tags,
    access: SEARCHERS,
    params: IdParams,
    response: OpenSearchSchema,
    handler: async ({ ctx, actor, params }) => getSearch(ctx, actor, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/searches/:id/results',
    summary: "A search's current results, in the chosen order",
    tags,
    access: SEARCHERS,
    params: IdParams,
    query: SearchPageQuerySchema,
    response: SearchResponseSchema,
    responseBuilt: true,
    handler: async ({ ctx, actor, params, query }) => openSearchResults(ctx, actor, params.id, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/searches/:id/results/:unitId',
    summary: 'One unit as a result of the search, explained (after search:match-added/-changed)',
    tags,
    access: SEARCHERS,
    params: UnitParams,
    response: SearchResultSchema,
    responseBuilt: true,
    handler: async ({ ctx, actor, params }) => openSearchResult(ctx, actor, params.id, params.unitId),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/searches/:id/close',
    summary: 'Close a search (owner or office admin); its room is told to reload',
    tags,
    access: SEARCHERS,
    params: IdParams,
    response: OpenSearchSchema,
    handler: async ({ ctx, origin, actor, params }) => closeSearch(ctx, actor, origin, params.id),
  }),
];
