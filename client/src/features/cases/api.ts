import type { CaseView } from '../../../../shared/schemas/cases';
import { api } from '../../lib/api';
import { useApiData } from '../../lib/use-api';

export type { CaseView };
export const fetchCase = (caseRef: string) => api<CaseView>('GET', `/api/v1/cases/${encodeURIComponent(caseRef)}`);
export const useCase = (caseRef: string) => useApiData(() => fetchCase(caseRef), [caseRef]);
