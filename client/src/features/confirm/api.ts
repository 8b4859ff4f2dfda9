import type { ConfirmLinkResult, ConfirmLinkView } from '../../../../shared/schemas/confirm-links';
import { api } from '../../lib/api';
import { useApiData } from '../../lib/use-api';

/** The reminder link's calls: GET shows (never confirms), POST confirms. */
export const confirmApi = {
  view: (token: string) => api<ConfirmLinkView>('GET', `/api/v1/confirm-links/${encodeURIComponent(token)}`),
  confirm: (token: string) => api<ConfirmLinkResult>('POST', `/api/v1/confirm-links/${encodeURIComponent(token)}`),
};

export const useConfirmLink = (token: string) => useApiData(() => confirmApi.view(token), [token]);
