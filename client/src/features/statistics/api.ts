import type { Statistics } from '../../../../shared/schemas/statistics';
import { api } from '../../lib/api';
import { useApiData } from '../../lib/use-api';

export type { Statistics };

export const fetchStatistics = (days: number) => api<Statistics>('GET', `/api/v1/statistics?days=${days}`);

/** The figures of the last `days` days, loaded again when the period changes. */
export const useStatistics = (days: number) => useApiData(() => fetchStatistics(days), [days]);
