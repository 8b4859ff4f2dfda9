import type { CreatedRequests, CreateRequestBody, PlacementRequest, RunningRequests } from '../../../../shared/schemas/requests';
import { api } from '../../lib/api';
import { useApiData } from '../../lib/use-api';

export type Req = PlacementRequest;
/** What the composer sends: the age stays empty when not typed, so the server names the missing field. */
/** What the form sends: fields left empty are sent missing, so the server names them (it requires them). */
export type RequestDraft = Omit<CreateRequestBody, 'childAge' | 'childGender' | 'desiredStart' | 'urgency'> &
  Partial<Pick<CreateRequestBody, 'childAge' | 'childGender' | 'desiredStart' | 'urgency'>>;
export type Running = RunningRequests['items'][number];

export const fetchRequests = (status: string) => api<{ items: Req[] }>('GET', `/api/v1/requests?status=${status}`).then((r) => r.items);
export const fetchRequest = (id: string) => api<Req>('GET', `/api/v1/requests/${id}`);
export const createRequests = (body: RequestDraft, idempotencyKey: string) => api<CreatedRequests>('POST', '/api/v1/requests', body, { 'Idempotency-Key': idempotencyKey });
/** The office's running requests to these units, every case (colleagues see them before they send). */
export const fetchRunning = (unitIds: string[]) =>
  unitIds.length ? api<RunningRequests>('GET', `/api/v1/requests/running?unitIds=${unitIds.join(',')}`).then((r) => r.items) : Promise.resolve([] as Running[]);

export { newIdempotencyKey } from '../../lib/api';

export async function act(id: string, action: string, body: unknown = {}, idempotencyKey?: string): Promise<Req> {
  if (!idempotencyKey) return api<Req>('POST', `/api/v1/requests/${id}/${action}`, body);
  return api<Req>('POST', `/api/v1/requests/${id}/${action}`, body, { 'Idempotency-Key': idempotencyKey });
}

export const useRequests = (filter: string) => useApiData(() => fetchRequests(filter), [filter]);
export const useRequest = (id: string) => useApiData(() => fetchRequest(id), [id]);
export const useRunning = (unitIds: string[]) => useApiData(() => fetchRunning(unitIds), [unitIds]).data ?? [];
