import type { DomainEventMap } from '../../../../shared/events';
import type { OfflinePack } from '../../../../shared/schemas/fallback-contacts';
import type { CreatedRequests, EmergencyRequestBody, EmergencyResult, EmergencyUnit } from '../../../../shared/schemas/requests';
import { api } from '../../lib/api';

export type { CreatedRequests, EmergencyResult, EmergencyUnit };
export type Escalation = DomainEventMap['request:escalated'];
export type Suggestion = Escalation['suggestions'][number];

/** Where the child is: a postcode, or the phone's location. */
export interface EmergencyQuery {
  age: string;
  gender: string;
  postcode: string;
  here: { lat: number; lon: number } | null;
}

/** The child's point as the API takes it, for the search and for the escalation. */
export const pointOf = (q: EmergencyQuery) => (q.here ? { lat: q.here.lat, lon: q.here.lon } : { postcode: q.postcode });

/** Units with 24/7 intake and a place for this child, nearest first, within the cap unless `wider`. Values go as typed: the server names what is wrong. */
export function fetchEmergencyUnits(q: EmergencyQuery, wider = false) {
  const params = new URLSearchParams({ age: q.age, gender: q.gender, limit: '15' });
  if (wider) params.set('wider', 'true');
  for (const [k, v] of Object.entries(pointOf(q))) params.set(k, String(v));
  return api<EmergencyResult>('GET', `/api/v1/emergency/units?${params}`);
}

/** Sent with the action's Idempotency-Key: pressing send again after a lost answer does not ask twice. */
export const sendEmergencyRequests = (body: EmergencyRequestBody, idempotencyKey: string) =>
  api<CreatedRequests>('POST', '/api/v1/emergency/requests', body, { 'Idempotency-Key': idempotencyKey });

export const fetchOfflinePack = () => api<OfflinePack>('GET', '/api/v1/emergency/offline-pack');

/** The requests of one sent emergency group (status screen opened from a notification). */
export const fetchGroup = (groupId: string) =>
  api<{ items: CreatedRequests['items'] }>('GET', `/api/v1/requests?groupId=${encodeURIComponent(groupId)}&status=all`).then((r) => ({ groupId, items: r.items }));
