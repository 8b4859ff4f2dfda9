import type { BoundaryUploadResult, DistrictBoundaries } from '../../../../shared/schemas/district-boundaries';
import { api } from '../../lib/api';
import { useApiData } from '../../lib/use-api';

const URL = '/api/v1/monitoring/district-boundaries';

export const fetchBoundaries = () => api<DistrictBoundaries>('GET', URL);
/** Sends the chosen file as it is (the server reads, checks and simplifies it). */
export const uploadBoundaries = (file: Blob, keyProperty: string) =>
  api<BoundaryUploadResult>('PUT', keyProperty ? `${URL}?keyProperty=${encodeURIComponent(keyProperty)}` : URL, file, { 'Content-Type': 'application/json' });
export const deleteBoundaries = () => api<void>('DELETE', URL);
export const useBoundaries = () => useApiData(fetchBoundaries, []);
