import type { DomainEventMap } from '../../../../shared/events';
import type { CreatedRequests, EmergencyRequestBody, EmergencyResult, EmergencyUnit } from '../../../../shared/schemas/requests';
import { api } from '../../lib/api';

export type { CreatedRequests, EmergencyResult, EmergencyUnit };
export type Suggestion = DomainEventMap['request:escalated']['suggestions'][number];

/** Where the child is: a postcode, or the phone's location. */
export interface EmergencyQuery {
  age: string;
  gender: string;
  postcode: string;
  here: { lat: number; lon: number } | null;
}

/** Units with 24/7 intake and a place for this child, nearest first. Values go as typed: the server names what is wrong. */
export function fetchEmergencyUnits(q: EmergencyQuery) {
  const params = new URLSearchParams({ age: q.age, gender: q.gender, limit: '15' });
  if (q.here) {
    params.set('lat', String(q.here.lat));
    params.set('lon', String(q.here.lon));
  } else params.set('postcode', q.postcode);
  return api<EmergencyResult>('GET', `/api/v1/emergency/units?${params}`);
}

/** Sent with the action's Idempotency-Key: pressing send again after a lost answer does not ask twice. */
export const sendEmergencyRequests = (body: EmergencyRequestBody, idempotencyKey: string) =>
  api<CreatedRequests>('POST', '/api/v1/emergency/requests', body, { 'Idempotency-Key': idempotencyKey });
