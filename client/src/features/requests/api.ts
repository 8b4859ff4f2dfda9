import type { PlacementRequest } from '../../../../shared/schemas/requests';
import { api } from '../../lib/api';

export type Req = PlacementRequest;

export const fetchRequests = (status: string) => api<{ items: Req[] }>('GET', `/api/v1/requests?status=${status}`).then((r) => r.items);
export const fetchRequest = (id: string) => api<Req>('GET', `/api/v1/requests/${id}`);

/** A fresh key per user action: a retried click of the same action reuses it. */
export function newIdempotencyKey(): string {
  return `ui-${crypto.randomUUID()}`;
}

export async function act(id: string, action: string, body: unknown = {}, idempotencyKey?: string): Promise<Req> {
  if (!idempotencyKey) return api<Req>('POST', `/api/v1/requests/${id}/${action}`, body);
  return api<Req>('POST', `/api/v1/requests/${id}/${action}`, body, { 'Idempotency-Key': idempotencyKey });
}
