import {
  DirectoryFacetsSchema,
  DirectoryOfferDetailSchema,
  DirectoryOriginSchema,
  DirectorySearchQuerySchema,
  DirectorySearchResultSchema,
  PostcodeParams,
} from '../../../shared/schemas/directory';
import { IdParams } from '../../../shared/schemas/common';
import { defineRoute } from '../../http/route';
import { getFacets, getOffer, lookupPostcode, searchDirectory } from './service';

/** The public directory: no login, no child data, verified providers only, never foster places. */
export const directoryRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/directory/offers',
    summary: 'Search the public directory of offers (German full text, type of service, age, language, district, distance)',
    tags: ['directory'],
    access: 'public',
    query: DirectorySearchQuerySchema,
    response: DirectorySearchResultSchema,
    handler: async ({ ctx, query }) => searchDirectory(ctx, query),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/directory/offers/:id',
    summary: 'One offer of the public directory with contact, opening hours, accessibility and languages',
    tags: ['directory'],
    access: 'public',
    params: IdParams,
    response: DirectoryOfferDetailSchema,
    handler: async ({ ctx, params }) => getOffer(ctx, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/directory/facets',
    summary: 'Filter values of the directory: types of service offered, languages, districts with offers',
    tags: ['directory'],
    access: 'public',
    response: DirectoryFacetsSchema,
    handler: async ({ ctx }) => getFacets(ctx),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/directory/postcodes/:code',
    summary: 'Where a German postcode lies (offline data), for distance searches',
    tags: ['directory'],
    access: 'public',
    params: PostcodeParams,
    response: DirectoryOriginSchema,
    handler: async ({ ctx, params }) => lookupPostcode(ctx, params.code),
  }),
];
