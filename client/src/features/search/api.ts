import type { OpenSearch, SearchCriteriaInput, SearchResponse, SearchResult, SearchSort } from '../../../../shared/schemas/search';
import { api } from '../../lib/api';

export type { OpenSearch, SearchResponse, SearchResult, SearchSort };

export const runSearch = (criteria: SearchCriteriaInput, sort: SearchSort, page: number) =>
  api<SearchResponse>('POST', '/api/v1/search', { criteria, sort, page, perPage: 25 });
/** Opens a search; an identical open search of the caller for the same case is answered 409 (duplicate-search) for reuse. */
export const openSearch = (criteria: SearchCriteriaInput, sort: SearchSort, named: { caseRef?: string; name?: string } = {}) =>
  api<{ search: OpenSearch; results: SearchResponse }>('POST', '/api/v1/searches', { criteria, sort, perPage: 25, ...named, onDuplicate: 'offer' });
export const openResults = (id: string, sort: SearchSort, page: number) =>
  api<SearchResponse>('GET', `/api/v1/searches/${id}/results?sort=${sort}&page=${page}&perPage=25`);
export const openResult = (id: string, unitId: string) => api<SearchResult>('GET', `/api/v1/searches/${id}/results/${unitId}`);
export const closeSearch = (id: string) => api<OpenSearch>('POST', `/api/v1/searches/${id}/close`, {});
export const listOpenSearches = () => api<{ items: OpenSearch[] }>('GET', '/api/v1/searches?status=open').then((r) => r.items);
export const getSearch = (id: string) => api<OpenSearch>('GET', `/api/v1/searches/${id}`);
