import type { ApiToken, CreatedApiToken } from '../../../../shared/schemas/api-tokens';
import type { BulkResult, CsvResult } from '../../../../shared/schemas/availability';
import type { BoardAnswerTimes, ConfirmationHistory } from '../../../../shared/schemas/board';
import type { District } from '../../../../shared/schemas/organisations';
import type { Facility, Unit } from '../../../../shared/schemas/places';
import { api } from '../../lib/api';
import { fetchTaxonomies } from '../../lib/taxonomies';
import { useApiData } from '../../lib/use-api';

/** The provider screens' calls to the API, one function each. */
export const providerApi = {
  units: (includeArchived = false) => api<{ items: Unit[] }>('GET', `/api/v1/units${includeArchived ? '?includeArchived=true' : ''}`).then((r) => r.items),
  unit: (id: string) => api<Unit>('GET', `/api/v1/units/${id}`),
  createUnit: (body: object) => api<Unit>('POST', '/api/v1/units', body),
  updateUnit: (id: string, body: object) => api<Unit>('PATCH', `/api/v1/units/${id}`, body),
  archiveUnit: (id: string) => api<Unit>('POST', `/api/v1/units/${id}/archive`),
  confirm: (id: string) => api<Unit>('POST', `/api/v1/units/${id}/confirm`),
  pause: (id: string, body: { reason: string; until: string; note?: string | null }) => api<Unit>('POST', `/api/v1/units/${id}/pause`, body),
  resume: (id: string) => api<Unit>('DELETE', `/api/v1/units/${id}/pause`),
  admittable: (id: string, admittablePlaces: number | null) => api<Unit>('PUT', `/api/v1/units/${id}/admittable`, { admittablePlaces }),
  move: (id: string, delta: number) => api<Unit>('POST', `/api/v1/units/${id}/availability`, { delta }),
  addPlanned: (id: string, body: { availableFrom: string; places: number; note?: string }) => api<Unit>('POST', `/api/v1/units/${id}/planned-vacancies`, body),
  removePlanned: (id: string, vacancyId: string) => api<Unit>('DELETE', `/api/v1/units/${id}/planned-vacancies/${vacancyId}`),
  bulk: (units: { unitId: string; freePlaces: number }[]) => api<BulkResult>('PUT', '/api/v1/availability', { units }),
  csv: (csv: string, dryRun: boolean) => api<CsvResult>('POST', `/api/v1/availability/csv?dryRun=${dryRun}`, { csv }),
  /** The file's bytes as they are: the server tells UTF-8 from Windows-1252 (Excel in Germany). */
  csvFile: (file: Blob, dryRun: boolean) => api<CsvResult>('POST', `/api/v1/availability/csv?dryRun=${dryRun}`, file, { 'Content-Type': 'text/csv' }),
  confirmations: (id: string) => api<ConfirmationHistory>('GET', `/api/v1/units/${id}/confirmations?limit=10`),
  answerTimes: () => api<BoardAnswerTimes>('GET', '/api/v1/availability/answer-times'),
  facilities: () => api<{ items: Facility[] }>('GET', '/api/v1/facilities').then((r) => r.items),
  createFacility: (body: object) => api<Facility>('POST', '/api/v1/facilities', body),
  updateFacility: (id: string, body: object) => api<Facility>('PATCH', `/api/v1/facilities/${id}`, body),
  archiveFacility: (id: string) => api<Facility>('POST', `/api/v1/facilities/${id}/archive`),
  tokens: () => api<{ items: ApiToken[] }>('GET', '/api/v1/api-tokens').then((r) => r.items),
  createToken: (name: string) => api<CreatedApiToken>('POST', '/api/v1/api-tokens', { name }),
  revokeToken: (id: string) => api<ApiToken>('POST', `/api/v1/api-tokens/${id}/revoke`),
  taxonomies: fetchTaxonomies,
  districts: () => api<{ items: District[] }>('GET', '/api/v1/districts').then((r) => r.items),
};

export const useUnits = () => useApiData(() => providerApi.units(), []);
export const useFacilities = () => useApiData(providerApi.facilities, []);
/** Districts for the address forms; an empty list when they cannot be loaded. */
export const useDistricts = () => useApiData(() => providerApi.districts().catch((): District[] => []), []).data ?? [];
export const useTokens = () => useApiData(providerApi.tokens, []);
/** The csv download: a plain link, so the browser saves it with the session cookie. */
export const CSV_DOWNLOAD_URL = '/api/v1/availability/csv';
