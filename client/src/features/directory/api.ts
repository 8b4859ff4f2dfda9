import type { DirectoryFacets, DirectoryOfferDetail, DirectorySearchResult } from '../../../../shared/schemas/directory';
import { api } from '../../lib/api';

export interface ClientConfig {
  mapTileUrl: string;
  mapTileAttribution: string;
}

let config: Promise<ClientConfig> | undefined;
export const getClientConfig = () => (config ??= api<ClientConfig>('GET', '/api/v1/client-config'));

let facets: Promise<DirectoryFacets> | undefined;
export const getFacets = () => (facets ??= api<DirectoryFacets>('GET', '/api/v1/directory/facets'));

/** The search as it stands in the address bar (so it can be shared and the back button works). */
export const searchOffers = (params: URLSearchParams) => {
  const q = new URLSearchParams([...params].filter(([, v]) => v !== ''));
  return api<DirectorySearchResult>('GET', `/api/v1/directory/offers?${q}`);
};

export const getOffer = (id: string) => api<DirectoryOfferDetail>('GET', `/api/v1/directory/offers/${encodeURIComponent(id)}`);
