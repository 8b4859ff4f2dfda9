import { CreatedRequestsSchema, EmergencyQuerySchema, EmergencyRequestBodySchema, EmergencyResultSchema } from '../../../shared/schemas/requests';
import { OFFICE_ROLES as OFFICE } from '../../../shared/roles';
import { defineRoute } from '../../http/route';
import { emergencyUnits, sendEmergencyRequests } from './service';

export const emergencyRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/emergency/units',
    summary: 'Emergency mode: units with 24/7 intake and an available place for this child, nearest first',
    tags: ['emergency'],
    access: OFFICE,
    query: EmergencyQuerySchema,
    response: EmergencyResultSchema,
    handler: async ({ ctx, actor, query }) => emergencyUnits(ctx, actor, query),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/emergency/requests',
    summary: 'Emergency mode: one action sends an emergency request to one or several units (Idempotency-Key accepted)',
    tags: ['emergency'],
    access: OFFICE,
    errors: [409],
    body: EmergencyRequestBodySchema,
    response: CreatedRequestsSchema,
    status: 201,
    handler: async ({ ctx, origin, idempotency, actor, body }) => sendEmergencyRequests(ctx, origin, idempotency, actor, body),
  }),
];
