import { IdParams } from '../../../shared/schemas/common';
import {
  CreateUnitBodySchema,
  PublicUnitListSchema,
  PublicUnitSchema,
  UnitListQuerySchema,
  UnitListSchema,
  UnitSchema,
  UpdateUnitBodySchema,
} from '../../../shared/schemas/places';
import { defineRoute } from '../../http/route';
import { archiveUnit, createUnit, getListedUnit, getOwnUnit, listListedUnitsOf, listOwnUnits, updateUnit } from './service';

/** Who keeps units: provider staff and admins; an office admin keeps the office's foster places. */
const KEEPERS = ['provider_staff', 'provider_admin', 'office_admin'] as const;
/** Who sees other organisations' offers. */
const OFFICES = ['caseworker', 'oncall', 'office_admin', 'platform_admin'] as const;

export const unitRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/units',
    summary: "The own organisation's units with availability, freshness and planned vacancies",
    tags: ['units'],
    access: [...KEEPERS, 'api_token'],
    query: UnitListQuerySchema,
    response: UnitListSchema,
    handler: async ({ ctx, actor, query }) => ({ items: await listOwnUnits(ctx, actor, query) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/units',
    summary: 'Create a unit: a group in a facility, a non-residential offer, or a foster place (with its confidential address)',
    tags: ['units'],
    access: KEEPERS,
    body: CreateUnitBodySchema,
    response: UnitSchema,
    status: 201,
    handler: async ({ ctx, origin, actor, body }) => createUnit(ctx, actor, origin, body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/units/:id',
    summary: 'One own unit (owner view, including the foster address)',
    tags: ['units'],
    access: [...KEEPERS, 'api_token'],
    params: IdParams,
    response: UnitSchema,
    handler: async ({ ctx, actor, params }) => getOwnUnit(ctx, ctx.sql, actor, params.id),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/units/:id',
    summary: 'Change attributes of an own unit (optionally only if unchanged since expectedVersion)',
    tags: ['units'],
    access: KEEPERS,
    params: IdParams,
    body: UpdateUnitBodySchema,
    response: UnitSchema,
    handler: async ({ ctx, origin, actor, params, body }) => updateUnit(ctx, actor, origin, params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/units/:id/archive',
    summary: 'Archive an own unit: it disappears from search and directory',
    tags: ['units'],
    access: KEEPERS,
    params: IdParams,
    response: UnitSchema,
    handler: async ({ ctx, origin, actor, params }) => archiveUnit(ctx, actor, origin, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/offers/:id',
    summary: "Another organisation's unit as offices see it (verified providers only; foster places with a coarse area only)",
    tags: ['units'],
    access: OFFICES,
    params: IdParams,
    response: PublicUnitSchema,
    handler: async ({ ctx, params }) => getListedUnit(ctx, params.id),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/providers/:id/offers',
    summary: "A verified provider's (or an office's foster service's) live units, as offices see them",
    tags: ['units'],
    access: OFFICES,
    params: IdParams,
    response: PublicUnitListSchema,
    handler: async ({ ctx, params }) => ({ items: await listListedUnitsOf(ctx, params.id) }),
  }),
];
