import type {
  MonitoringAnswerTimes,
  MonitoringDemand,
  MonitoringPlacementTime,
  MonitoringSupply,
  MonitoringUnmet,
  ProviderMonitoring,
} from '../../../../shared/schemas/monitoring';
import { api } from '../../lib/api';
import { useApiData } from '../../lib/use-api';

export interface Filters {
  days: number;
  scope?: string;
  district?: string;
}

const qs = (f: Filters) => new URLSearchParams(Object.entries(f).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)])).toString();

export const fetchSupply = (f: Filters) => api<MonitoringSupply>('GET', `/api/v1/monitoring/supply?${qs(f)}`);
export const fetchDemand = (f: Filters) => api<MonitoringDemand>('GET', `/api/v1/monitoring/demand?${qs(f)}`);
export const fetchUnmet = (f: Filters) => api<MonitoringUnmet>('GET', `/api/v1/monitoring/unmet?${qs(f)}`);
export const fetchPlacementTime = (f: Filters) => api<MonitoringPlacementTime>('GET', `/api/v1/monitoring/placement-time?${qs(f)}`);
export const fetchAnswerTimes = (f: Filters) => api<MonitoringAnswerTimes>('GET', `/api/v1/monitoring/answer-times?${qs(f)}`);
export const fetchProvider = (days: number) => api<ProviderMonitoring>('GET', `/api/v1/monitoring/provider?days=${days}`);

const key = (f: Filters) => [f.days, f.scope, f.district];
export const useSupply = (f: Filters) => useApiData(() => fetchSupply(f), key(f));
export const useDemand = (f: Filters) => useApiData(() => fetchDemand(f), key(f));
export const useUnmet = (f: Filters) => useApiData(() => fetchUnmet(f), key(f));
export const usePlacementTime = (f: Filters) => useApiData(() => fetchPlacementTime(f), key(f));
export const useAnswerTimes = (f: Filters) => useApiData(() => fetchAnswerTimes(f), key(f));
export const useProviderMonitoring = (days: number) => useApiData(() => fetchProvider(days), [days]);

/** District names by AGS (the demand answer names districts by code), loaded only when `wanted`. */
export function useDistrictNames(wanted: boolean): Map<string, string> | null {
  return useApiData(
    () => (wanted ? api<{ items: { ags: string; name: string }[] }>('GET', '/api/v1/districts').then((r) => new Map(r.items.map((d) => [d.ags, d.name]))) : Promise.resolve(null)),
    [wanted],
  ).data;
}
