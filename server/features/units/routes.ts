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
import { OFFER_READER_ROLES as OFFICES, UNIT_KEEPER_ROLES as KEEPERS } from '../../../shared/roles';
import { requireAuthed, requireUser } from '../../http/actor';
import { defineRoute } from '../../http/route';
import { archiveUnit, createUnit, getListedUnit, getOwnUnit, listListedUnitsOf, listOwnUnits, updateUnit } from './service';

const origin = (req: { ip?: string; requestId: string }) => ({ ip: req.ip, requestId: req.requestId });

export const unitRoutes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/units',
    summary: "The own organisation's units with availability, freshness and planned vacancies",
    tags: ['units'],
    access: [...KEEPERS, 'api_token'],
    query: UnitListQuerySchema,
    response: UnitListSchema,
    handler: async ({ ctx, actor, query }) => ({ items: await listOwnUnits(ctx, requireAuthed(actor), query) }),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/units',
    summary: 'Create a unit: a group in a facility, a non-residential offer, or a foster place (with its confidential address)',
    tags: ['units'],
    access: KEEPERS,
    errors: [409],
    body: CreateUnitBodySchema,
    response: UnitSchema,
    status: 201,
    handler: async ({ ctx, req, actor, body }) => createUnit(ctx, requireUser(actor), origin(req), body),
  }),
  defineRoute({
    method: 'get',
    path: '/api/v1/units/:id',
    summary: 'One own unit (owner view, including the foster address)',
    tags: ['units'],
    access: [...KEEPERS, 'api_token'],
    params: IdParams,
    response: UnitSchema,
    handler: async ({ ctx, actor, params }) => getOwnUnit(ctx, ctx.sql, requireAuthed(actor), params.id),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/v1/units/:id',
    summary: 'Change attributes of an own unit (optionally only if unchanged since expectedVersion)',
    tags: ['units'],
    access: KEEPERS,
    errors: [409],
    params: IdParams,
    body: UpdateUnitBodySchema,
    response: UnitSchema,
    handler: async ({ ctx, req, actor, params, body }) => updateUnit(ctx, requireUser(actor), origin(req), params.id, body),
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/units/:id/archive',
    summary: 'Archive an own unit: it disappears from search and directory',
    tags: ['units'],
    access: KEEPERS,
    errors: [409],
    params: IdParams,
    response: UnitSchema,
    handler: async ({ ctx, req, actor, params }) => archiveUnit(ctx, requireUser(actor), origin(req), params.id),
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
