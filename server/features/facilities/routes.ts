import { z } from 'zod';
import { IdParams } from '../../../shared/schemas/common';
import { CreateFacilityBodySchema, FacilityListSchema, FacilitySchema, UpdateFacilityBodySchema } from '../../../shared/schemas/places';
import { PROVIDER_ROLES } from '../../../shared/roles';
import { defineRoute } from '../../http/route';
import { archiveFacility, createFacility, getFacility, listFacilities, updateFacility } from './service';

const READERS = [...PROVIDER_ROLES, 'api_token'] as const;
const ListQuery = z.object({ includeArchived: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });

export const facilityRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/facilities',
    summary: "The own provider's facilities (Einrichtungen)",
    tags: ['facilities'],
    access: READERS,
    query: ListQuery,
    response: FacilityListSchema,
    handler: async ({ ctx, actor, query }) => ({ items: await listFacilities(ctx, actor, query.includeArchived ?? false) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/facilities',
    summary: 'Create a facility (provider admin); without coordinates the postcode locates it',
    tags: ['facilities'],
    access: ['provider_admin'],
    body: CreateFacilityBodySchema,
    response: FacilitySchema,
    status: 201,
    handler: async ({ ctx, origin, actor, body }) => createFacility(ctx, actor, origin, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/facilities/:id',
    summary: 'One own facility',
    tags: ['facilities'],
    access: READERS,
    params: IdParams,
    response: FacilitySchema,
    handler: async ({ ctx, actor, params }) => getFacility(ctx.sql, actor, params.id),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/facilities/:id',
    summary: 'Change a facility (provider admin); its groups follow a new address',
    tags: ['facilities'],
    access: ['provider_admin'],
    errors: [409],
    params: IdParams,
    body: UpdateFacilityBodySchema,
    response: FacilitySchema,
    handler: async ({ ctx, origin, actor, params, body }) => updateFacility(ctx, actor, origin, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/facilities/:id/archive',
    summary: 'Archive a facility without active units (provider admin)',
    tags: ['facilities'],
    access: ['provider_admin'],
    errors: [409],
    params: IdParams,
    response: FacilitySchema,
    handler: async ({ ctx, origin, actor, params }) => archiveFacility(ctx, actor, origin, params.id),
  }),
];
